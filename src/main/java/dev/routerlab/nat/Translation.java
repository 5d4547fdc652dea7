package dev.routerlab.nat;

import dev.routerlab.config.InterfaceName;
import dev.routerlab.config.NatConfig;
import dev.routerlab.packet.Ipv4;

/**
 * One entry of the translation table, as IOS keeps them: a simple entry (protocol 0: inside local
 * address ↔ inside global address, static or from a pool) or an extended one (a flow: protocol,
 * inside local and global address and port, the outside address and port), made from a simple
 * parent or, with overload, on its own (PAT).
 */
public final class Translation {
    public enum Kind { STATIC, DYNAMIC, EXTENDED }

    public final Kind kind;
    /** 0 for simple entries; 1 ICMP, 6 TCP, 17 UDP, 50 ESP for extended ones. */
    public final int protocol;
    public final int insideLocal, insideLocalPort, insideGlobal, insideGlobalPort, outside, outsidePort;
    /** The simple entry this one was made from (null: a simple entry, or PAT). */
    final Translation parent;
    /** The PAT port binding this entry holds (null: none). */
    final NatTable.Binding binding;
    /** IOS map id: the dynamic mapping's place (1-based), 0 for static ones. */
    public final int mapId;
    public final long id;
    public final long created;
    long used;
    /** Extended entries made from this simple one still in the table. */
    int children;
    /** TCP: a packet other than a SYN was seen (tcp-timeout applies), FIN or RST seen (finrst-timeout). */
    boolean established, closing;
    final InterfaceName input, output;

    Translation(Kind kind, int protocol, int insideLocal, int insideLocalPort, int insideGlobal, int insideGlobalPort,
                int outside, int outsidePort, Translation parent, NatTable.Binding binding, int mapId, long id, long now,
                InterfaceName input, InterfaceName output) {
        this.kind = kind;
        this.protocol = protocol;
        this.insideLocal = insideLocal;
        this.insideLocalPort = insideLocalPort;
        this.insideGlobal = insideGlobal;
        this.insideGlobalPort = insideGlobalPort;
        this.outside = outside;
        this.outsidePort = outsidePort;
        this.parent = parent;
        this.binding = binding;
        this.mapId = mapId;
        this.id = id;
        this.created = now;
        this.used = now;
        this.input = input;
        this.output = output;
    }

    public boolean extended() { return kind == Kind.EXTENDED; }

    public long usedNanos() { return used; }

    public int children() { return children; }

    public InterfaceName input() { return input; }

    public InterfaceName output() { return output; }

    /** The IOS timeout that applies now, in seconds (-1: never): static entries never time out. */
    public long timeoutSeconds(NatConfig c) {
        if (kind == Kind.STATIC) return -1;
        if (kind == Kind.DYNAMIC) return c.timeout(NatConfig.Timeout.TIMEOUT);
        return switch (protocol) {
            case Ipv4.PROTO_TCP -> c.timeout(closing ? NatConfig.Timeout.FINRST
                : established ? NatConfig.Timeout.TCP : NatConfig.Timeout.SYN);
            case Ipv4.PROTO_UDP -> c.timeout(insideLocalPort == 53 || outsidePort == 53 ? NatConfig.Timeout.DNS : NatConfig.Timeout.UDP);
            case Ipv4.PROTO_ICMP -> c.timeout(NatConfig.Timeout.ICMP);
            default -> c.timeout(NatConfig.Timeout.TIMEOUT);
        };
    }

    /** When the entry expires (Long.MAX_VALUE: never); a simple entry with children stays. */
    long expiresAt(NatConfig c) {
        long t = timeoutSeconds(c);
        if (t < 0 || children > 0) return Long.MAX_VALUE;
        return used + t * 1_000_000_000L;
    }

    /** The IOS protocol column: `---` for simple entries. */
    public String protocolName() {
        return switch (protocol) {
            case 0 -> "---";
            case Ipv4.PROTO_ICMP -> "icmp";
            case Ipv4.PROTO_TCP -> "tcp";
            case Ipv4.PROTO_UDP -> "udp";
            case Ipv4.PROTO_ESP -> "esp";
            default -> String.valueOf(protocol);
        };
    }
}
