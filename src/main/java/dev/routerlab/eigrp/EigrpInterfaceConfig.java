package dev.routerlab.eigrp;

import java.util.List;

/**
 * One interface EIGRP runs on (covered by a `network` statement) and its interface commands.
 *
 * @param id                 the router's handle for the interface, passed back in {@link EigrpIo#send}
 * @param name               IOS name for logs (`Tunnel0`)
 * @param address            primary address; its subnet is advertised as a connected route
 * @param bandwidthKbps      `bandwidth` (IOS: 100000 on FastEthernet, 100 on a tunnel)
 * @param delayTensOfMicros  `delay` in tens of microseconds (IOS: 10 on FastEthernet, 50000 on a tunnel)
 * @param delayPicos         the delay wide metrics use (RFC 7868 section 5.6.2.2), in picoseconds: the `delay`,
 *                           except on an interface faster than 1 Gbit/s without one, 10^13 / bandwidth (IOS)
 * @param helloSeconds       `ip hello-interval eigrp` (5; 60 on low-speed NBMA)
 * @param holdSeconds        `ip hold-time eigrp` (15; 180)
 * @param splitHorizon       off with `no ip split-horizon eigrp AS`
 * @param nextHopSelf        off with `no ip next-hop-self eigrp AS`
 * @param passive            `passive-interface`: the subnet is advertised, no hellos, no neighbours
 * @param summaries          `ip summary-address eigrp AS P M`
 * @param md5Key             `ip authentication mode eigrp AS md5` + key-chain key string, or null
 */
public record EigrpInterfaceConfig(int id, String name, int address, int prefixLength, long bandwidthKbps,
                                   long delayTensOfMicros, long delayPicos, int mtu, int helloSeconds, int holdSeconds,
                                   boolean splitHorizon, boolean nextHopSelf, boolean passive,
                                   List<Summary> summaries, long md5KeyId, byte[] md5Key) {
    public EigrpInterfaceConfig {
        summaries = List.copyOf(summaries);
        md5Key = md5Key == null ? null : md5Key.clone();
        if (bandwidthKbps < 1) throw new IllegalArgumentException("bandwidth " + bandwidthKbps);
        if (helloSeconds < 1 || holdSeconds < 1) throw new IllegalArgumentException("hello/hold");
    }

    /** IOS defaults for an Ethernet-like interface: bandwidth and delay as given, hello 5, hold 15. */
    public static EigrpInterfaceConfig of(int id, String name, int address, int prefixLength, long bandwidthKbps,
                                          long delayTensOfMicros) {
        return new EigrpInterfaceConfig(id, name, address, prefixLength, bandwidthKbps, delayTensOfMicros,
                delayTensOfMicros * 10_000_000L, 1500, 5, 15,
                true, true, false, List.of(), 0, null);
    }

    public EigrpInterfaceConfig withSplitHorizon(boolean on) {
        return new EigrpInterfaceConfig(id, name, address, prefixLength, bandwidthKbps, delayTensOfMicros, delayPicos, mtu,
                helloSeconds, holdSeconds, on, nextHopSelf, passive, summaries, md5KeyId, md5Key);
    }

    public EigrpInterfaceConfig withNextHopSelf(boolean on) {
        return new EigrpInterfaceConfig(id, name, address, prefixLength, bandwidthKbps, delayTensOfMicros, delayPicos, mtu,
                helloSeconds, holdSeconds, splitHorizon, on, passive, summaries, md5KeyId, md5Key);
    }

    public EigrpInterfaceConfig withPassive(boolean on) {
        return new EigrpInterfaceConfig(id, name, address, prefixLength, bandwidthKbps, delayTensOfMicros, delayPicos, mtu,
                helloSeconds, holdSeconds, splitHorizon, nextHopSelf, on, summaries, md5KeyId, md5Key);
    }

    public EigrpInterfaceConfig withSummaries(List<Summary> s) {
        return new EigrpInterfaceConfig(id, name, address, prefixLength, bandwidthKbps, delayTensOfMicros, delayPicos, mtu,
                helloSeconds, holdSeconds, splitHorizon, nextHopSelf, passive, s, md5KeyId, md5Key);
    }

    public EigrpInterfaceConfig withTimers(int hello, int hold) {
        return new EigrpInterfaceConfig(id, name, address, prefixLength, bandwidthKbps, delayTensOfMicros, delayPicos, mtu,
                hello, hold, splitHorizon, nextHopSelf, passive, summaries, md5KeyId, md5Key);
    }

    public EigrpInterfaceConfig withMd5(long keyId, byte[] key) {
        return new EigrpInterfaceConfig(id, name, address, prefixLength, bandwidthKbps, delayTensOfMicros, delayPicos, mtu,
                helloSeconds, holdSeconds, splitHorizon, nextHopSelf, passive, summaries, keyId, key);
    }

    public EigrpInterfaceConfig withBandwidthDelay(long kbps, long tensOfMicros) {
        return new EigrpInterfaceConfig(id, name, address, prefixLength, kbps, tensOfMicros, tensOfMicros * 10_000_000L, mtu,
                helloSeconds, holdSeconds, splitHorizon, nextHopSelf, passive, summaries, md5KeyId, md5Key);
    }

    /** `ip summary-address eigrp AS prefix mask`. */
    public record Summary(int prefix, int prefixLength) {}
}
