package dev.routerlab.ikev2;

import static dev.routerlab.ikev2.Ikev2Pair.A;
import static dev.routerlab.ikev2.Ikev2Pair.B;
import static dev.routerlab.ikev2.Ikev2Pair.LAN_A;
import static dev.routerlab.ikev2.Ikev2Pair.LAN_B;
import static dev.routerlab.ikev2.Ikev2Pair.S;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.esp.DecryptResult;
import dev.routerlab.ike.Datagram;
import dev.routerlab.ike.ChildSa;
import dev.routerlab.ike.DpdSettings;
import dev.routerlab.ike.ProxyPair;
import dev.routerlab.packet.ikev2.Ikev2Header;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Two IKEv2 engines against each other in virtual time. */
class Ikev2EngineTest {

    /** A's outbound SA decrypts at B's inbound and the other way round: the keys agree. */
    static void assertPairWorks(ChildSa x, ChildSa y) {
        assertEquals(x.outboundSpi(), y.inboundSpi());
        assertEquals(x.inboundSpi(), y.outboundSpi());
        byte[] inner = new byte[84];
        new SplittableRandom(1).nextBytes(inner);
        byte[] esp = x.outboundSa(new SplittableRandom(2)).encrypt(inner, 4);
        DecryptResult r = y.inboundSa(64).decrypt(esp);
        assertTrue(r instanceof DecryptResult.Ok, r.toString());
        assertArrayEquals(inner, ((DecryptResult.Ok) r).packet());
        byte[] back = y.outboundSa(new SplittableRandom(3)).encrypt(inner, 4);
        assertTrue(x.inboundSa(64).decrypt(back) instanceof DecryptResult.Ok);
    }

