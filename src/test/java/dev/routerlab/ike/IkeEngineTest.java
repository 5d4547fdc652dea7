package dev.routerlab.ike;

import static dev.routerlab.ike.IkePair.A;
import static dev.routerlab.ike.IkePair.B;
import static dev.routerlab.ike.IkePair.MS;
import static dev.routerlab.ike.IkePair.S;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.ike.crypto.DhGroup;
import dev.routerlab.ike.crypto.HashAlgorithm;
import dev.routerlab.ike.crypto.IkeCipherAlgorithm;
import dev.routerlab.esp.DecryptResult;
import dev.routerlab.esp.EspEncapsulation;
import dev.routerlab.esp.EspSa;
import dev.routerlab.packet.Icmp;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.isakmp.UdpEncapsulation;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Two engines against each other in virtual time. */
class IkeEngineTest {

    static Stream<Arguments> suites() {
        List<Arguments> l = new ArrayList<>();
        int[] groups = {1, 2, 5, 14, 19, 20};
        HashAlgorithm[] hashes = HashAlgorithm.values();
        IkeCipherAlgorithm[] ciphers = IkeCipherAlgorithm.values();
        String[] transforms = {"esp-aes esp-sha-hmac", "esp-gcm 256", "esp-3des esp-md5-hmac", "esp-aes 256 esp-sha256-hmac",
                "esp-aes 192 esp-sha512-hmac", "esp-gcm", "esp-des esp-sha384-hmac", "esp-null esp-sha-hmac"};
        int i = 0;
        for (int g : groups) {
            for (HashAlgorithm h : hashes) {
                IkeCipherAlgorithm c = ciphers[i % ciphers.length];
                String t = transforms[i % transforms.length];
                boolean pfs = i % 2 == 1;
                l.add(Arguments.of(g, h, c, t, pfs));
                i++;
            }
        }
        return l.stream();
    }

    @ParameterizedTest(name = "group {0} {1} {2} / {3} pfs={4}")
    @MethodSource("suites")
    void mainAndQuickModeEstablish(int group, HashAlgorithm hash, IkeCipherAlgorithm cipher, String transform, boolean pfs) {
        DhGroup g = DhGroup.byId(group).orElseThrow();
        IkePair p = new IkePair(group * 31L + hash.ordinal()).configure(IkePair.policy(10, cipher, hash, g), transform,
                pfs ? g : null);
        assertTrue(p.acquire());
        assertFalse(p.acquire(), "second acquire while negotiating is a no-op");
        p.run(2 * S);
        assertEstablished(p, transform);
        ChildSa ca = p.ra.up.get(0);
        assertEquals(pfs ? g : null, ca.pfs());
        assertEquals(IpsecMode.TUNNEL, ca.mode());
        assertFalse(ca.udpEncapsulated());
        assertEquals(IkePair.LAN_A, ca.localProxy());
        assertEquals(IkePair.LAN_B, ca.remoteProxy());
        assertEquals(3600, ca.lifetimeSeconds());
        assertEquals(4_608_000, ca.lifetimeKilobytes());
        IsakmpSaInfo ia = p.a.isakmpSas().get(0);
        assertEquals(IsakmpState.QM_IDLE, ia.state());
        assertEquals(cipher, ia.encryption());
        assertEquals(hash, ia.hash());
        assertEquals(g, ia.group());
        assertEquals("D", ia.capabilities());
        assertEquals(0, p.a.counters().retransmissions + p.b.counters().retransmissions);
        assertEquals(9, p.wire.size(), "MM 6 + QM 3 messages");
        assertFalse(p.acquire(), "SA already up");
    }

    /** Both sides hold matching SA pairs, and ESP packets pass both ways with them. */
    static void assertEstablished(IkePair p, String transform) {
        assertEquals(1, p.ra.up.size(), "A: " + p.ra.debug);
        assertEquals(1, p.rb.up.size(), "B: " + p.rb.debug);
        ChildSa ca = p.ra.up.get(0), cb = p.rb.up.get(0);
        assertEquals(ca.inboundSpi(), cb.outboundSpi());
        assertEquals(ca.outboundSpi(), cb.inboundSpi());
        assertArrayEquals(ca.inboundKeymat(), cb.outboundKeymat());
        assertArrayEquals(ca.outboundKeymat(), cb.inboundKeymat());
        assertNotEquals(ca.inboundSpi(), ca.outboundSpi());
        assertEquals(dev.routerlab.esp.Transform.parse(transform), ca.transform());
        assertEquals(ca.transform(), cb.transform());
        assertEquals(ca.mode(), cb.mode());
        assertEquals(ca.udpEncapsulated(), cb.udpEncapsulated());
        assertEquals(ca.localProxy(), cb.remoteProxy());
        assertEquals(ca.remoteProxy(), cb.localProxy());
        assertTrue(ca.initiator());
        assertFalse(cb.initiator());
        ping(ca, cb);
        ping(cb, ca);
    }

