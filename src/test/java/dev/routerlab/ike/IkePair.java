package dev.routerlab.ike;

import dev.routerlab.ike.crypto.DhGroup;
import dev.routerlab.ike.crypto.HashAlgorithm;
import dev.routerlab.ike.crypto.IkeCipherAlgorithm;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.sim.VirtualScheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * Two engines, A (initiator side, 192.0.2.1, LAN 10.1.0.0/24) and B (198.51.100.2, LAN
 * 10.2.0.0/24), on a virtual wire with 1 ms latency, optional loss, and optionally a NAPT in
 * front of A (A appears as 203.0.113.9 with ports 500 -> 1500 and 4500 -> 14500).
 */
final class IkePair {
    static final int A = Ipv4Address.parse("192.0.2.1");
    static final int B = Ipv4Address.parse("198.51.100.2");
    static final int NAT = Ipv4Address.parse("203.0.113.9");
    static final ProxyId LAN_A = ProxyId.subnet(Ipv4Address.parse("10.1.0.0"), 24);
    static final ProxyId LAN_B = ProxyId.subnet(Ipv4Address.parse("10.2.0.0"), 24);
    static final long MS = 1_000_000L, S = 1_000_000_000L;

    final VirtualScheduler sched = new VirtualScheduler(1_700_000_000_000L);
    final SplittableRandom rnd;
    final Recorder ra = new Recorder(), rb = new Recorder();
    IkeEngine a, b;
    boolean nat;
    /** Datagrams for which this answers true are lost. */
    Predicate<Datagram> drop = d -> false;
    /** Every datagram put on the wire (after NAT on the way from A), in order. */
    final List<Datagram> wire = new ArrayList<>();
    boolean cut;

    IkePair(long seed) {
        rnd = new SplittableRandom(seed);
    }

    static IsakmpPolicy policy(int prio, IkeCipherAlgorithm e, HashAlgorithm h, DhGroup g) {
        return new IsakmpPolicy(prio, e, h, AuthMethod.PRE_SHARE, g, IsakmpPolicy.DEFAULT_LIFETIME);
    }

    static IpsecPolicy mapEntry(int peer, ProxyPair sel, String transform) {
        return IpsecPolicy.of("CMAP 10", peer, sel, TransformSetSpec.tunnel("TS", transform));
    }

    /** A's and B's configs for one suite; B's policy accepts A (or the NAT address). */
    IkePair configure(IsakmpPolicy p1, String transform, DhGroup pfs) {
        IkeConfig ca = IkeConfig.of(List.of(p1), List.of(PresharedKey.of("cisco123", B, -1)),
                List.of(mapEntry(B, new ProxyPair(LAN_A, LAN_B), transform).withPfs(pfs)));
        IkeConfig cb = IkeConfig.of(List.of(p1), List.of(PresharedKey.of("cisco123", nat ? NAT : A, -1)),
                List.of(mapEntry(nat ? NAT : A, new ProxyPair(LAN_B, LAN_A), transform).withPfs(pfs)));
        return start(ca, cb);
    }

    IkePair start(IkeConfig ca, IkeConfig cb) {
        a = new IkeEngine(ca, sched, rnd.split(), ra);
        b = new IkeEngine(cb, sched, rnd.split(), rb);
        ra.sink = d -> wire(d, true);
        rb.sink = d -> wire(d, false);
        return this;
    }

    private void wire(Datagram d, boolean fromA) {
        if (fromA && nat) {
            d = new Datagram(NAT, d.sourcePort() == 500 ? 1500 : d.sourcePort() == 4500 ? 14500 : d.sourcePort() + 10000,
                    d.destination(), d.destinationPort(), d.payload());
        }
        wire.add(d);
        if (cut || drop.test(d)) return;
        Datagram out = d;
        if (!fromA && nat) {
            if (d.destination() != NAT) return;
            int port = d.destinationPort() == 1500 ? 500 : d.destinationPort() == 14500 ? 4500 : -1;
            if (port < 0) return;
            out = new Datagram(d.source(), d.sourcePort(), A, port, d.payload());
        }
        Datagram f = out;
        IkeEngine to = fromA ? b : a;
        sched.schedule(MS, () -> to.receive(f));
    }

    /** A acquires the LAN-to-LAN SA of its first policy. */
    boolean acquire() {
        IpsecPolicy p = a.config().ipsecPolicies().get(0);
        return a.acquire(A, B, p, p.selectors().get(0));
    }

    void run(long nanos) {
        sched.advance(nanos);
    }
}
