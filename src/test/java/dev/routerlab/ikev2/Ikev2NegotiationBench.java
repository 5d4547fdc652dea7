package dev.routerlab.ikev2;

import dev.routerlab.ike.IpsecPolicy;
import dev.routerlab.ike.ProxyPair;
import dev.routerlab.pki.Pki;
import dev.routerlab.pki.StrongSwanPki;
import dev.routerlab.sim.VirtualScheduler;
import java.security.SecureRandom;
import java.util.Locale;

/**
 * IKEv2 negotiations (IKE_SA_INIT + IKE_AUTH, carrying the first Child SA) completed per second
 * between two in-process engines, on one thread, with SecureRandom (as live), per DH group and
 * per authentication: pre-shared keys, or RSA-2048 signatures with certificates (a CA made by
 * strongSwan's {@code pki} tool, each router's key and request its own, as in
 * {@code Ikev2RsaSigTest}) — a scripted figure, not a unit test:
 * <pre>
 * mvn -q -o -DskipTests package test-compile
 * java -cp target/test-classes:target/routerlab.jar dev.routerlab.ikev2.Ikev2NegotiationBench [seconds [psk|rsa]]
 * </pre>
 * Each negotiation is 4 messages through both engines' full receive paths: two DH key pairs and
 * agreements, SKEYSEED and prf+, the Encrypted payload both ways, the AUTH payloads (with RSA:
 * each side signs, and checks the peer's certificate chain and signature), KEYMAT. The engines
 * run as a router with no {@code debug crypto} on: debug lines are not formatted.
 */
public final class Ikev2NegotiationBench {
    private Ikev2NegotiationBench() {}

    static final String FROM = "01.01.23 00:00:00", TO = "01.01.30 00:00:00";
    /** 14 Nov 2023, inside the certificates' validity. */
    static final long EPOCH = 1_700_000_000_000L;

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        String only = args.length > 1 ? args[1] : "";
        System.out.printf(Locale.ROOT, "IKEv2 IKE_SA_INIT+IKE_AUTH negotiations per second, one thread, %s %s%n",
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        Pki[] rsa = only.equals("psk") ? null : enrolledPair();
        for (String auth : new String[] {"psk", "rsa"}) {
            if (!only.isEmpty() && !only.equals(auth)) continue;
            for (String enc : new String[] {"aes-cbc-256", "aes-gcm-256"}) {
                for (int g : new int[] {14, 19, 20, 21}) {
                    Pki[] pkis = auth.equals("rsa") ? rsa : null;
                    run(enc, g, Math.max(1, seconds / 3), pkis); // warm-up
                    System.out.printf(Locale.ROOT, "%s, group %2d, %s%s, esp-gcm  %8.1f negotiations/s%n",
                            auth.equals("rsa") ? "rsa-sig 2048" : "pre-share   ", g, enc,
                            enc.contains("gcm") ? "/prf-sha256" : "/sha256    ", run(enc, g, seconds, pkis));
                }
            }
        }
    }

    /** Negotiations per second for this proposal; with RSA signatures when {@code pkis} (A's and B's) is given, else PSK. */
    static double run(String enc, int group, double seconds, Pki[] pkis) {
        SecureRandom random = new SecureRandom();
        Ikev2Config.Proposal p = Ikev2Pair.proposal(enc, enc.contains("gcm") ? null : "sha256", group);
        ProxyPair ab = new ProxyPair(Ikev2Pair.LAN_A, Ikev2Pair.LAN_B), ba = new ProxyPair(Ikev2Pair.LAN_B, Ikev2Pair.LAN_A);
        Ikev2Config ca = pkis == null ? Ikev2Pair.config(Ikev2Pair.B, ab, "esp-gcm", p, "bench", "bench", null)
                : Ikev2RsaSigTest.config(pkis[0], Ikev2Pair.B, ab, p, "esp-gcm");
        Ikev2Config cb = pkis == null ? Ikev2Pair.config(Ikev2Pair.A, ba, "esp-gcm", p, "bench", "bench", null)
                : Ikev2RsaSigTest.config(pkis[1], Ikev2Pair.A, ba, p, "esp-gcm");
        long start = System.nanoTime(), end = start + (long) (seconds * 1e9);
        int done = 0;
        while (System.nanoTime() < end) {
            VirtualScheduler sched = new VirtualScheduler(EPOCH);
            Ikev2Pair.Rec ra = new Ikev2Pair.Rec(), rb = new Ikev2Pair.Rec();
            ra.debugging = rb.debugging = false;
            Ikev2Engine a = new Ikev2Engine(ca, sched, random, ra);
            Ikev2Engine b = new Ikev2Engine(cb, sched, random, rb);
            ra.sink = d -> sched.execute(() -> b.receive(d));
            rb.sink = d -> sched.execute(() -> a.receive(d));
            IpsecPolicy pol = ca.ipsecPolicies().get(0);
            a.acquire(Ikev2Pair.A, Ikev2Pair.B, pol, pol.selectors().get(0));
            sched.runUntil(() -> ra.up.size() == 1 && rb.up.size() == 1, 60_000_000_000L);
            if (ra.up.size() != 1 || rb.up.size() != 1) {
                throw new IllegalStateException("negotiation failed: " + ra.failures + rb.failures + ra.logs + rb.logs);
            }
            done++;
        }
        return done / ((System.nanoTime() - start) / 1e9);
    }

    /** R1 (A) and R2 (B) enrolled with RSA-2048 keys under one strongSwan CA, trustpoint LAB. */
    static Pki[] enrolledPair() throws Exception {
        StrongSwanPki ca = StrongSwanPki.ca("C=CH, O=routerlab, CN=Lab Root CA", FROM, TO);
        return new Pki[] {Ikev2RsaSigTest.enrolled(new VirtualScheduler(EPOCH), ca, "R1", "21", FROM, TO, 2048),
                Ikev2RsaSigTest.enrolled(new VirtualScheduler(EPOCH), ca, "R2", "22", FROM, TO, 2048)};
    }
}
