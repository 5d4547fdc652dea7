package dev.routerlab.ike;

import dev.routerlab.ike.crypto.DhGroup;
import dev.routerlab.ike.crypto.HashAlgorithm;
import dev.routerlab.ike.crypto.IkeCipherAlgorithm;
import dev.routerlab.sim.VirtualScheduler;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;

/**
 * IKEv1 Main Mode + Quick Mode negotiations completed per second between two in-process
 * engines, on one thread, with SecureRandom (as live) — a scripted figure, not a unit test:
 * <pre>
 * mvn -q -o -Drl.buildDir=target-ike test-compile dependency:build-classpath -Dmdep.outputFile=target-ike/cp.txt
 * java -cp target-ike/test-classes:target-ike/classes:$(cat target-ike/cp.txt) dev.routerlab.ike.IkeNegotiationBench [seconds]
 * </pre>
 * Each negotiation is 9 messages (MM1-6, QM1-3) through both engines' full receive paths: two
 * DH key pairs and agreements, SKEYID derivations, CBC of MM5/MM6/QM, HASHes, KEYMAT.
 */
public final class IkeNegotiationBench {
    private IkeNegotiationBench() {}

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        System.out.printf(Locale.ROOT, "IKEv1 MM+QM negotiations per second, one thread, %s %s%n",
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        for (DhGroup g : List.of(DhGroup.MODP_2048, DhGroup.ECP_256)) {
            for (DhGroup pfs : new DhGroup[] {null, g}) {
                run(g, pfs, Math.max(1, seconds / 3)); // warm-up
                double rate = run(g, pfs, seconds);
                System.out.printf(Locale.ROOT, "group %2d, aes-256/sha256, esp-gcm, PFS %-4s %8.1f negotiations/s%n",
                        g.id(), pfs == null ? "off" : "on", rate);
            }
        }
    }

    static double run(DhGroup g, DhGroup pfs, double seconds) {
        SecureRandom random = new SecureRandom();
        IsakmpPolicy pol = new IsakmpPolicy(10, IkeCipherAlgorithm.AES_256, HashAlgorithm.SHA256, AuthMethod.PRE_SHARE, g,
                86_400);
        IkeConfig ca = IkeConfig.of(List.of(pol), List.of(PresharedKey.of("bench", IkePair.B, -1)),
                List.of(IkePair.mapEntry(IkePair.B, new ProxyPair(IkePair.LAN_A, IkePair.LAN_B), "esp-gcm").withPfs(pfs)));
        IkeConfig cb = IkeConfig.of(List.of(pol), List.of(PresharedKey.of("bench", IkePair.A, -1)),
                List.of(IkePair.mapEntry(IkePair.A, new ProxyPair(IkePair.LAN_B, IkePair.LAN_A), "esp-gcm").withPfs(pfs)));
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        int done = 0;
        while (System.nanoTime() < end) {
            VirtualScheduler sched = new VirtualScheduler(0);
            Recorder ra = new Recorder(), rb = new Recorder();
            IkeEngine a = new IkeEngine(ca, sched, random, ra);
            IkeEngine b = new IkeEngine(cb, sched, random, rb);
            ra.sink = d -> sched.execute(() -> b.receive(d));
            rb.sink = d -> sched.execute(() -> a.receive(d));
            IpsecPolicy p = ca.ipsecPolicies().get(0);
            a.acquire(IkePair.A, IkePair.B, p, p.selectors().get(0));
            sched.runUntil(() -> ra.up.size() == 1 && rb.up.size() == 1, 60_000_000_000L);
            if (ra.up.size() != 1 || rb.up.size() != 1) throw new IllegalStateException("negotiation failed");
            done++;
        }
        return done / ((System.nanoTime() - start) / 1e9);
    }
}
