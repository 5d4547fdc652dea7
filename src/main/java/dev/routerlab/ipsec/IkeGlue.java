package dev.routerlab.ipsec;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.random.RandomGenerator;
import dev.routerlab.ike.ChildSa;
import dev.routerlab.ike.Datagram;
import dev.routerlab.ike.IkeConfig;
import dev.routerlab.ike.IkeEngine;
import dev.routerlab.ike.IkeListener;
import dev.routerlab.ike.KeyManager;
import dev.routerlab.ikev2.Ikev2Config;
import dev.routerlab.ikev2.Ikev2Engine;
import dev.routerlab.packet.ikev2.Ikev2Header;
import dev.routerlab.packet.isakmp.UdpEncapsulation;
import dev.routerlab.ip.IpEngine;
import dev.routerlab.ip.IpInterface;
import dev.routerlab.packet.IpAddress;
import dev.routerlab.packet.Ipv4;
import dev.routerlab.packet.Ipv6;
import dev.routerlab.ipv6.Ipv6Engine;
import dev.routerlab.packet.Udp;
import dev.routerlab.sim.Scheduler;

/**
 * The router's key managers, IKEv1's {@link IkeEngine} and the {@link Ikev2Engine}, and their I/O:
 * IKE datagrams in on UDP 500 and 4500 (RFC 3948 demultiplexing of IKE, NAT keepalives and
 * UDP-encapsulated ESP) handed to the engine of their major version (RFC 7296 §3.1), out as
 * router-originated IPv4/UDP; and the engines' events, which install and remove SAs, each SA
 * remembering the engine that made it.
 */
final class IkeGlue {
    static final int IKE_PORT = 500;
    static final int NAT_T_PORT = 4500;

    private final IpEngine ip;
    private final Scheduler scheduler;
    private final RandomGenerator random;
    private final Spd spd;
    private final SaTable sas;
    private final EspPath esp;
    private final IpsecDebug debug;
    private final IntSupplier replayWindow;
    private final IpEngine.LogSink log;
    /** The key managers of each front-door VRF (null: the global table), the global one first. */
    private final Map<String, IpsecEngine.FrontDoor> doors = new LinkedHashMap<>();

    /** One engine's events: datagrams out, SAs installed (remembering the engine that made them) and removed, logs. */
    private final class Events implements IkeListener {
        private final String vrf;
        private final boolean v2;

        Events(String vrf, boolean v2) {
            this.vrf = vrf;
            this.v2 = v2;
        }

        @Override public void send(Datagram d) { IkeGlue.this.send(vrf, d); }

        @Override public void childSaEstablished(ChildSa c) {
            install(c, true);
        }

        @Override public void childSaEstablishedInbound(ChildSa c) { install(c, false); }

        private void install(ChildSa c, boolean outbound) {
            IpsecEngine.FrontDoor d = doors.get(vrf);
            sas.install(c, spd.flowOf(c, vrf), replayWindow.getAsInt(), random, v2 ? d.ikev2() : d.ike(), outbound);
        }

        @Override public void childSaDeleted(ChildSa c, String reason) { sas.remove(c); }

        @Override public void log(int severity, String mnemonic, String text) { log.log("CRYPTO", severity, mnemonic, text); }

        @Override public void log(String facility, int severity, String mnemonic, String text) {
            log.log(facility, severity, mnemonic, text);
        }

        @Override public void debug(String line) { IkeGlue.this.debug.print(line); }

        @Override public boolean ikev2Debugging() { return IkeGlue.this.debug.ikev2(); }
    }

    IkeGlue(IpEngine ip, Scheduler scheduler, RandomGenerator random, Spd spd, SaTable sas, EspPath esp, IpsecDebug debug,
            IntSupplier replayWindow, IpEngine.LogSink log) {
        this.ip = ip;
        this.scheduler = scheduler;
        this.random = random;
        this.spd = spd;
        this.sas = sas;
        this.esp = esp;
        this.debug = debug;
        this.replayWindow = replayWindow;
        this.log = log;
    }

    /** The engines of a front-door VRF (null: the global table), or null while it has none. */
    IpsecEngine.FrontDoor door(String vrf) { return doors.get(vrf); }