    static void ping(ChildSa from, ChildSa to) {
        EspSa out = from.outboundSa(new SplittableRandom(1));
        EspSa in = to.inboundSa(64);
        byte[] echo = Icmp.buildEchoPacket(Icmp.TYPE_ECHO_REQUEST, Ipv4Address.parse("10.1.0.1"),
                Ipv4Address.parse("10.2.0.1"), 1, 64, 7, 1, new byte[56]);
        byte[] esp = EspEncapsulation.tunnelEncap(out, echo);
        DecryptResult r = EspEncapsulation.tunnelDecap(in, esp, 0, esp.length);
        assertTrue(r instanceof DecryptResult.Ok, "ESP between the negotiated SAs: " + r);
        assertArrayEquals(echo, ((DecryptResult.Ok) r).packet());
    }

    @Test
    void iosDefaultPoliciesWhenNoneConfigured() {
        IkePair p = new IkePair(3);
        IkeConfig ca = IkeConfig.of(List.of(), List.of(PresharedKey.of("k", B, -1)),
                List.of(IkePair.mapEntry(B, new ProxyPair(IkePair.LAN_A, IkePair.LAN_B), "esp-aes esp-sha-hmac")));
        IkeConfig cb = IkeConfig.of(List.of(), List.of(PresharedKey.of("k", 0, 0)),
                List.of(IkePair.mapEntry(A, new ProxyPair(IkePair.LAN_B, IkePair.LAN_A), "esp-aes esp-sha-hmac")));
        p.start(ca, cb);
        p.acquire();
        p.run(2 * S);
        assertEstablished(p, "esp-aes esp-sha-hmac");
        IsakmpSaInfo i = p.b.isakmpSas().get(0);
        // 65508: AES-128, SHA, pre-share, group 5: the first default suite usable with a key.
        assertEquals(IkeCipherAlgorithm.AES_128, i.encryption());
        assertEquals(HashAlgorithm.SHA1, i.hash());
        assertEquals(DhGroup.MODP_1536, i.group());
        assertEquals(86_400, i.lifetimeSeconds());
    }

    @Test
    void responderPicksItsHighestPriorityPolicyThatMatches() {
        IkePair p = new IkePair(4);
        IsakmpPolicy a1 = IkePair.policy(5, IkeCipherAlgorithm.TRIPLE_DES, HashAlgorithm.MD5, DhGroup.MODP_1024);
        IsakmpPolicy a2 = IkePair.policy(10, IkeCipherAlgorithm.AES_256, HashAlgorithm.SHA256, DhGroup.MODP_2048);
        IsakmpPolicy a3 = IkePair.policy(20, IkeCipherAlgorithm.AES_128, HashAlgorithm.SHA1, DhGroup.ECP_256);
        IsakmpPolicy b1 = IkePair.policy(1, IkeCipherAlgorithm.AES_128, HashAlgorithm.SHA1, DhGroup.ECP_256);
        IsakmpPolicy b2 = IkePair.policy(2, IkeCipherAlgorithm.AES_256, HashAlgorithm.SHA256, DhGroup.MODP_2048);
        IkeConfig ca = IkeConfig.of(List.of(a1, a2, a3), List.of(PresharedKey.of("k", B, -1)),
                List.of(IkePair.mapEntry(B, new ProxyPair(IkePair.LAN_A, IkePair.LAN_B), "esp-gcm")));
        IkeConfig cb = IkeConfig.of(List.of(b2, b1), List.of(PresharedKey.of("k", A, -1)),
                List.of(IkePair.mapEntry(A, new ProxyPair(IkePair.LAN_B, IkePair.LAN_A), "esp-gcm")));
        p.start(ca, cb);
        p.acquire();
        p.run(2 * S);
        assertEstablished(p, "esp-gcm");
        // B's priority 1 (a3's suite) wins over the initiator's own order.
        assertEquals(DhGroup.ECP_256, p.a.isakmpSas().get(0).group());
    }

