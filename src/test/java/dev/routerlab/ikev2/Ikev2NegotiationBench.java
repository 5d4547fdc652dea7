package dev.routerlab.ikev2;

import dev.routerlab.ike.IpsecPolicy;
import dev.routerlab.ike.ProxyPair;
import dev.routerlab.sim.VirtualScheduler;
import java.security.SecureRandom;
import java.util.Locale;

/**
 * IKEv2 negotiations (IKE_SA_INIT + IKE_AUTH with PSK, carrying the first Child SA) completed per
 * second between two in-process engines, on one thread, with SecureRandom (as live), per DH
 * group — a scripted figure, not a unit test:
 * <pre>
 * mvn -q -o -Drl.buildDir=target-ike test-compile dependency:build-classpath -Dmdep.outputFile=target-ike/cp.txt
 * java -cp target-ike/test-classes:target-ike/classes:$(cat target-ike/cp.txt) dev.routerlab.ikev2.Ikev2NegotiationBench [seconds]
 * </pre>
 * Each negotiation is 4 messages through both engines' full receive paths: two DH key pairs and
 * agreements, SKEYSEED and prf+, the Encrypted payload both ways, the PSK AUTH payloads, KEYMAT.
 */
public final class Ikev2NegotiationBench {
    private Ikev2NegotiationBench() {}

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        System.out.printf(Locale.ROOT, "IKEv2 IKE_SA_INIT+IKE_AUTH (PSK) negotiations per second, one thread, %s %s%n",
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        for (String enc : new String[] {"aes-cbc-256", "aes-gcm-256"}) {
            for (int g : new int[] {14, 19, 20, 21}) {
                run(enc, g, Math.max(1, seconds / 3)); // warm-up
                System.out.printf(Locale.ROOT, "group %2d, %s%s, esp-gcm  %8.1f negotiations/s%n", g, enc,
                        enc.contains("gcm") ? "/prf-sha256" : "/sha256", run(enc, g, seconds));
            }
        }
    }

    static double run(String enc, int group, double seconds) {
        SecureRandom random = new SecureRandom();
        Ikev2Config.Proposal p = Ikev2Pair.proposal(enc, enc.contains("gcm") ? null : "sha256", group);
        Ikev2Config ca = Ikev2Pair.config(Ikev2Pair.B, new ProxyPair(Ikev2Pair.LAN_A, Ikev2Pair.LAN_B), "esp-gcm", p,
                "bench", "bench", null);
        Ikev2Config cb = Ikev2Pair.config(Ikev2Pair.A, new ProxyPair(Ikev2Pair.LAN_B, Ikev2Pair.LAN_A), "esp-gcm", p,
                "bench", "bench", null);
        long start = System.nanoTime(), end = start + (long) (seconds * 1e9);
        int done = 0;
        while (System.nanoTime() < end) {
            VirtualScheduler sched = new VirtualScheduler(0);
            Ikev2Pair.Rec ra = new Ikev2Pair.Rec(), rb = new Ikev2Pair.Rec();
            Ikev2Engine a = new Ikev2Engine(ca, sched, random, ra);
            Ikev2Engine b = new Ikev2Engine(cb, sched, random, rb);
            ra.sink = d -> sched.execute(() -> b.receive(d));
            rb.sink = d -> sched.execute(() -> a.receive(d));
            IpsecPolicy pol = ca.ipsecPolicies().get(0);
            a.acquire(Ikev2Pair.A, Ikev2Pair.B, pol, pol.selectors().get(0));
            sched.runUntil(() -> ra.up.size() == 1 && rb.up.size() == 1, 60_000_000_000L);
            if (ra.up.size() != 1 || rb.up.size() != 1) throw new IllegalStateException("negotiation failed: " + ra.debug);
            done++;
        }
        return done / ((System.nanoTime() - start) / 1e9);
    }
}