    /** The engines of every front-door VRF in use, the global table's first. */
    Collection<IpsecEngine.FrontDoor> doors() { return doors.values(); }

    /** Starts the engines of a front-door VRF (null: the global table) with this configuration, or reconfigures the running ones. */
    void configure(String vrf, IkeConfig c, Ikev2Config c2) {
        IpsecEngine.FrontDoor d = doors.get(vrf);
        if (d == null) {
            doors.put(vrf, new IpsecEngine.FrontDoor(vrf, new IkeEngine(c, scheduler, random, new Events(vrf, false)),
                    new Ikev2Engine(c2, scheduler, random, new Events(vrf, true))));
        } else {
            d.ike().reconfigure(c);
            d.ikev2().reconfigure(c2);
        }
    }

    /** The engine that negotiates a flow's SAs: its front door's, IKEv2 when the policy names an IKEv2 profile; null without one. */
    KeyManager keysFor(Flow f) {
        IpsecEngine.FrontDoor d = doors.get(f.fvrf);
        return d == null ? null : f.policy.ikev2Profile() != null ? d.ikev2() : d.ike();
    }

    /** The IPv6 engine: IKEv2 and ESP over IPv6 (null until composed). */
    private Ipv6Engine ipv6;

    void bindIpv6(Ipv6Engine v6) { this.ipv6 = v6; }

    /** Registers (or removes) ESP and the IKE ports with the IP engine, and with the IPv6 engine once composed. */
    void listen(boolean on) {
        ip.register(Ipv4.PROTO_ESP, on ? esp::espIn : null);
        ip.registerUdp(IKE_PORT, on ? this::ikeIn : null);
        ip.registerUdp(NAT_T_PORT, on ? this::natTIn : null);
        if (ipv6 != null) {
            ipv6.register(Ipv6.NH_ESP, on ? esp::espIn6 : null);
            ipv6.registerUdp(IKE_PORT, on ? this::ikeIn6 : null);
            ipv6.registerUdp(NAT_T_PORT, on ? this::ikeIn6 : null);
        }
    }

    /**
     * UDP 500 or 4500 over IPv6 (checked by the IPv6 engine): IKEv2 only (RFC 7296 runs over IPv6;
     * IOS's IKEv1 over IPv6 is not run here), in the global table. On 4500, as over IPv4 (RFC 3948
     * §2.2): IKE behind the non-ESP marker, NAT keepalives, or UDP-encapsulated ESP (a peer that
     * claims a NAT, as charon does with its userland ESP).
     */
    private boolean ikeIn6(IpInterface in, byte[] b, int off, int at, int len) {
        IpsecEngine.FrontDoor door = doors.get(in == null ? null : in.vrf());
        if (door == null) return false;
        int ulen = Math.min(Udp.length(b, at), off + len - at) - Udp.HEADER_LEN;
        if (ulen < 0) return true;
        int po = at + Udp.HEADER_LEN;
        if (Udp.destinationPort(b, at) == NAT_T_PORT) {
            if (ulen == 1 && (b[po] & 0xff) == 0xff) return true;                   // NAT keepalive
            boolean marker = ulen >= 4 && b[po] == 0 && b[po + 1] == 0 && b[po + 2] == 0 && b[po + 3] == 0;
            if (!marker) {
                if (ulen >= 8) esp.decap6(in, b, off, at - off, po, ulen);
                return true;
            }
        }
        byte[] payload = Arrays.copyOfRange(b, po, po + ulen);
        Datagram d = new Datagram(IpAddress.of(Ipv6.source(b, off)), Udp.sourcePort(b, at), IpAddress.of(Ipv6.destination(b, off)),
                Udp.destinationPort(b, at), payload);
        int marker = d.destinationPort() == NAT_T_PORT ? UdpEncapsulation.NON_ESP_MARKER_LENGTH : 0;
        if (Ikev2Header.majorVersion(payload, marker, payload.length - marker) == 2) door.ikev2().receive(d);
        return true;
    }