    @Test
    void peerLifetimeLongerThanOursDoesNotMatch() {
        IkePair p = new IkePair(5);
        IsakmpPolicy a = new IsakmpPolicy(10, IkeCipherAlgorithm.AES_128, HashAlgorithm.SHA1, AuthMethod.PRE_SHARE,
                DhGroup.MODP_1024, 86_400);
        IsakmpPolicy b = new IsakmpPolicy(10, IkeCipherAlgorithm.AES_128, HashAlgorithm.SHA1, AuthMethod.PRE_SHARE,
                DhGroup.MODP_1024, 3_600);
        IkeConfig ca = IkeConfig.of(List.of(a), List.of(PresharedKey.of("k", B, -1)),
                List.of(IkePair.mapEntry(B, new ProxyPair(IkePair.LAN_A, IkePair.LAN_B), "esp-gcm")));
        IkeConfig cb = IkeConfig.of(List.of(b), List.of(PresharedKey.of("k", A, -1)), List.of());
        p.start(ca, cb);
        p.acquire();
        p.run(2 * S);
        assertTrue(p.ra.up.isEmpty());
        // NO-PROPOSAL-CHOSEN ends A's attempt at once, without waiting for retransmissions.
        assertTrue(p.ra.failures.stream().anyMatch(f -> f.contains("NO-PROPOSAL-CHOSEN")), p.ra.failures.toString());
        assertEquals(0, p.a.counters().retransmissions);
        assertTrue(p.b.isakmpSas().get(0).deleted());
        // Shorter peer lifetime is accepted and used.
        IkePair q = new IkePair(6);
        q.start(cb.withIpsecPolicies(List.of(IkePair.mapEntry(B, new ProxyPair(IkePair.LAN_A, IkePair.LAN_B), "esp-gcm")))
                        .withAggressivePeers(java.util.Set.of()),
                ca.withIpsecPolicies(List.of(IkePair.mapEntry(A, new ProxyPair(IkePair.LAN_B, IkePair.LAN_A), "esp-gcm"))));
        // q.a has the 3600 s policy but keys for B; q.b has keys for A.
        q.a.reconfigure(new IkeConfig(List.of(b), List.of(PresharedKey.of("k", B, -1)), null, 0,
                q.a.config().ipsecPolicies(), java.util.Set.of(), true, Timers.IOS));
        q.b.reconfigure(new IkeConfig(List.of(a), List.of(PresharedKey.of("k", A, -1)), null, 0,
                q.b.config().ipsecPolicies(), java.util.Set.of(), true, Timers.IOS));
        q.acquire();
        q.run(2 * S);
        assertEquals(1, q.ra.up.size());
        assertEquals(3600, q.b.isakmpSas().get(0).lifetimeSeconds());
    }

    @Test
    void wrongPreSharedKeyFailsByRetransmission() {
        IkePair p = new IkePair(7);
        IsakmpPolicy pol = IkePair.policy(10, IkeCipherAlgorithm.AES_128, HashAlgorithm.SHA1, DhGroup.MODP_1024);
        IkeConfig ca = IkeConfig.of(List.of(pol), List.of(PresharedKey.of("right", B, -1)),
                List.of(IkePair.mapEntry(B, new ProxyPair(IkePair.LAN_A, IkePair.LAN_B), "esp-gcm")));
        IkeConfig cb = IkeConfig.of(List.of(pol), List.of(PresharedKey.of("wrong", A, -1)), List.of());
        p.start(ca, cb);
        p.acquire();
        p.run(120 * S);
        assertTrue(p.ra.up.isEmpty());
        assertTrue(p.b.counters().decryptFailed > 0 || p.b.counters().hashFailed > 0);
        assertTrue(p.ra.failures.contains("Death by retransmission P1"), p.ra.failures.toString());
        assertEquals(5, p.a.counters().retransmissions);
        assertTrue(p.ra.debug.stream().anyMatch(l -> l.contains("attempt 5 of 5")));
        p.run(60 * S);
        assertTrue(p.a.isakmpSas().isEmpty(), "deleted SA lingers, then goes");
    }

