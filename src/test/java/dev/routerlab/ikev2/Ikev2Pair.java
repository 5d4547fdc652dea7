package dev.routerlab.ikev2;

import dev.routerlab.ike.ChildSa;
import dev.routerlab.ike.Datagram;
import dev.routerlab.ike.DpdSettings;
import dev.routerlab.ike.IkeListener;
import dev.routerlab.ike.IpsecPolicy;
import dev.routerlab.ike.ProxyId;
import dev.routerlab.ike.ProxyPair;
import dev.routerlab.ike.TransformSetSpec;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.ikev2.IdPayload;
import dev.routerlab.sim.VirtualScheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/** Two IKEv2 engines, A (192.0.2.1, LAN 10.1.0.0/24) and B (198.51.100.2, LAN 10.2.0.0/24), on a 1 ms wire. */
final class Ikev2Pair {
    static final int A = Ipv4Address.parse("192.0.2.1");
    static final int B = Ipv4Address.parse("198.51.100.2");
    static final ProxyId LAN_A = ProxyId.subnet(Ipv4Address.parse("10.1.0.0"), 24);
    static final ProxyId LAN_B = ProxyId.subnet(Ipv4Address.parse("10.2.0.0"), 24);
    static final long MS = 1_000_000L, S = 1_000_000_000L;

    final VirtualScheduler sched = new VirtualScheduler(1_700_000_000_000L);
    final SplittableRandom rnd;
    final Rec ra = new Rec(), rb = new Rec();
    Ikev2Engine a, b;
    Predicate<Datagram> drop = d -> false;
    /** What a NAT between the two does to a datagram on its way (identity: no NAT). */
    java.util.function.BiFunction<Datagram, Boolean, Datagram> nat = (d, fromA) -> d;
    final List<Datagram> wire = new ArrayList<>();
    boolean cut;

    Ikev2Pair(long seed) { rnd = new SplittableRandom(seed); }

    static final class Rec implements IkeListener {
        final List<ChildSa> up = new ArrayList<>(), down = new ArrayList<>();
        final List<String> failures = new ArrayList<>(), debug = new ArrayList<>(), logs = new ArrayList<>();
        final List<Integer> dead = new ArrayList<>();
        java.util.function.Consumer<Datagram> sink = d -> { };

        @Override
        public void send(Datagram d) { sink.accept(d); }

        @Override
        public void childSaEstablished(ChildSa sa) { up.add(sa); }

        @Override
        public void childSaDeleted(ChildSa sa, String reason) { down.add(sa); }

        @Override
        public void negotiationFailed(int peer, String reason) { failures.add(reason); }

        @Override
        public void peerDead(int peer, int port) { dead.add(peer); }

        @Override
        public void log(int severity, String mnemonic, String text) { logs.add(mnemonic + ": " + text); }

        @Override
        public void log(String facility, int severity, String mnemonic, String text) {
            logs.add("%" + facility + "-" + severity + "-" + mnemonic + ": " + text);
        }

        @Override
        public void debug(String line) { debug.add(line); }

        /** As a router with no {@code debug crypto} on when false (a figure's engines). */
        boolean debugging = true;

        @Override
        public boolean ikev2Debugging() { return debugging; }

        List<ChildSa> live() {
            List<ChildSa> l = new ArrayList<>(up);
            l.removeAll(down);
            return l;
        }
    }

    static Ikev2Config.Proposal proposal(String enc, String integ, int group) {
        return new Ikev2Config.Proposal("P", List.of(Ikev2Algorithms.Encryption.byIosName(enc).orElseThrow()),
                integ == null ? List.of() : List.of(Ikev2Algorithms.Integrity.byIosName(integ).orElseThrow()),
                integ == null ? List.of(Ikev2Algorithms.Prf.SHA256) : List.of(),
                List.of(dev.routerlab.ike.crypto.DhGroup.byId(group).orElseThrow()));
    }

    static Ikev2Config config(int peer, ProxyPair sel, String transform, Ikev2Config.Proposal p, String localKey,
                              String remoteKey, DpdSettings dpd) {
        Ikev2Config.Peer kp = new Ikev2Config.Peer("R", peer, -1, true, null, localKey, remoteKey);
        Ikev2Config.Profile prof = new Ikev2Config.Profile("PROF", List.of(new Ikev2Config.Match(peer, -1, null)), null, "KR",
                dpd, 86400);
        IpsecPolicy pol = IpsecPolicy.of("CMAP 10", peer, sel, TransformSetSpec.tunnel("TS", transform)).withIkev2Profile("PROF");
        return new Ikev2Config(p == null ? Map.of() : Map.of("P", p),
                p == null ? List.of() : List.of(new Ikev2Config.Policy("POL", List.of(), List.of("P"))),
                Map.of("KR", new Ikev2Config.Keyring("KR", List.of(kp))), Map.of("PROF", prof), List.of(pol));
    }

    Ikev2Pair start(Ikev2Config ca, Ikev2Config cb) {
        a = new Ikev2Engine(ca, sched, rnd.split(), ra);
        b = new Ikev2Engine(cb, sched, rnd.split(), rb);
        ra.sink = d -> wire(d, true);
        rb.sink = d -> wire(d, false);
        return this;
    }

    Ikev2Pair configure(Ikev2Config.Proposal p, String transform) {
        return start(config(B, new ProxyPair(LAN_A, LAN_B), transform, p, "cisco123", "cisco123", null),
                config(A, new ProxyPair(LAN_B, LAN_A), transform, p, "cisco123", "cisco123", null));
    }

    private void wire(Datagram sent, boolean fromA) {
        Datagram d = nat.apply(sent, fromA);
        wire.add(d);
        if (cut || drop.test(d)) return;
        Ikev2Engine to = fromA ? b : a;
        sched.schedule(MS, () -> to.receive(d));
    }

    boolean acquire() {
        IpsecPolicy p = a.config().ipsecPolicies().get(0);
        return a.acquire(A, B, p, p.selectors().get(0));
    }

    void run(long nanos) { sched.advance(nanos); }

    static IdPayload fqdn(String s) { return IdPayload.fqdn(s); }
}