    /** A datagram of an engine out as router-originated IPv6/UDP, routed by the IPv6 table (hop limit 255, DSCP CS6, as over IPv4). */
    private void send6(Datagram d) {
        if (ipv6 == null || !d.from().isV6()) return;
        byte[] pl = d.payload();
        int po = IpEngine.HEADROOM;
        int total = Ipv6.HEADER_LEN + Udp.HEADER_LEN + pl.length;
        byte[] q = new byte[po + total];
        System.arraycopy(pl, 0, q, po + Ipv6.HEADER_LEN + Udp.HEADER_LEN, pl.length);
        Udp.writeHeader6(q, po + Ipv6.HEADER_LEN, d.from().v6(), d.to().v6(), d.sourcePort(), d.destinationPort(), pl.length);
        Ipv6.writeHeader(q, po, 0xc0, 0, Udp.HEADER_LEN + pl.length, Ipv6.NH_UDP, 255, d.from().v6(), d.to().v6());
        ipv6.send(q, po, total);
    }

    /** A reload: the engine and its SAs go. */
    void shutdown() {
        for (IpsecEngine.FrontDoor d : doors.values()) {
            d.ike().shutdown();
            d.ikev2().shutdown();
        }
        doors.clear();
    }

    /** UDP 500: IKE, to the engine of the header's major version in the input interface's VRF. */
    private boolean ikeIn(IpInterface in, byte[] b, int off, int len) {
        IpsecEngine.FrontDoor door = doors.get(in == null ? null : in.vrf());
        if (door == null) return false;
        int hl = Ipv4.headerLength(b, off);
        int uo = off + hl;
        int ulen = Math.min(Udp.length(b, uo), len - hl) - Udp.HEADER_LEN;
        if (ulen < 0) return true;
        byte[] payload = Arrays.copyOfRange(b, uo + Udp.HEADER_LEN, uo + Udp.HEADER_LEN + ulen);
        Datagram d = new Datagram(Ipv4.source(b, off), Udp.sourcePort(b, uo), Ipv4.destination(b, off),
                Udp.destinationPort(b, uo), payload);
        int marker = d.destinationPort() == NAT_T_PORT ? UdpEncapsulation.NON_ESP_MARKER_LENGTH : 0;
        if (Ikev2Header.majorVersion(payload, marker, payload.length - marker) == 2) door.ikev2().receive(d);
        else door.ike().receive(d);
        return true;
    }

    /** UDP 4500: IKE behind the non-ESP marker, NAT keepalives, or UDP-encapsulated ESP (RFC 3948). */
    private boolean natTIn(IpInterface in, byte[] b, int off, int len) {
        int hl = Ipv4.headerLength(b, off);
        int uo = off + hl;
        int ulen = Math.min(Udp.length(b, uo), len - hl) - Udp.HEADER_LEN;
        int po = uo + Udp.HEADER_LEN;
        if (ulen < 0) return true;
        boolean ikeOrKeepalive = ulen == 1 && (b[po] & 0xff) == 0xff
                || ulen >= 4 && b[po] == 0 && b[po + 1] == 0 && b[po + 2] == 0 && b[po + 3] == 0;
        if (ikeOrKeepalive || ulen < 8) return ikeIn(in, b, off, len);
        esp.decap(in, b, off, hl, po, ulen);
        return true;
    }

    /** A datagram of an engine out as router-originated IPv4/UDP, routed in its front-door VRF's table. */
    private void send(String vrf, Datagram d) {
        if (d.ipv6()) {
            send6(d);
            return;
        }
        int src = d.source() != 0 ? d.source() : ip.sourceFor(vrf, d.destination());
        byte[] pl = d.payload();
        int po = IpEngine.HEADROOM;
        int total = Ipv4.MIN_HEADER_LEN + Udp.HEADER_LEN + pl.length;
        byte[] q = new byte[po + total];
        System.arraycopy(pl, 0, q, po + Ipv4.MIN_HEADER_LEN + Udp.HEADER_LEN, pl.length);
        Udp.writeHeader(q, po + Ipv4.MIN_HEADER_LEN, src, d.destination(), d.sourcePort(), d.destinationPort(), pl.length);
        Ipv4.writeHeader(q, po, 0xc0, total, ip.nextIpId(), 0, 255, Ipv4.PROTO_UDP, src, d.destination());
        ip.sendClear(vrf, q, po, total, 0);
    }
}