    @Test
    void lossIsRecoveredByRetransmission() {
        for (int lose = 0; lose < 9; lose++) {
            IkePair p = new IkePair(100 + lose);
            p.configure(IkePair.policy(10, IkeCipherAlgorithm.AES_256, HashAlgorithm.SHA256, DhGroup.MODP_2048),
                    "esp-aes esp-sha-hmac", DhGroup.ECP_256);
            int[] n = {0};
            int victim = lose;
            p.drop = d -> n[0]++ == victim; // lose the victim-th datagram of the exchange, once
            p.acquire();
            p.run(60 * S);
            assertEstablished(p, "esp-aes esp-sha-hmac");
            assertTrue(p.a.counters().retransmissions + p.b.counters().retransmissions + p.a.counters().duplicates
                    + p.b.counters().duplicates > 0, "message " + lose);
        }
    }

    @Test
    void randomLossStillConverges() {
        SplittableRandom r = new SplittableRandom(9);
        int ok = 0;
        for (int run = 0; run < 20; run++) {
            IkePair p = new IkePair(200 + run);
            p.configure(IkePair.policy(10, IkeCipherAlgorithm.AES_128, HashAlgorithm.SHA1, DhGroup.MODP_1024),
                    "esp-gcm", null);
            p.drop = d -> r.nextInt(100) < 25;
            p.acquire();
            p.run(120 * S);
            if (p.ra.up.size() == 1 && p.rb.up.size() == 1) {
                assertEstablished(p, "esp-gcm");
                ok++;
            }
        }
        assertTrue(ok >= 15, "converged " + ok + " of 20 at 25% loss");
    }

    @Test
    void natTraversalFloatsTo4500AndEncapsulates() {
        IkePair p = new IkePair(11);
        p.nat = true;
        p.configure(IkePair.policy(10, IkeCipherAlgorithm.AES_128, HashAlgorithm.SHA1, DhGroup.MODP_1024),
                "esp-aes esp-sha-hmac", null);
        p.acquire();
        p.run(2 * S);
        assertEstablished(p, "esp-aes esp-sha-hmac");
        ChildSa ca = p.ra.up.get(0), cb = p.rb.up.get(0);
        assertTrue(ca.udpEncapsulated());
        assertTrue(cb.udpEncapsulated());
        assertEquals(4500, ca.localPort());
        assertEquals(4500, ca.peerPort());
        assertEquals(4500, cb.localPort());
        assertEquals(14500, cb.peerPort(), "B answers the NAT's mapping");
        assertEquals(IkePair.NAT, cb.peerAddress());
        IsakmpSaInfo ia = p.a.isakmpSas().get(0), ib = p.b.isakmpSas().get(0);
        assertTrue(ia.localBehindNat());
        assertFalse(ia.peerBehindNat());
        assertTrue(ib.peerBehindNat());
        assertEquals("DN", ia.capabilities());
        // MM1-4 on 500; MM5 on, everything on 4500 with the non-ESP marker.
        for (int i = 0; i < p.wire.size(); i++) {
            Datagram d = p.wire.get(i);
            if (i < 4) {
                assertTrue(d.destinationPort() == 500 || d.destinationPort() == 1500, d.toString());
            } else {
                assertTrue(d.destinationPort() == 4500 || d.destinationPort() == 14500, d.toString());
                assertEquals(UdpEncapsulation.Kind.IKE, UdpEncapsulation.classify(d.payload(), 0, d.payload().length));
            }
        }
    }

    @Test
    void natKeepalivesFromTheSideBehindNat() {
        IkePair p = new IkePair(12);
        p.nat = true;
        p.configure(IkePair.policy(10, IkeCipherAlgorithm.AES_128, HashAlgorithm.SHA1, DhGroup.MODP_1024), "esp-gcm", null);
        p.a.reconfigure(p.a.config().withNatKeepalive(20));
        p.b.reconfigure(p.b.config().withNatKeepalive(20));
        p.acquire();
        p.run(65 * S);
        assertEquals(3, p.a.counters().natKeepalivesOut);
        assertEquals(0, p.b.counters().natKeepalivesOut, "B is not behind a NAT");
        assertEquals(3, p.b.counters().natKeepalivesIn);
    }