    @ParameterizedTest(name = "{0} {1} group {2} / {3}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "aes-cbc-256|sha256|14|esp-aes 256 esp-sha256-hmac",
            "aes-cbc-128|sha1|19|esp-aes esp-sha-hmac",
            "aes-gcm-256|-|19|esp-gcm 256",
            "aes-gcm-128|-|14|esp-gcm",
            "aes-cbc-192|sha512|20|esp-aes 192 esp-sha512-hmac",
            "aes-cbc-256|sha384|21|esp-3des esp-sha384-hmac",
            "aes-cbc-128|sha256|5|esp-null esp-sha-hmac"})
    void ikeSaInitAndAuthInstallAChildSa(String enc, String integ, int group, String transform) {
        Ikev2Pair p = new Ikev2Pair(group).configure(Ikev2Pair.proposal(enc, integ, group), transform);
        assertTrue(p.acquire());
        assertFalse(p.acquire(), "a second acquire while negotiating starts nothing");
        p.run(2 * S);
        assertEquals(1, p.ra.live().size(), p.ra.debug.toString());
        assertEquals(1, p.rb.live().size(), p.rb.debug.toString());
        ChildSa ca = p.ra.live().get(0), cb = p.rb.live().get(0);
        assertPairWorks(ca, cb);
        assertEquals(new ProxyPair(LAN_A, LAN_B), new ProxyPair(ca.localProxy(), ca.remoteProxy()));
        assertEquals(new ProxyPair(LAN_B, LAN_A), new ProxyPair(cb.localProxy(), cb.remoteProxy()));
        Ikev2SaInfo ia = p.a.sas().get(0), ib = p.b.sas().get(0);
        assertEquals("READY", ia.status());
        assertEquals("READY", ib.status());
        assertEquals(group, ia.dhGroup());
        assertEquals(ia.localSpi(), ib.remoteSpi());
        assertEquals("198.51.100.2", ia.remoteId());
        assertTrue(ia.initiator());
        assertFalse(ib.initiator());
        assertEquals(4, p.wire.size(), "IKE_SA_INIT and IKE_AUTH: two round trips");
        assertTrue(p.ra.logs.get(0).startsWith("IKEV2_SESSION_STATUS: Crypto tunnel v2 is UP.  Peer 198.51.100.2:500"));
    }

    /** RFC 7296 §2.23: A behind a NAT (n) that maps A:500 to n:1500 and A:4500 to n:1501; B knows A by its identity. */
    private static Ikev2Pair natted(int n) {
        Ikev2Pair p = new Ikev2Pair(11);
        p.nat = (d, fromA) -> {
            if (fromA) return new Datagram(n, d.sourcePort() == 500 ? 1500 : 1501, d.destination(), d.destinationPort(), d.payload());
            return new Datagram(d.source(), d.sourcePort(), A, d.destinationPort() == 1500 ? 500 : 4500, d.payload());
        };
        Ikev2Config.Proposal pr = Ikev2Pair.proposal("aes-cbc-256", "sha256", 14);
        // B knows A by its identity (its own address, in IDi) and its key by the address A's packets come from
        Ikev2Config cb = Ikev2Pair.config(n, new ProxyPair(LAN_B, LAN_A), "esp-aes esp-sha-hmac", pr, "cisco123", "cisco123", null);
        Ikev2Config.Profile prof = new Ikev2Config.Profile("PROF", java.util.List.of(new Ikev2Config.Match(A, -1, null)), null,
                "KR", null, 86400);
        cb = new Ikev2Config(cb.proposals(), cb.policies(), cb.keyrings(), java.util.Map.of("PROF", prof), cb.ipsecPolicies());
        return p.start(Ikev2Pair.config(B, new ProxyPair(LAN_A, LAN_B), "esp-aes esp-sha-hmac", pr, "cisco123", "cisco123", null), cb);
    }

    @Test
    void natDetectionMovesToPort4500AndEncapsulatesEsp() {
        Ikev2Pair p = natted(dev.routerlab.packet.Ipv4Address.parse("192.0.2.99"));
        assertTrue(p.acquire());
        p.run(2 * S);
        assertEquals(1, p.ra.live().size(), p.ra.debug + "\n" + p.rb.debug);
        Ikev2SaInfo ia = p.a.sas().get(0), ib = p.b.sas().get(0);
        assertTrue(ia.selfBehindNat() && !ia.peerBehindNat(), "A sees its own address changed");
        assertTrue(ib.peerBehindNat() && !ib.selfBehindNat(), "B sees A's address changed");
        assertEquals(4500, ia.localPort());
        assertEquals(1501, ib.remotePort(), "B answers where IKE_AUTH came from");
        assertEquals(500, p.wire.get(0).destinationPort());
        assertEquals(4500, p.wire.get(2).destinationPort(), "IKE_AUTH on port 4500");
        assertTrue(p.ra.live().get(0).udpEncapsulated() && p.rb.live().get(0).udpEncapsulated());
        assertEquals(1501, p.rb.live().get(0).peerPort());
    }

    /**
     * INITIAL_CONTACT (§2.4) behind PAT: B holds an IKE SA with A's NAT at port 1501; a new IKE SA
     * with that address at another port is another host behind the PAT (RFC 3947 §5), with which B
     * holds nothing, so its IKE_AUTH would carry INITIAL_CONTACT; at the same port it would not.
     */
    @Test
    void firstContactIsPerAddressAndPortBehindPat() {
        int n = dev.routerlab.packet.Ipv4Address.parse("192.0.2.99");
        Ikev2Pair p = natted(n);
        assertTrue(p.acquire());
        p.run(2 * S);
        assertEquals(1501, p.b.sas().get(0).remotePort());
        var natIp = dev.routerlab.packet.IpAddress.of(n);
        var bIp = dev.routerlab.packet.IpAddress.of(B);
        assertTrue(p.b.firstContact(new Ikev2Sa(p.b, 99, true, 7, 0, bIp, 4500, natIp, 1502)), "another host behind the PAT");
        assertFalse(p.b.firstContact(new Ikev2Sa(p.b, 98, true, 8, 0, bIp, 4500, natIp, 1501)), "the same host");
    }

    @Test
    void responderAsksForItsGroupWithInvalidKe() {
        Ikev2Config.Proposal two = new Ikev2Config.Proposal("P", java.util.List.of(Ikev2Algorithms.Encryption.AES_CBC_128),
                java.util.List.of(Ikev2Algorithms.Integrity.SHA256_128), java.util.List.of(),
                java.util.List.of(dev.routerlab.ike.crypto.DhGroup.MODP_2048, dev.routerlab.ike.crypto.DhGroup.ECP_256));
        Ikev2Pair p = new Ikev2Pair(3);
        Ikev2Config ca = Ikev2Pair.config(B, new ProxyPair(LAN_A, LAN_B), "esp-aes esp-sha-hmac", two, "k", "k", null);
        Ikev2Config cb = Ikev2Pair.config(A, new ProxyPair(LAN_B, LAN_A), "esp-aes esp-sha-hmac",
                Ikev2Pair.proposal("aes-cbc-128", "sha256", 19), "k", "k", null);
        p.start(ca, cb);
        p.acquire();
        p.run(2 * S);
        assertEquals(1, p.ra.live().size(), p.ra.debug.toString());
        assertEquals(19, p.a.sas().get(0).dhGroup());
        assertEquals(6, p.wire.size());
    }

    @Test
    void wrongKeyFailsAuthentication() {
        Ikev2Pair p = new Ikev2Pair(4);
        Ikev2Config.Proposal pr = Ikev2Pair.proposal("aes-cbc-256", "sha256", 14);
        p.start(Ikev2Pair.config(B, new ProxyPair(LAN_A, LAN_B), "esp-aes esp-sha-hmac", pr, "right", "right", null),
                Ikev2Pair.config(A, new ProxyPair(LAN_B, LAN_A), "esp-aes esp-sha-hmac", pr, "wrong", "wrong", null));
        p.acquire();
        p.run(5 * S);
        assertTrue(p.ra.live().isEmpty());
        assertTrue(p.rb.live().isEmpty());
        assertEquals(1, p.b.counters().authFailed);
        assertEquals(1, p.a.counters().authFailed);
        assertTrue(p.a.sas().isEmpty());
        assertTrue(p.b.sas().isEmpty());
    }

    @Test
    void asymmetricLocalAndRemoteKeys() {
        Ikev2Pair p = new Ikev2Pair(5);
        Ikev2Config.Proposal pr = Ikev2Pair.proposal("aes-cbc-256", "sha256", 14);
        p.start(Ikev2Pair.config(B, new ProxyPair(LAN_A, LAN_B), "esp-aes esp-sha-hmac", pr, "a-key", "b-key", null),
                Ikev2Pair.config(A, new ProxyPair(LAN_B, LAN_A), "esp-aes esp-sha-hmac", pr, "b-key", "a-key", null));
        p.acquire();
        p.run(2 * S);
        assertEquals(1, p.ra.live().size());
    }

    @Test
    void noCommonProposal() {
        Ikev2Pair p = new Ikev2Pair(6);
        p.start(Ikev2Pair.config(B, new ProxyPair(LAN_A, LAN_B), "esp-aes esp-sha-hmac",
                        Ikev2Pair.proposal("aes-cbc-256", "sha256", 14), "k", "k", null),
                Ikev2Pair.config(A, new ProxyPair(LAN_B, LAN_A), "esp-aes esp-sha-hmac",
                        Ikev2Pair.proposal("aes-gcm-256", null, 14), "k", "k", null));
        p.acquire();
        p.run(5 * S);
        assertEquals(1, p.b.counters().noProposal);
        assertTrue(p.a.sas().isEmpty());
        assertTrue(p.ra.failures.get(0).contains("NO_PROPOSAL_CHOSEN"));
    }

    @Test
    void smartDefaultsWhenNoProposalIsConfigured() {
        Ikev2Pair p = new Ikev2Pair(7).configure(null, "esp-aes esp-sha-hmac");
        p.acquire();
        p.run(2 * S);
        assertEquals(1, p.ra.live().size(), p.ra.debug.toString());
        assertEquals("AES-CBC", p.a.sas().get(0).encryption());
        assertEquals(256, p.a.sas().get(0).keySize());
        assertEquals("SHA512", p.a.sas().get(0).prf());
        assertEquals(19, p.a.sas().get(0).dhGroup());
    }

    @Test
    void lostMessagesAreRetransmittedAndAnsweredFromTheCache() {
        Ikev2Pair p = new Ikev2Pair(8).configure(Ikev2Pair.proposal("aes-cbc-128", "sha1", 14), "esp-aes esp-sha-hmac");
        int[] n = {0};
        // lose the first IKE_SA_INIT response and the first IKE_AUTH response
        p.drop = d -> {
            n[0]++;
            return n[0] == 2 || n[0] == 6;
        };
        p.acquire();
        p.run(20 * S);
        assertEquals(1, p.ra.live().size(), p.ra.debug.toString());
        assertEquals(1, p.rb.live().size());
        assertTrue(p.a.counters().retransmissions >= 2);
        assertTrue(p.b.counters().retransmissions >= 2, "B answered retransmitted requests from its cache");
    }

    @Test
    void secondChildByCreateChildSaThenDeleteByClear() {
        Ikev2Pair p = new Ikev2Pair(9).configure(Ikev2Pair.proposal("aes-cbc-256", "sha256", 14), "esp-aes 256 esp-sha256-hmac");
        p.acquire();
        p.run(2 * S);
        ProxyPair other = new ProxyPair(dev.routerlab.ike.ProxyId.host(LAN_A.network() + 5),
                dev.routerlab.ike.ProxyId.host(LAN_B.network() + 7));
        assertTrue(p.a.acquire(A, B, p.a.config().ipsecPolicies().get(0), other));
        p.run(2 * S);
        assertEquals(2, p.ra.live().size(), p.rb.debug.toString());
        assertEquals(2, p.rb.live().size());
        assertPairWorks(p.ra.live().get(1), p.rb.live().get(1));
        assertEquals(1, p.a.sas().size());
        assertEquals(2, p.a.sas().get(0).children());
        p.a.clearAll();
        p.run(2 * S);
        assertTrue(p.ra.live().isEmpty());
        assertTrue(p.rb.live().isEmpty(), "the peer deletes its side too");
        assertTrue(p.b.sas().isEmpty());
    }

    @Test
    void childDeleteIsAnsweredWithThePeersDelete() {
        Ikev2Pair p = new Ikev2Pair(10).configure(Ikev2Pair.proposal("aes-cbc-256", "sha256", 14), "esp-aes esp-sha-hmac");
        p.acquire();
        p.run(2 * S);
        p.a.clearChildSas();
        p.run(2 * S);
        assertTrue(p.ra.live().isEmpty());
        assertTrue(p.rb.live().isEmpty());
        assertEquals(1, p.a.sas().size(), "the IKE SA stays");
    }

    @Test
    void rekeyReplacesTheChildSaWithoutAGap() {
        Ikev2Pair p = new Ikev2Pair(11).configure(Ikev2Pair.proposal("aes-gcm-128", null, 19), "esp-gcm");
        p.acquire();
        p.run(2 * S);
        ChildSa first = p.ra.live().get(0);
        p.a.childSaSoftExpired(first.id());
        p.run(2 * S);
        assertEquals(1, p.ra.live().size(), p.ra.debug.toString());
        assertEquals(1, p.rb.live().size(), p.rb.debug.toString());
        ChildSa second = p.ra.live().get(0);
        assertTrue(second.id() != first.id());
        assertPairWorks(second, p.rb.live().get(0));
        assertEquals(2, Ikev2Header.CREATE_CHILD_SA - Ikev2Header.IKE_AUTH + 1);
    }

    @Test
    void timeLifetimeRekeysBeforeExpiry() {
        Ikev2Pair p = new Ikev2Pair(12).configure(Ikev2Pair.proposal("aes-cbc-128", "sha256", 14), "esp-aes esp-sha-hmac");
        p.acquire();
        p.run(2 * S);
        p.run(3700 * S);
        assertEquals(1, p.ra.live().size());
        assertEquals(1, p.rb.live().size());
        assertTrue(p.a.counters().childRekeys + p.b.counters().childRekeys >= 1);
        assertPairWorks(p.ra.live().get(0), p.rb.live().get(0));
    }

    @Test
    void periodicDpdDeclaresADeadPeer() {
        Ikev2Pair p = new Ikev2Pair(13);
        Ikev2Config.Proposal pr = Ikev2Pair.proposal("aes-cbc-128", "sha256", 14);
        p.start(Ikev2Pair.config(B, new ProxyPair(LAN_A, LAN_B), "esp-aes esp-sha-hmac", pr, "k", "k",
                        new DpdSettings(10, 2, true)),
                Ikev2Pair.config(A, new ProxyPair(LAN_B, LAN_A), "esp-aes esp-sha-hmac", pr, "k", "k", null));
        p.acquire();
        p.run(2 * S);
        p.run(30 * S);
        assertEquals(1, p.ra.live().size(), "a live peer answers the liveness checks");
        assertTrue(p.a.counters().dpdSent >= 2);
        p.cut = true;
        p.run(40 * S);
        assertTrue(p.ra.live().isEmpty());
        assertEquals(java.util.List.of(B), p.ra.dead);
        assertTrue(p.a.sas().isEmpty());
    }

    @Test
    void hostileDatagramsNeitherCrashNorDisturbTheEngines() {
        Ikev2Pair p = new Ikev2Pair(14).configure(Ikev2Pair.proposal("aes-cbc-128", "sha256", 14), "esp-aes esp-sha-hmac");
        p.acquire();
        p.run(2 * S);
        p.a.childSaSoftExpired(p.ra.live().get(0).id());
        p.run(2 * S);
        java.util.List<dev.routerlab.ike.Datagram> seeds = new java.util.ArrayList<>(p.wire);
        SplittableRandom r = new SplittableRandom(0x1c2);
        for (int i = 0; i < 12_000; i++) {
            dev.routerlab.ike.Datagram s = seeds.get(r.nextInt(seeds.size()));
            byte[] b = r.nextInt(8) == 0 ? s.payload().clone()
                    : dev.routerlab.packet.ikev2.Ikev2FuzzTest.mutate(s.payload(), r);
            var d = new dev.routerlab.ike.Datagram(s.source(), s.sourcePort(), s.destination(), s.destinationPort(), b);
            (s.source() == A ? p.b : p.a).receive(d);
            if (i % 1000 == 0) p.run(100 * Ikev2Pair.MS);
        }
        p.run(2 * S);
        assertTrue(p.ra.debug.stream().noneMatch(l -> l.contains("Internal error")), "A hit its guard");
        assertTrue(p.rb.debug.stream().noneMatch(l -> l.contains("Internal error")), "B hit its guard");
        assertEquals(1, p.ra.live().size());
        assertEquals(1, p.rb.live().size());
        assertPairWorks(p.ra.live().get(0), p.rb.live().get(0));
        assertTrue(p.a.counters().malformed + p.b.counters().malformed > 1000);
    }

    static Ikev2Sa only(Ikev2Engine e) {
        assertEquals(1, e.sas.size(), "IKE SAs: " + e.sas());
        return e.sas.values().iterator().next();
    }

    /** After an IKE SA rekey: one IKE SA each, the same new SPIs, the Child SA kept, and the new SA carries a new Child SA. */
    static void assertRekeyed(Ikev2Pair p, long oldSpi, boolean childRekeysToo) {
        Ikev2Sa x = only(p.a), y = only(p.b);
        assertTrue(x.ready() && y.ready());
        assertEquals(x.spiI, y.spiI);
        assertEquals(x.spiR, y.spiR);
        assertTrue(x.spiI != oldSpi && x.spiR != oldSpi, "new SPIs");
        assertEquals(1, p.ra.live().size(), p.ra.debug.toString());
        assertEquals(1, p.rb.live().size(), p.rb.debug.toString());
        if (!childRekeysToo) assertEquals(0, p.ra.down.size(), "the Child SA lives on under the new IKE SA");
        ProxyPair other = new ProxyPair(dev.routerlab.ike.ProxyId.host(LAN_A.network() + 5),
                dev.routerlab.ike.ProxyId.host(LAN_B.network() + 7));
        assertTrue(p.a.acquire(A, B, p.a.config().ipsecPolicies().get(0), other));
        p.run(2 * S);
        assertEquals(2, p.ra.live().size(), p.ra.debug.toString());
        assertPairWorks(p.ra.live().get(1), p.rb.live().get(1));
        assertEquals(2, x.info().children(), "the Child SAs are the new IKE SA's");
        assertTrue(p.ra.logs.stream().noneMatch(l -> l.contains("DOWN")), p.ra.logs.toString());
        assertTrue(p.rb.logs.stream().noneMatch(l -> l.contains("DOWN")), p.rb.logs.toString());
    }

    @ParameterizedTest(name = "rekeyed by the original {0}")
    @CsvSource({"initiator", "responder"})
    void ikeSaRekeyKeepsTheChildSas(String who) {
        Ikev2Pair p = new Ikev2Pair(21).configure(Ikev2Pair.proposal("aes-cbc-256", "sha256", 14), "esp-aes esp-sha-hmac");
        p.acquire();
        p.run(2 * S);
        long old = only(p.a).spiI;
        only(who.equals("initiator") ? p.a : p.b).rekeyIke();
        p.run(5 * S);
        assertEquals(1, p.a.counters().ikeRekeys + p.b.counters().ikeRekeys);
        assertEquals(who.equals("responder"), !only(p.a).initiator, "the rekey's initiator is the new SA's initiator (§2.18)");
        assertRekeyed(p, old, false);
    }

    @Test
    void simultaneousIkeSaRekeysLeaveOneSa() {
        for (long seed = 30; seed < 36; seed++) {
            Ikev2Pair p = new Ikev2Pair(seed).configure(Ikev2Pair.proposal("aes-gcm-128", null, 19), "esp-gcm");
            p.acquire();
            p.run(2 * S);
            long old = only(p.a).spiI;
            only(p.a).rekeyIke();
            only(p.b).rekeyIke();
            p.run(5 * S);
            assertEquals(2, p.a.counters().ikeRekeys + p.b.counters().ikeRekeys);
            assertRekeyed(p, old, false);
        }
    }

    @Test
    void simultaneousChildRekeysLeaveOnePair() {
        for (long seed = 40; seed < 46; seed++) {
            Ikev2Pair p = new Ikev2Pair(seed).configure(Ikev2Pair.proposal("aes-cbc-128", "sha256", 19), "esp-aes esp-sha-hmac");
            p.acquire();
            p.run(2 * S);
            ChildSa first = p.ra.live().get(0);
            p.a.childSaSoftExpired(first.id());
            p.b.childSaSoftExpired(p.rb.live().get(0).id());
            p.run(15 * S);
            assertEquals(1, p.ra.live().size(), p.ra.debug.toString());
            assertEquals(1, p.rb.live().size(), p.rb.debug.toString());
            assertTrue(!p.ra.live().contains(first));
            assertPairWorks(p.ra.live().get(0), p.rb.live().get(0));
        }
    }

    @Test
    void rekeyedChildSaDecryptsUntilItsDeleteIsAnswered() {
        Ikev2Pair p = new Ikev2Pair(47).configure(Ikev2Pair.proposal("aes-cbc-128", "sha256", 19), "esp-aes esp-sha-hmac");
        p.acquire();
        p.run(2 * S);
        ChildSa first = p.ra.live().get(0);
        p.drop = d -> p.wire.size() > 3 && d.source() == B && Ikev2Header.exchangeType(d.payload(), 0) == Ikev2Header.INFORMATIONAL;
        p.a.childSaSoftExpired(first.id());
        p.run(S);
        assertEquals(2, p.ra.live().size(), "the old SA stays while its Delete is unanswered");
        p.drop = d -> false;
        p.run(5 * S);
        assertEquals(java.util.List.of(first), p.ra.down, "gone once the peer answered");
    }

    @Test
    void ikeLifetimeRekeysTheIkeSaBeforeItExpires() {
        Ikev2Pair p = new Ikev2Pair(48).configure(Ikev2Pair.proposal("aes-cbc-128", "sha256", 14), "esp-aes esp-sha-hmac");
        p.acquire();
        p.run(2 * S);
        long old = only(p.a).spiI;
        p.run(86_400 * S);
        assertTrue(p.a.counters().ikeRekeys + p.b.counters().ikeRekeys >= 1);
        assertRekeyed(p, old, true);
    }

    @Test
    void cookieChallengeKeepsAFloodOfHalfOpenSasBounded() {
        Ikev2Pair p = new Ikev2Pair(50);
        Ikev2Config.Proposal pr = Ikev2Pair.proposal("aes-cbc-128", "sha256", 19);
        Ikev2Config cb = Ikev2Pair.config(A, new ProxyPair(LAN_B, LAN_A), "esp-aes esp-sha-hmac", pr, "k", "k", null);
        p.start(Ikev2Pair.config(B, new ProxyPair(LAN_A, LAN_B), "esp-aes esp-sha-hmac", pr, "k", "k", null),
                new Ikev2Config(cb.proposals(), cb.policies(), cb.keyrings(), cb.profiles(), cb.ipsecPolicies(), 5, 0));
        p.cut = true;
        p.acquire();                                   // A's IKE_SA_INIT, kept as the flood's template
        byte[] init = p.wire.get(0).payload();
        SplittableRandom r = new SplittableRandom(51);
        for (int i = 0; i < 2000; i++) {               // spoofed initiators that never come back
            byte[] m = init.clone();
            for (int k = 0; k < 8; k++) m[k] = (byte) r.nextInt(256);
            p.b.receive(new Datagram(0x0ac80000 + i, 500, B, 500, m));
        }
        assertEquals(5, p.b.sas().size(), "no more half-open SAs than cookie-challenge allows");
        assertEquals(1995, p.b.counters().cookiesSent);
        p.cut = false;
        p.run(10 * S);                                 // A's retransmission gets a COOKIE, returns it, and is served
        assertEquals(1996, p.b.counters().cookiesSent);
        assertEquals(1, p.ra.live().size(), p.ra.debug.toString());
        assertPairWorks(p.ra.live().get(0), p.rb.live().get(0));
        byte[] forged = init.clone();                  // a made-up COOKIE is answered with a fresh one, not an SA
        forged[0] ^= 1;
        p.b.receive(new Datagram(0x0ac90001, 500, B, 500, forged));
        assertEquals(1997, p.b.counters().cookiesSent);
    }
}
