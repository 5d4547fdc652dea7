package dev.routerlab.ospf;

import java.util.List;

/**
 * What the engine needs to know about one interface running OSPF (the router fills it from the
 * model: `ip address`, `network ... area` / `ip ospf N area X`, `ip ospf ...` commands,
 * `bandwidth`, `ip mtu`, `passive-interface`, `neighbor`). Addresses and area ids are IPv4
 * values as int. Interval fields are seconds (RFC 2328 9: HelloInterval, RouterDeadInterval,
 * RxmtInterval, InfTransDelay).
 *
 * @param authKey     type 1: the password (up to 8 bytes); type 2: the MD5 key (up to 16 bytes)
 * @param md5KeyId    key id of `ip ospf message-digest-key K md5 KEY`
 * @param neighbors   configured neighbours' addresses (non-broadcast networks, RFC 2328 9.5.1)
 */
public record OspfInterfaceConfig(String name, int address, int mask, int areaId, NetworkType networkType, int cost,
                                  int helloInterval, int deadInterval, int retransmitInterval, int transmitDelay,
                                  int priority, int mtu, boolean mtuIgnore, boolean passive, AuthType authType,
                                  byte[] authKey, int md5KeyId, List<Integer> neighbors) {

    /** Interface network types (RFC 2328 1.2, `ip ospf network`), plus loopback. */
    public enum NetworkType { BROADCAST, NON_BROADCAST, POINT_TO_POINT, POINT_TO_MULTIPOINT, LOOPBACK }

    /** `ip ospf authentication [null | message-digest]` (RFC 2328 D: types 0, 1, 2). */
    public enum AuthType { NULL, SIMPLE, MESSAGE_DIGEST }

    public OspfInterfaceConfig {
        neighbors = List.copyOf(neighbors);
        authKey = authKey == null ? new byte[0] : authKey.clone();
        if (helloInterval < 1 || deadInterval < 1 || retransmitInterval < 1 || transmitDelay < 0)
            throw new IllegalArgumentException("bad OSPF timers on " + name);
        if (priority < 0 || priority > 255) throw new IllegalArgumentException("priority " + priority);
        if (cost < 1 || cost > 65535) throw new IllegalArgumentException("cost " + cost);
    }

    /** IOS defaults: hello 10 s (30 on non-broadcast and point-to-multipoint), dead 4 x hello, retransmit 5, transmit delay 1, priority 1, MTU 1500, cost 1. */
    public static OspfInterfaceConfig of(String name, int address, int mask, int areaId, NetworkType type) {
        int hello = type == NetworkType.NON_BROADCAST || type == NetworkType.POINT_TO_MULTIPOINT ? 30 : 10;
        return new OspfInterfaceConfig(name, address, mask, areaId, type, 1, hello, 4 * hello, 5, 1, 1, 1500, false,
                false, AuthType.NULL, null, 0, List.of());
    }

    public OspfInterfaceConfig withCost(int c) {
        return new OspfInterfaceConfig(name, address, mask, areaId, networkType, c, helloInterval, deadInterval,
                retransmitInterval, transmitDelay, priority, mtu, mtuIgnore, passive, authType, authKey, md5KeyId, neighbors);
    }

    public OspfInterfaceConfig withArea(int area) {
        return new OspfInterfaceConfig(name, address, mask, area, networkType, cost, helloInterval, deadInterval,
                retransmitInterval, transmitDelay, priority, mtu, mtuIgnore, passive, authType, authKey, md5KeyId, neighbors);
    }

    public OspfInterfaceConfig withTimers(int hello, int dead) {
        return new OspfInterfaceConfig(name, address, mask, areaId, networkType, cost, hello, dead,
                retransmitInterval, transmitDelay, priority, mtu, mtuIgnore, passive, authType, authKey, md5KeyId, neighbors);
    }

    public OspfInterfaceConfig withPriority(int p) {
        return new OspfInterfaceConfig(name, address, mask, areaId, networkType, cost, helloInterval, deadInterval,
                retransmitInterval, transmitDelay, p, mtu, mtuIgnore, passive, authType, authKey, md5KeyId, neighbors);
    }

    public OspfInterfaceConfig withMtu(int m, boolean ignore) {
        return new OspfInterfaceConfig(name, address, mask, areaId, networkType, cost, helloInterval, deadInterval,
                retransmitInterval, transmitDelay, priority, m, ignore, passive, authType, authKey, md5KeyId, neighbors);
    }

    public OspfInterfaceConfig withPassive(boolean p) {
        return new OspfInterfaceConfig(name, address, mask, areaId, networkType, cost, helloInterval, deadInterval,
                retransmitInterval, transmitDelay, priority, mtu, mtuIgnore, p, authType, authKey, md5KeyId, neighbors);
    }

    public OspfInterfaceConfig withAuth(AuthType t, byte[] key, int keyId) {
        return new OspfInterfaceConfig(name, address, mask, areaId, networkType, cost, helloInterval, deadInterval,
                retransmitInterval, transmitDelay, priority, mtu, mtuIgnore, passive, t, key, keyId, neighbors);
    }

    public OspfInterfaceConfig withNeighbors(List<Integer> n) {
        return new OspfInterfaceConfig(name, address, mask, areaId, networkType, cost, helloInterval, deadInterval,
                retransmitInterval, transmitDelay, priority, mtu, mtuIgnore, passive, authType, authKey, md5KeyId, n);
    }

    @Override
    public byte[] authKey() { return authKey.clone(); }
}