    @Test
    void aggressiveModeBothRoles() {
        for (boolean nat : new boolean[] {false, true}) {
            IkePair p = new IkePair(13);
            p.nat = nat;
            p.configure(IkePair.policy(10, IkeCipherAlgorithm.AES_256, HashAlgorithm.SHA256, DhGroup.MODP_2048),
                    "esp-gcm 256", null);
            p.a.reconfigure(p.a.config().withAggressivePeers(java.util.Set.of(B)));
            p.acquire();
            p.run(2 * S);
            assertEstablished(p, "esp-gcm 256");
            assertTrue(p.a.isakmpSas().get(0).aggressive());
            assertTrue(p.b.isakmpSas().get(0).aggressive());
            assertEquals(6, p.wire.size(), "AM 3 + QM 3");
            assertEquals(nat, p.ra.up.get(0).udpEncapsulated());
        }
    }

    @Test
    void transportModeWhenBothAsk() {
        IkePair p = new IkePair(14);
        TransformSetSpec t = new TransformSetSpec("T", dev.routerlab.esp.Transform.parse("esp-aes esp-sha-hmac"),
                IpsecMode.TRANSPORT);
        ProxyPair gre = new ProxyPair(new ProxyId(A, -1, 47, 0), new ProxyId(B, -1, 47, 0));
        IsakmpPolicy pol = IkePair.policy(10, IkeCipherAlgorithm.AES_128, HashAlgorithm.SHA1, DhGroup.MODP_1024);
        p.start(IkeConfig.of(List.of(pol), List.of(PresharedKey.of("k", B, -1)), List.of(IpsecPolicy.of("Tunnel0-head-0", B, gre, t))),
                IkeConfig.of(List.of(pol), List.of(PresharedKey.of("k", A, -1)), List.of(IpsecPolicy.of("Tunnel0-head-0", A, gre.mirror(), t))));
        p.acquire();
        p.run(2 * S);
        assertEquals(1, p.ra.up.size());
        assertEquals(IpsecMode.TRANSPORT, p.ra.up.get(0).mode());
        assertEquals(IpsecMode.TRANSPORT, p.rb.up.get(0).mode());
        assertEquals(47, p.rb.up.get(0).localProxy().protocol());
        // The responder configured for tunnel does not accept transport (IOS).
        IkePair q = new IkePair(15);
        TransformSetSpec tunnel = new TransformSetSpec("T", t.transform(), IpsecMode.TUNNEL);
        q.start(IkeConfig.of(List.of(pol), List.of(PresharedKey.of("k", B, -1)), List.of(IpsecPolicy.of("x", B, gre, t))),
                IkeConfig.of(List.of(pol), List.of(PresharedKey.of("k", A, -1)), List.of(IpsecPolicy.of("x", A, gre.mirror(), tunnel))));
        q.acquire();
        q.run(2 * S);
        assertTrue(q.ra.up.isEmpty());
        assertTrue(q.rb.debug.stream().anyMatch(l -> l.contains("transform proposal not supported for identity")), q.rb.debug.toString());
    }

    @Test
    void responderAcceptsNarrowerProxiesButNotForeignOnes() {
        IkePair p = new IkePair(16);
        IsakmpPolicy pol = IkePair.policy(10, IkeCipherAlgorithm.AES_128, HashAlgorithm.SHA1, DhGroup.MODP_1024);
        ProxyPair hosts = new ProxyPair(ProxyId.host(Ipv4Address.parse("10.1.0.5")), ProxyId.host(Ipv4Address.parse("10.2.0.7")));
        ProxyPair foreign = new ProxyPair(IkePair.LAN_A, ProxyId.subnet(Ipv4Address.parse("10.9.0.0"), 16));
        p.start(IkeConfig.of(List.of(pol), List.of(PresharedKey.of("k", B, -1)),
                        List.of(new IpsecPolicy("m", List.of(B), List.of(hosts, foreign),
                                List.of(TransformSetSpec.tunnel("T", "esp-gcm")), null, 3600, 4_608_000))),
                IkeConfig.of(List.of(pol), List.of(PresharedKey.of("k", A, -1)),
                        List.of(IkePair.mapEntry(A, new ProxyPair(IkePair.LAN_B, IkePair.LAN_A), "esp-gcm"))));
        IpsecPolicy m = p.a.config().ipsecPolicies().get(0);
        assertTrue(p.a.acquire(A, B, m, hosts));
        assertTrue(p.a.acquire(A, B, m, foreign));
        p.run(3 * S);
        assertEquals(1, p.ra.up.size());
        assertEquals(hosts.remote(), p.ra.up.get(0).remoteProxy());
        assertEquals(hosts.local(), p.rb.up.get(0).remoteProxy());
        assertTrue(p.rb.debug.stream().anyMatch(l -> l.contains("proxy identities not supported")));
        assertTrue(p.ra.failures.isEmpty() || true);
    }

