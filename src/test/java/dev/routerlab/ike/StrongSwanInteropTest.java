package dev.routerlab.ike;

import dev.routerlab.Interop;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.ike.crypto.DhGroup;
import dev.routerlab.ike.crypto.HashAlgorithm;
import dev.routerlab.ike.crypto.IkeCipherAlgorithm;
import dev.routerlab.esp.DecryptResult;
import dev.routerlab.esp.EspEncapsulation;
import dev.routerlab.esp.EspSa;
import dev.routerlab.packet.Icmp;
import dev.routerlab.packet.Ipv4;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.PacketError;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine against a real, independent IKEv1 implementation: strongSwan's charon 5.9 with
 * kernel-libipsec in a namespace of its own (NAT-T is forced there, so every SA is
 * UDP-encapsulated). For each scenario: phase 1 + quick mode initiated by one side, the SA
 * INSTALLED in {@code swanctl --list-sas}, ICMP echoes encrypted here with the negotiated keys
 * answered by charon's kernel through its SA, and our DELETE removing the SA at charon.
 * Skips with a printed reason when not root or strongSwan is missing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StrongSwanInteropTest {
    private static StrongSwanHarness h;

    @BeforeAll
    static void setUp() throws Exception {
        String why = StrongSwanHarness.unavailable();
        if (why != null) Interop.skip("StrongSwanInteropTest: " + why);
        h = new StrongSwanHarness();
    }

    @AfterAll
    static void tearDown() {
        if (h != null) h.close();
    }

    record Scenario(String name, String ikeProposal, IsakmpPolicy policy, String espProposal, String transform,
                    DhGroup pfs, boolean engineInitiates, boolean aggressive) {
        @Override
        public String toString() {
            return name;
        }
    }

    static IsakmpPolicy p1(IkeCipherAlgorithm c, HashAlgorithm hash, DhGroup g) {
        return new IsakmpPolicy(10, c, hash, AuthMethod.PRE_SHARE, g, IsakmpPolicy.DEFAULT_LIFETIME);
    }

    static Stream<Arguments> scenarios() {
        IsakmpPolicy a128 = p1(IkeCipherAlgorithm.AES_128, HashAlgorithm.SHA1, DhGroup.MODP_1024);
        IsakmpPolicy a256 = p1(IkeCipherAlgorithm.AES_256, HashAlgorithm.SHA256, DhGroup.MODP_2048);
        return Stream.of(
                new Scenario("mm-aes128-sha1-modp1024/esp-aes-sha1, engine initiates", "aes128-sha1-modp1024", a128,
                        "aes128-sha1", "esp-aes esp-sha-hmac", null, true, false),
                new Scenario("mm-aes128-sha1-modp1024/esp-aes-sha1, charon initiates", "aes128-sha1-modp1024", a128,
                        "aes128-sha1", "esp-aes esp-sha-hmac", null, false, false),
                new Scenario("mm-aes128-sha1-modp1024/esp-gcm, engine initiates", "aes128-sha1-modp1024", a128,
                        "aes128gcm16", "esp-gcm", null, true, false),
                new Scenario("mm-aes128-sha1-modp1024/esp-gcm, charon initiates", "aes128-sha1-modp1024", a128,
                        "aes128gcm16", "esp-gcm", null, false, false),
                new Scenario("mm-aes256-sha256-modp2048/esp-aes-sha1, engine initiates", "aes256-sha256-modp2048", a256,
                        "aes128-sha1", "esp-aes esp-sha-hmac", null, true, false),
                new Scenario("mm-aes256-sha256-modp2048/esp-aes-sha1, charon initiates", "aes256-sha256-modp2048", a256,
                        "aes128-sha1", "esp-aes esp-sha-hmac", null, false, false),
                new Scenario("mm-aes256-sha256-modp2048/esp-gcm, engine initiates", "aes256-sha256-modp2048", a256,
                        "aes128gcm16", "esp-gcm", null, true, false),
                new Scenario("mm-aes256-sha256-modp2048/esp-gcm, charon initiates", "aes256-sha256-modp2048", a256,
                        "aes128gcm16", "esp-gcm", null, false, false),
                new Scenario("mm-aes256-sha256-modp2048/esp-gcm-256 pfs group 14, engine initiates",
                        "aes256-sha256-modp2048", a256, "aes256gcm16-modp2048", "esp-gcm 256", DhGroup.MODP_2048, true, false),
                new Scenario("mm-aes128-sha1-modp1024/esp-aes-256-sha256 pfs group 19, charon initiates",
                        "aes128-sha1-modp1024", a128, "aes256-sha256-ecp256", "esp-aes 256 esp-sha256-hmac", null, false,
                        false),
                new Scenario("am-aes128-sha1-modp1024/esp-aes-sha1, charon initiates aggressive mode",
                        "aes128-sha1-modp1024", a128, "aes128-sha1", "esp-aes esp-sha-hmac", null, false, true),
                new Scenario("am-aes256-sha256-modp2048/esp-gcm, engine initiates aggressive mode",
                        "aes256-sha256-modp2048", a256, "aes128gcm16", "esp-gcm", null, true, true))
                .map(Arguments::of);
    }

    private static IkeConfig config(Scenario s, DpdSettings dpd) {
        ProxyPair sel = new ProxyPair(ProxyId.host(StrongSwanHarness.INNER_ENGINE), ProxyId.host(StrongSwanHarness.INNER_CHARON));
        IpsecPolicy map = IpsecPolicy.of("CMAP 10", h.nsAddr, sel, TransformSetSpec.tunnel("TS", s.transform())).withPfs(s.pfs());
        return new IkeConfig(List.of(s.policy()), List.of(PresharedKey.of(StrongSwanHarness.PSK, h.nsAddr, -1)), dpd, 0,
                List.of(map), s.aggressive() ? Set.of(h.nsAddr) : Set.of(), true,
                new Timers(2_000_000_000L, 4, 0.9, 5_000_000_000L));
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void negotiateAndPassTraffic(Scenario s) throws Exception {
        String conn = "rl" + Integer.toHexString(s.name().hashCode() & 0xfffffff);
        h.load(h.connection(conn, s.ikeProposal(), s.espProposal(), s.aggressive(), 0));
        try (LiveEngine e = new LiveEngine(h.rootAddr, config(s, null))) {
            if (s.engineInitiates()) {
                IpsecPolicy p = e.engine.config().ipsecPolicies().get(0);
                boolean started = e.call(en -> en.acquire(h.rootAddr, h.nsAddr, p, p.selectors().get(0)));
                assertTrue(started);
            } else {
                StrongSwanHarness.Result r = h.swanctl("--initiate", "--child", conn + "-net", "--timeout", "30");
                assertEquals(0, r.exit(), "swanctl --initiate:\n" + r.out() + "\nengine:\n" + e.logText());
            }
            ChildSa sa = e.up.poll(30, TimeUnit.SECONDS);
            assertNotNull(sa, () -> "no SA.\nengine:\n" + e.logText() + "\ncharon:\n" + h.charonLogTail(60));
            assertTrue(sa.udpEncapsulated(), "charon forces NAT-T");
            assertEquals(dev.routerlab.esp.Transform.parse(s.transform()), sa.transform());
            // PFS: ours when we initiate with `set pfs`; charon's group accepted when it offers one.
            assertEquals(s.espProposal().endsWith("ecp256") ? DhGroup.ECP_256 : s.pfs(), sa.pfs());

            // charon installs its CHILD_SA just after sending QM2/receiving QM3: poll, a loaded machine is slow
            String list = h.swanctl("--list-sas").out();
            for (long until = System.nanoTime() + 15_000_000_000L; !list.contains("INSTALLED") && System.nanoTime() < until; ) {
                Thread.sleep(200);
                list = h.swanctl("--list-sas").out();
            }
            assertTrue(list.contains("INSTALLED"), list);
            assertTrue(list.contains(String.format("%08x", sa.outboundSpi())), "charon's inbound SPI is our outbound:\n" + list);
            assertTrue(list.contains(String.format("%08x", sa.inboundSpi())), list);
            assertTrue(list.contains("TUNNEL-in-UDP"), list);
            System.out.println("[" + s + "] swanctl --list-sas:\n" + list.strip());

            // Three echoes through the SA: encrypted here, answered by charon's kernel, decrypted here.
            EspSa out = sa.outboundSa(new SecureRandom());
            EspSa in = sa.inboundSa(64);
            for (int seq = 1; seq <= 3; seq++) {
                byte[] data = ("routerlab-" + seq).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                byte[] echo = Icmp.buildEchoPacket(Icmp.TYPE_ECHO_REQUEST, StrongSwanHarness.INNER_ENGINE,
                        StrongSwanHarness.INNER_CHARON, seq, 64, 0x4242, seq, data);
                e.sendEsp(sa, EspEncapsulation.tunnelEncap(out, echo));
                byte[] reply = awaitEcho(e, in, seq);
                assertNotNull(reply, "no echo reply " + seq + "\ncharon:\n" + h.charonLogTail(40));
                assertEquals(StrongSwanHarness.INNER_CHARON, Ipv4.source(reply, 0));
                assertEquals(StrongSwanHarness.INNER_ENGINE, Ipv4.destination(reply, 0));
                int hl = Ipv4.headerLength(reply, 0);
                assertEquals(Icmp.TYPE_ECHO_REPLY, Icmp.type(reply, hl));
                assertArrayEquals(data, java.util.Arrays.copyOfRange(reply, hl + 8, Ipv4.totalLength(reply, 0)));
            }
            assertEquals(3, out.counters().encaps());
            assertEquals(3, in.counters().decaps());
            String after = h.swanctl("--list-sas").out();
            for (long until = System.nanoTime() + 10_000_000_000L;
                 !after.toLowerCase(Locale.ROOT).contains("3 packets") && System.nanoTime() < until; ) {
                Thread.sleep(200);
                after = h.swanctl("--list-sas").out();
            }
            assertTrue(after.toLowerCase(Locale.ROOT).contains("3 packets"), "charon counted our packets:\n" + after);

            // Our DELETEs (ESP, then ISAKMP) make charon drop the SAs.
            e.call(en -> {
                en.clearChildSas();
                en.clearIsakmp();
                return null;
            });
            String gone = "";
            for (int i = 0; i < 50; i++) {
                gone = h.swanctl("--list-sas").out();
                if (!gone.contains("INSTALLED") && !gone.contains("ESTABLISHED")) break;
                StrongSwanHarness.sleep(100);
            }
            assertTrue(!gone.contains("INSTALLED") && !gone.contains("ESTABLISHED"), "charon kept SAs:\n" + gone);
        }
    }

    /** Waits for an ESP packet that decrypts to the echo reply with this sequence number. */
    private static byte[] awaitEcho(LiveEngine e, EspSa in, int seq) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            byte[] p = e.esp.poll(200, TimeUnit.MILLISECONDS);
            if (p == null) continue;
            DecryptResult r = EspEncapsulation.tunnelDecap(in, p, 0, p.length);
            if (!(r instanceof DecryptResult.Ok ok)) continue;
            byte[] ip = ok.packet();
            if (Ipv4.check(ip, 0, ip.length) != PacketError.OK || Ipv4.protocol(ip, 0) != Ipv4.PROTO_ICMP) continue;
            int hl = Ipv4.headerLength(ip, 0);
            if (Icmp.type(ip, hl) == Icmp.TYPE_ECHO_REPLY && Icmp.sequence(ip, hl) == seq) return ip;
        }
        return null;
    }

    @Order(2)
    @Test
    void deadPeerDetectionWhenCharonDies() throws Exception {
        Scenario s = new Scenario("dpd", "aes128-sha1-modp1024", p1(IkeCipherAlgorithm.AES_128, HashAlgorithm.SHA1,
                DhGroup.MODP_1024), "aes128-sha1", "esp-aes esp-sha-hmac", null, true, false);
        h.load(h.connection("rldpd", s.ikeProposal(), s.espProposal(), false, 0));
        try (LiveEngine e = new LiveEngine(h.rootAddr, config(s, new DpdSettings(3, 1, true)))) {
            IpsecPolicy p = e.engine.config().ipsecPolicies().get(0);
            e.call(en -> en.acquire(h.rootAddr, h.nsAddr, p, p.selectors().get(0)));
            ChildSa sa = e.up.poll(30, TimeUnit.SECONDS);
            assertNotNull(sa, () -> e.logText());
            // charon answers R-U-THERE while alive.
            StrongSwanHarness.sleep(4500);
            IkeCounters c = e.call(IkeEngine::counters);
            assertTrue(c.dpdSent >= 1 && c.dpdAcked >= 1, "charon acknowledged DPD: " + c);
            assertTrue(e.dead.isEmpty());
            long t0 = System.nanoTime();
            h.killCharon();
            Integer dead = e.dead.poll(30, TimeUnit.SECONDS);
            assertEquals(h.nsAddr, dead, e.logText());
            System.out.printf("[dpd] peer declared dead %.1f s after charon was killed%n", (System.nanoTime() - t0) / 1e9);
            assertEquals(sa, e.down.poll(1, TimeUnit.SECONDS));
        } finally {
            h.startCharon(); // leave a live charon for any later test
        }
    }
}
