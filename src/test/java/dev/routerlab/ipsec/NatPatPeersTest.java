package dev.routerlab.ipsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.TestRouter;
import dev.routerlab.ip.Net;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Two hosts behind one PAT (NatTransparencyTest's lab: R1 and R5 behind R2, both with SAs to R4)
 * are two peers to R4, told apart by port (RFC 3947 §5): a rekey R4 starts, on-demand DPD and
 * `clear crypto session remote A port N` each concern one host's SAs only.
 */
class NatPatPeersTest {
    static final long S = 1_000_000_000L;

    /** R1's flow made by R4's Quick Mode (so that R4 renews it first), then R5's; both up. */
    private static Net r4InitiatesR1sFlow(Net n) {
        Net.Node r1 = n.get("R1"), r4 = n.get("R4");
        r4.config("crypto ipsec security-association lifetime seconds 120");
        r1.exec("ping 4.4.4.4 source 1.1.1.1");
        r4.exec("clear crypto sa");
        n.run(1);
        return n;
    }

    private static List<Integer> inboundSpis(Net.Node r) {
        return r.router.ipsec().pairs().stream().map(p -> p.child.inboundSpi()).toList();
    }

    /** Runs the lab until {@code at} (virtual nanoseconds). */
    private static void runUntil(Net n, long at) { n.clock.advance(at - n.clock.nanos()); }

    /**
     * R4 made R1's SA pair (lifetime 120 s) and renews it at 90% of it, before R1 would (95%):
     * over R1's ISAKMP SA, its address and port, not R5's newer one of the same address.
     */
    @Test
    void ikev1RekeyFromOutsideGoesOverTheHostsOwnIsakmpSa() {
        Net n = r4InitiatesR1sFlow(NatTransparencyTest.twoInside(null));
        rekeyFromOutside(n, "debug crypto isakmp");
    }

    /** IKEv2 was right already: a Child SA is rekeyed over the IKE SA that made it (RFC 7296 §2.8, §1.4). */
    @Test
    void ikev2RekeyFromOutsideGoesOverTheHostsOwnIkeSa() {
        Net n = r4InitiatesR1sFlow(NatTransparencyTest.twoIkev2Inside());
        rekeyFromOutside(n, "debug crypto ikev2");
    }

    private static void rekeyFromOutside(Net n, String debug) {
        Net.Node r1 = n.get("R1"), r4 = n.get("R4"), r5 = n.get("R5");
        long t0 = n.clock.nanos();
        r4.exec("ping 1.1.1.1 source 4.4.4.4");
        String a = r4.exec("ping 1.1.1.1 source 4.4.4.4");
        r5.exec("ping 4.4.4.4 source 5.5.5.5");
        String b = r5.exec("ping 4.4.4.4 source 5.5.5.5");
        assertTrue(a.contains("!!!!!") && b.contains("!!!!!"), a + b);
        List<Integer> before = inboundSpis(r1);
        assertEquals(1, before.size());
        r5.exec(debug);
        r5.pending();
        runUntil(n, t0 + 110 * S);           // R4's rekey is due by 108 s, R1's not before 111.6 s
        List<Integer> after = inboundSpis(r1);
        assertTrue(after.stream().anyMatch(s -> !before.contains(s)), "R1 has a new SA pair: " + before + " " + after);
        String d5 = r5.pending();
        assertFalse(d5.contains("1.1.1.1"), d5);
        a = r1.exec("ping 4.4.4.4 source 1.1.1.1");
        assertTrue(a.contains("!!!!!"), a);
    }

    /**
     * The other way round, right already: R1 behind the PAT renews its pair (lifetime 120 s, at 90%)
     * in a Quick Mode on its own ISAKMP SA; R4 answers on it and R5's pair is untouched.
     */
    @Test
    void ikev1RekeyFromBehindThePatStaysOnItsSa() {
        rekeyFromBehind(NatTransparencyTest.twoInside(null));
    }

    /** The same over IKEv2: R1's CREATE_CHILD_SA with REKEY_SA (RFC 7296 §2.8) on its own IKE SA. */
    @Test
    void ikev2RekeyFromBehindThePatStaysOnItsSa() {
        rekeyFromBehind(NatTransparencyTest.twoIkev2Inside());
    }

    private static void rekeyFromBehind(Net n) {
        Net.Node r1 = n.get("R1"), r4 = n.get("R4"), r5 = n.get("R5");
        r1.config("crypto ipsec security-association lifetime seconds 120");
        long t0 = n.clock.nanos();
        r1.exec("ping 4.4.4.4 source 1.1.1.1");
        r5.exec("ping 4.4.4.4 source 5.5.5.5");
        String a = r1.exec("ping 4.4.4.4 source 1.1.1.1"), b = r5.exec("ping 4.4.4.4 source 5.5.5.5");
        assertTrue(a.contains("!!!!!") && b.contains("!!!!!"), a + b);
        List<Integer> r1Before = inboundSpis(r1), r5Before = inboundSpis(r5);
        runUntil(n, t0 + 110 * S);           // R1's rekey is due by 108 s
        assertTrue(inboundSpis(r1).stream().anyMatch(s -> !r1Before.contains(s)), "R1 renewed its pair");
        assertTrue(r4.router.ipsec().pairs().stream().anyMatch(p -> !p.child.initiator() && p.child.peerPort() == 4500
            && p.child.establishedNanos() > t0 + 100 * S), "R4 answered on R1's SA, its port");
        assertEquals(r5Before, inboundSpis(r5));
        a = r1.exec("ping 4.4.4.4 source 1.1.1.1");
        b = r5.exec("ping 4.4.4.4 source 5.5.5.5");
        assertTrue(a.contains("!!!!!") && b.contains("!!!!!"), a + b);
    }

    /**
     * DPD finds R5 dead (RFC 3706) while R4 holds a rekey of R1's flow waiting for a phase 1 with R1:
     * R1's pending negotiation is not R5's and survives, so when R1 answers again R4's own Quick Mode
     * renews R1's flow.
     */
    @Test
    void ikev1PeerDeadLeavesTheOtherHostsPendingRekey() {
        whileR1sRekeyWaits("crypto isakmp keepalive 10 2 periodic",
            n -> n.get("R5").config("interface GigabitEthernet0/0", "shutdown"), 0);
    }

    /**
     * A new phase 1 with R5 (its address, another port) comes up while R4's rekey of R1's flow waits
     * for one with R1: the rekey is R1's (RFC 3947 §5) and waits on, not sent to R5.
     */
    @Test
    void ikev1PendingRekeyWaitsForItsOwnHostsPhase1() {
        whileR1sRekeyWaits("crypto isakmp keepalive 10 2 on-demand", n -> {
            n.run(12);                                      // R4's rekey waits from 108 s at most
            Net.Node r5 = n.get("R5");
            r5.exec("clear crypto session");
            n.run(1);
            r5.exec("ping 4.4.4.4 source 5.5.5.5");
            String b = r5.exec("ping 4.4.4.4 source 5.5.5.5");
            assertTrue(b.contains("!!!!!"), b);
        }, 1);
    }

    /**
     * R4 made R1's pair (lifetime 120 s); R1 clears its ISAKMP SA and goes off the wire from 100 s
     * to 125 s, so R4's rekey (due by 108 s) waits for a phase 1 with R1, while {@code meanwhile}
     * happens with R5 from 100 s; at 125 s R4 holds {@code isakmpLeft} ISAKMP SAs. R1 back, R4
     * renews R1's flow itself.
     */
    private static void whileR1sRekeyWaits(String r4Dpd, Consumer<Net> meanwhile, int isakmpLeft) {
        Net n = r4InitiatesR1sFlow(NatTransparencyTest.twoInside(null));
        Net.Node r1 = n.get("R1"), r4 = n.get("R4"), r5 = n.get("R5");
        r4.config(r4Dpd);
        long t0 = n.clock.nanos();
        r4.exec("ping 1.1.1.1 source 4.4.4.4");
        r5.exec("ping 4.4.4.4 source 5.5.5.5");
        String a = r4.exec("ping 1.1.1.1 source 4.4.4.4"), b = r5.exec("ping 4.4.4.4 source 5.5.5.5");
        assertTrue(a.contains("!!!!!") && b.contains("!!!!!"), a + b);
        r1.exec("clear crypto isakmp");                    // R1's pair stays, its ISAKMP SA goes at both ends
        n.run(1);
        assertEquals(1, r4.exec("show crypto isakmp sa").split("QM_IDLE").length - 1);
        runUntil(n, t0 + 100 * S);
        r1.config("interface GigabitEthernet0/0", "shutdown");
        meanwhile.accept(n);
        runUntil(n, t0 + 125 * S);
        assertEquals(isakmpLeft, r4.exec("show crypto isakmp sa").split("QM_IDLE").length - 1);
        r1.config("interface GigabitEthernet0/0", "no shutdown");
        long back = n.clock.nanos();
        runUntil(n, t0 + 140 * S);
        assertTrue(r4.router.ipsec().pairs().stream().anyMatch(p -> p.child.initiator() && p.child.establishedNanos() > back
            && p.child.peerPort() == 4500), "R4 renewed R1's flow itself");
    }

    /**
     * On-demand DPD (RFC 3706 §5.3): R5 goes silent while R1 keeps sending; R4, sending to R5, asks
     * R5's ISAKMP SA (the address and port it was last heard from, not R1's ESP of the same address)
     * and finds it dead; R1's SAs stay.
     */
    @Test
    void ikev1OnDemandDpdFindsOneHostDeadBehindPat() {
        Net n = NatTransparencyTest.twoInside(null);
        n.get("R4").config("crypto isakmp keepalive 10 2 on-demand");
        onDemand(n);
        String isa = n.get("R4").exec("show crypto isakmp sa");
        assertTrue(isa.contains("QM_IDLE           1001 ACTIVE\n") && !isa.contains("QM_IDLE           1002"), isa);
    }

    /** The same over IKEv2 (RFC 7296 §2.4): each IKE SA is its own host's, and hears only its ESP. */
    @Test
    void ikev2OnDemandDpdFindsOneHostDeadBehindPat() {
        Net n = NatTransparencyTest.twoIkev2Inside();
        n.get("R4").config("crypto ikev2 dpd 10 2 on-demand");
        onDemand(n);
        String sa = n.get("R4").exec("show crypto ikev2 sa");
        assertTrue(sa.contains("10.23.0.2/4500") && !sa.contains("10.23.0.2/4501"), sa);
    }

    private static void onDemand(Net n) {
        Net.Node r1 = n.get("R1"), r4 = n.get("R4"), r5 = n.get("R5");
        r1.exec("ping 4.4.4.4 source 1.1.1.1");
        r5.exec("ping 4.4.4.4 source 5.5.5.5");
        String a = r1.exec("ping 4.4.4.4 source 1.1.1.1"), b = r5.exec("ping 4.4.4.4 source 5.5.5.5");
        assertTrue(a.contains("!!!!!") && b.contains("!!!!!"), a + b);
        r5.config("interface GigabitEthernet0/0", "shutdown");
        for (int i = 0; i < 20; i++) {
            a = r1.exec("ping 4.4.4.4 source 1.1.1.1 repeat 1");
            assertTrue(a.contains("!"), a);
            r4.exec("ping 5.5.5.5 source 4.4.4.4 repeat 1");
            n.run(1);
        }
        List<SaPair> left = r4.router.ipsec().pairs();
        assertEquals(1, left.size(), left.toString());
        assertEquals(4500, left.get(0).child.peerPort(), "R1's pair stays, R5's is gone");
    }

    /** `clear crypto session remote A port N` (and `local A port N`): one host behind the PAT, its SAs alone. */
    @Test
    void clearCryptoSessionByRemotePort() {
        Net n = NatTransparencyTest.twoInside(null);
        Net.Node r1 = n.get("R1"), r4 = n.get("R4"), r5 = n.get("R5");
        r1.exec("ping 4.4.4.4 source 1.1.1.1");
        r5.exec("ping 4.4.4.4 source 5.5.5.5");
        assertEquals(4, r4.exec("show crypto ipsec sa").split("Status: ACTIVE").length - 1);
        assertEquals("", r4.exec("clear crypto session remote 10.23.0.2 port 4501"));
        n.run(1);
        String isa = r4.exec("show crypto isakmp sa");
        assertTrue(isa.contains("QM_IDLE           1001 ACTIVE\n") && !isa.contains("QM_IDLE           1002"), isa);
        assertEquals(1, r4.router.ipsec().pairs().size());
        assertEquals(0, r5.router.ipsec().pairs().size(), "R5 heard the Delete");
        assertEquals(1, r1.router.ipsec().pairs().size());
        String a = r1.exec("ping 4.4.4.4 source 1.1.1.1");
        assertTrue(a.contains("!!!!!"), a);
        r4.exec("clear crypto session local 10.34.0.4 port 500 remote 10.23.0.2");
        n.run(1);
        assertEquals(1, r4.router.ipsec().pairs().size(), "R1's session is at local port 4500");
        r4.exec("clear crypto session local 10.34.0.4 port 4500 remote 10.23.0.2 port 4500");
        n.run(1);
        assertEquals(0, r4.router.ipsec().pairs().size());
        assertEquals(0, r1.router.ipsec().pairs().size());
    }

    /** The same over IKEv2: the IKE SA of that address and port and its Child SAs. */
    @Test
    void clearCryptoSessionByRemotePortIkev2() {
        Net n = NatTransparencyTest.twoIkev2Inside();
        Net.Node r1 = n.get("R1"), r4 = n.get("R4"), r5 = n.get("R5");
        r1.exec("ping 4.4.4.4 source 1.1.1.1");
        r5.exec("ping 4.4.4.4 source 5.5.5.5");
        assertEquals(2, r4.router.ipsec().pairs().size());
        r4.exec("clear crypto session remote 10.23.0.2 port 4501");
        n.run(1);
        String sa = r4.exec("show crypto ikev2 sa");
        assertTrue(sa.contains("10.23.0.2/4500") && !sa.contains("10.23.0.2/4501"), sa);
        assertEquals(1, r4.router.ipsec().pairs().size());
        assertEquals(0, r5.router.ipsec().pairs().size(), "R5 heard the Delete");
        String a = r1.exec("ping 4.4.4.4 source 1.1.1.1");
        assertTrue(a.contains("!!!!!"), a);
    }

    @Test
    void clearCryptoSessionParsesAndHelps() {
        TestRouter r = new TestRouter();
        String help = r.exec("clear crypto session ?");
        r.session.clearPending();
        assertTrue(help.contains("  local   Local IKE address\n") && help.contains("  remote  Remote IKE address\n")
            && help.contains("  <cr>\n"), help);
        help = r.exec("clear crypto session remote 10.1.1.1 ?");
        r.session.clearPending();
        assertTrue(help.contains("  port  Remote IKE port\n") && help.contains("  <cr>\n"), help);
        assertEquals("  <1-65535>  Port number\n\n", r.exec("clear crypto session remote 10.1.1.1 port ?"));
        r.session.clearPending();
        String err = r.exec("clear crypto session remote 10.1.1.1 port 0");
        assertTrue(err.contains("% Invalid input detected at '^' marker."), err);
        assertEquals("", r.exec("clear crypto session local 10.1.1.2 port 4500 remote 10.1.1.1 port 4501"));
    }
}