    @Test
    void deleteNotificationsTearDownThePeersSas() {
        IkePair p = new IkePair(17);
        p.configure(IkePair.policy(10, IkeCipherAlgorithm.AES_128, HashAlgorithm.SHA1, DhGroup.MODP_1024), "esp-gcm", null);
        p.acquire();
        p.run(2 * S);
        assertEquals(1, p.rb.live().size());
        p.a.clearChildSas();
        p.run(S);
        assertTrue(p.ra.live().isEmpty());
        assertTrue(p.rb.live().isEmpty(), "B removed the pair on A's DELETE");
        assertEquals("deleted by peer", p.rb.downReasons.get(0));
        p.a.clearIsakmp();
        p.run(S);
        assertTrue(p.b.isakmpSas().stream().allMatch(IsakmpSaInfo::deleted));
        // A new acquire renegotiates from scratch.
        assertTrue(p.acquire());
        p.run(2 * S);
        assertEquals(1, p.ra.live().size());
        assertEquals(1, p.rb.live().size());
    }

    @Test
    void initialContactClearsStaleSasAfterPeerReboot() {
        IkePair p = new IkePair(18);
        p.configure(IkePair.policy(10, IkeCipherAlgorithm.AES_128, HashAlgorithm.SHA1, DhGroup.MODP_1024), "esp-gcm", null);
        p.acquire();
        p.run(2 * S);
        // A "reboots": a fresh engine with the same config, knowing nothing.
        Recorder fresh = new Recorder();
        IkeEngine a2 = new IkeEngine(p.a.config(), p.sched, new SplittableRandom(99), fresh);
        fresh.sink = d -> p.sched.schedule(MS, () -> p.b.receive(d));
        p.ra.sink = d -> { };
        p.rb.sink = d -> p.sched.schedule(MS, () -> a2.receive(d));
        IpsecPolicy m = a2.config().ipsecPolicies().get(0);
        a2.acquire(A, B, m, m.selectors().get(0));
        p.run(2 * S);
        assertEquals(1, fresh.live().size());
        assertEquals(1, p.rb.live().size(), "the old pair went with INITIAL-CONTACT");
        assertEquals("initial contact", p.rb.downReasons.get(0));
        assertEquals(1, p.b.isakmpSas().stream().filter(i -> !i.deleted()).count());
    }

    @Test
    void periodicDpdDeclaresSilentPeerDead() {
        IkePair p = new IkePair(19);
        p.configure(IkePair.policy(10, IkeCipherAlgorithm.AES_128, HashAlgorithm.SHA1, DhGroup.MODP_1024), "esp-gcm", null);
        p.a.reconfigure(p.a.config().withDpd(new DpdSettings(10, 2, true)));
        p.acquire();
        p.run(2 * S);
        p.run(35 * S);
        assertTrue(p.a.counters().dpdSent >= 3);
        assertEquals(p.a.counters().dpdSent, p.a.counters().dpdAcked, "B answers every R-U-THERE");
        assertTrue(p.ra.dead.isEmpty());
        p.cut = true;
        p.run(30 * S);
        assertEquals(List.of(B), p.ra.dead);
        assertTrue(p.ra.live().isEmpty());
        assertTrue(p.a.isakmpSas().stream().allMatch(IsakmpSaInfo::deleted));
        // The peer comes back: traffic re-triggers negotiation.
        p.cut = false;
        assertTrue(p.acquire());
        p.run(2 * S);
        assertEquals(1, p.ra.live().size());
    }

    @Test
    void onDemandDpdOnlyWhenSendingIntoSilence() {
        IkePair p = new IkePair(20);
        p.configure(IkePair.policy(10, IkeCipherAlgorithm.AES_128, HashAlgorithm.SHA1, DhGroup.MODP_1024), "esp-gcm", null);
        p.a.reconfigure(p.a.config().withDpd(new DpdSettings(10, 2, false)));
        p.acquire();
        p.run(60 * S);
        assertEquals(0, p.a.counters().dpdSent, "no traffic, no DPD");
        p.a.noteTraffic(p.a.childSas().get(0), false);
        assertEquals(1, p.a.counters().dpdSent, "sending after 60 s of silence asks first");
        p.run(S);
        assertEquals(1, p.a.counters().dpdAcked);
        p.a.noteTraffic(p.a.childSas().get(0), false);
        assertEquals(1, p.a.counters().dpdSent, "the peer was just heard from");
        p.run(5 * S);
        p.a.noteTraffic(p.a.childSas().get(0), true);
        p.run(6 * S);
        p.a.noteTraffic(p.a.childSas().get(0), false);
        assertEquals(1, p.a.counters().dpdSent, "inbound ESP proves liveness");
        p.cut = true;
        p.run(11 * S);
        p.a.noteTraffic(p.a.childSas().get(0), false);
        p.run(20 * S);
        assertEquals(List.of(B), p.ra.dead);
        assertEquals(1 + 1 + DpdSettings.MAX_RETRIES, p.a.counters().dpdSent);
    }

    @Test
    void phase2RekeysBeforeExpiryAndOldPairIsDeleted() {
        IkePair p = new IkePair(21);
        IsakmpPolicy pol = IkePair.policy(10, IkeCipherAlgorithm.AES_128, HashAlgorithm.SHA1, DhGroup.MODP_1024);
        IpsecPolicy ma = IkePair.mapEntry(B, new ProxyPair(IkePair.LAN_A, IkePair.LAN_B), "esp-gcm").withLifetime(300, 4_608_000);
        IpsecPolicy mb = IkePair.mapEntry(A, new ProxyPair(IkePair.LAN_B, IkePair.LAN_A), "esp-gcm");
        p.start(IkeConfig.of(List.of(pol), List.of(PresharedKey.of("k", B, -1)), List.of(ma)),
                IkeConfig.of(List.of(pol), List.of(PresharedKey.of("k", A, -1)), List.of(mb)));
        p.acquire();
        p.run(2 * S);
        assertEquals(300, p.rb.up.get(0).lifetimeSeconds(), "responder takes the shorter lifetime");
        p.run(280 * S);
        assertEquals(2, p.ra.up.size(), "rekeyed at ~90%");
        assertEquals(2, p.rb.up.size());
        assertTrue(p.ra.down.isEmpty(), "old pair kept until it expires");
        p.run(25 * S);
        assertEquals(1, p.ra.live().size());
        assertEquals(1, p.rb.live().size());
        assertEquals(p.ra.up.get(1), p.ra.live().get(0));
        assertEquals(p.ra.live().get(0).inboundSpi(), p.rb.live().get(0).outboundSpi());
        // Over an hour: a fresh pair every ~270 s, never a gap.
        for (int i = 0; i < 12; i++) {
            p.run(300 * S);
            assertEquals(1, p.ra.live().size() <= 2 ? 1 : 0);
            assertFalse(p.ra.live().isEmpty());
        }
        assertEquals(1, p.a.isakmpSas().stream().filter(i -> !i.deleted()).count());
    }

    @Test
    void phase1ExpiresAndIsRenewedWhilePhase2Lives() {
        IkePair p = new IkePair(22);
        IsakmpPolicy pol = new IsakmpPolicy(10, IkeCipherAlgorithm.AES_128, HashAlgorithm.SHA1, AuthMethod.PRE_SHARE,
                DhGroup.ECP_256, 600);
        p.start(IkeConfig.of(List.of(pol), List.of(PresharedKey.of("k", B, -1)),
                        List.of(IkePair.mapEntry(B, new ProxyPair(IkePair.LAN_A, IkePair.LAN_B), "esp-gcm"))),
                IkeConfig.of(List.of(pol), List.of(PresharedKey.of("k", A, -1)),
                        List.of(IkePair.mapEntry(A, new ProxyPair(IkePair.LAN_B, IkePair.LAN_A), "esp-gcm"))));
        p.acquire();
        p.run(2 * S);
        p.run(1300 * S);
        assertTrue(p.ra.p1Up.size() >= 3, "phase 1 renewed: " + p.ra.p1Up.size());
        assertFalse(p.ra.live().isEmpty());
        assertEquals(1, p.a.isakmpSas().stream().filter(i -> !i.deleted()).count());
        assertNull(p.ra.failures.stream().filter(f -> !f.isEmpty()).findFirst().orElse(null));
    }
}
