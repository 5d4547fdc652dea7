package dev.routerlab.nhrp;

import dev.routerlab.nhrp.cli.NhrpShow;
import dev.routerlab.config.InterfaceConfig.NhrpConfig;
import dev.routerlab.nhrp.DmvpnNet.Node;
import dev.routerlab.packet.Checksum;
import dev.routerlab.packet.nhrp.Nhrp;
import dev.routerlab.packet.nhrp.NhrpBuilder;
import dev.routerlab.packet.nhrp.Tshark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static dev.routerlab.nhrp.DmvpnNet.SECOND;
import static dev.routerlab.nhrp.DmvpnNet.ip;
import static org.junit.jupiter.api.Assertions.*;

/** Hub and spokes wired through a fake NBMA network in virtual time. */
class NhrpEngineTest {
    static final String AUTH = "cisco123";

    /** Hub 10.0.0.1 (172.16.0.1) and spokes 10.0.0.1x (172.16.0.1x) with LANs 192.168.1x.0/24. */
    static final class Lab {
        final DmvpnNet net = new DmvpnNet();
        final Node hub;
        final Node[] spokes;

        Lab(int spokeCount, boolean phase3) {
            hub = net.node("Hub", "172.16.0.1", "10.0.0.1", null, c -> {
                c.authentication = AUTH;
                c.multicastDynamic = true;
                c.redirect = phase3;
            });
            spokes = new Node[spokeCount];
            for (int i = 0; i < spokeCount; i++) {
                int n = 11 + i;
                String t = tunnel(n);
                spokes[i] = net.node("Spoke" + (i + 1), nbma(n), t, lan(n) + "/24", c -> {
                    c.authentication = AUTH;
                    c.nhs.add(new NhrpConfig.Nhs(ip("10.0.0.1"), ip("172.16.0.1"), true));
                    c.shortcut = phase3;
                });
                hub.route(lan(n), 24, t);
            }
            for (int i = 0; i < spokeCount; i++) {
                if (phase3) {
                    spokes[i].route("192.168.0.0", 16, "10.0.0.1");       // the hub summarises
                } else {
                    for (int j = 0; j < spokeCount; j++) if (j != i) spokes[i].route(lan(11 + j), 24, tunnel(11 + j));
                }
            }
        }

        static String tunnel(int n) { return "10.0.0." + n; }

        static String nbma(int n) { return n < 255 ? "172.16.0." + n : "172.17." + (n >> 8) + "." + (n & 255); }

        static String lan(int n) { return n < 256 ? "192.168." + n + ".0" : "192." + (n >> 8) + "." + (n & 255) + ".0"; }

        Lab up() {
            net.upAll();
            net.runMs(100);
            return this;
        }

        Node s(int i) { return spokes[i - 1]; }
    }

    static List<String> path(String... names) { return List.of(names); }

    // ------------------------------------------------------------------ registration (phase 1)

    @Test
    void spokesRegisterAndRefresh() {
        Lab lab = new Lab(2, false).up();
        Node hub = lab.hub, s1 = lab.s(1);
        NhrpCacheEntry e = hub.entry("10.0.0.11", 32);
        assertNotNull(e, "hub learned spoke 1");
        assertEquals(NhrpCacheEntry.Type.DYNAMIC, e.type());
        assertEquals(ip("172.16.0.11"), e.nbma());
        assertEquals("unique registered nhop", e.flagWords());
        assertEquals(300 * SECOND, e.expiresNanos() - e.createdNanos(), 1_000_000_0L);
        assertNotNull(hub.entry("10.0.0.12", 32));
        NhrpNhs nhs = s1.nhs("10.0.0.1");
        assertTrue(nhs.responding());
        assertEquals(List.of("NHS 10.0.0.1 UP"), s1.events);
        assertEquals(1, nhs.requestsSent());
        assertEquals(1, nhs.repliesReceived());
        assertEquals(nhs.currentRequestId(), nhs.ackedRequestId());
        assertArrayEquals(new int[]{ip("172.16.0.11"), ip("172.16.0.12")}, nbmas(hub.nhrp.multicastRoutes()));
        assertArrayEquals(new int[]{ip("172.16.0.1")}, nbmas(s1.nhrp.multicastRoutes()), "nhs ... multicast");
        assertEquals(2, hub.nhrp.counters().received(Nhrp.TYPE_REGISTRATION_REQUEST));
        assertEquals(2, hub.nhrp.counters().sent(Nhrp.TYPE_REGISTRATION_REPLY));

        // refreshed every holdtime/3 = 100 s; the entry keeps its creation time, its expiry moves on
        long created = e.createdNanos();
        lab.net.run(250);
        assertSame(e, hub.entry("10.0.0.11", 32));
        assertEquals(created, e.createdNanos());
        assertEquals(3, nhs.requestsSent());
        assertEquals(3, nhs.repliesReceived());
        assertEquals(0, nhs.requestsFailed());
        assertTrue(e.expiresNanos() - lab.net.sched.nanos() > 240 * SECOND, "expiry follows the last refresh");
    }

    @Test
    void registrationTimeoutAndNoUniqueAreHonoured() {
        DmvpnNet net = new DmvpnNet();
        Node hub = net.node("Hub", "172.16.0.1", "10.0.0.1", null, c -> { });
        Node s = net.node("Spoke", "172.16.0.11", "10.0.0.11", null, c -> {
            c.nhs.add(new NhrpConfig.Nhs(ip("10.0.0.1"), ip("172.16.0.1"), false));
            c.registrationTimeout = 30;
            c.registrationNoUnique = true;
        });
        net.upAll();
        net.run(95);
        assertEquals(4, s.nhs("10.0.0.1").requestsSent(), "at 0, 30, 60 and 90 s");
        assertEquals("registered nhop", hub.entry("10.0.0.11", 32).flagWords());
    }

    @Test
    void entriesExpireWhenRefreshesStop() {
        Lab lab = new Lab(2, false).up();
        Node hub = lab.hub, s2 = lab.s(2);
        lab.net.cut.add(s2.nbma);
        lab.net.run(299);
        assertNotNull(hub.entry("10.0.0.12", 32), "still within its holding time");
        lab.net.run(2);
        assertNull(hub.entry("10.0.0.12", 32), "gone 300 s after the last registration");
        assertNotNull(hub.entry("10.0.0.11", 32));
        assertArrayEquals(new int[]{ip("172.16.0.11")}, nbmas(hub.nhrp.multicastRoutes()), "map multicast dynamic follows");
        NhrpNhs nhs = s2.nhs("10.0.0.1");
        assertFalse(nhs.responding(), "three unanswered retransmissions");
        assertEquals(List.of("NHS 10.0.0.1 UP", "NHS 10.0.0.1 DOWN"), s2.events);
        assertTrue(nhs.pending());
        assertTrue(nhs.requestsFailed() >= 2, "the requests of 100 s and 200 s went unanswered");

        lab.net.cut.clear();
        lab.net.run(100);
        assertNotNull(hub.entry("10.0.0.12", 32), "registers again");
        assertTrue(nhs.responding());
    }

    // ------------------------------------------------------------------ resolution (phase 2)

    @Test
    void phase2ResolutionBuildsSpokeToSpokeTunnel() {
        Lab lab = new Lab(2, false).up();
        Node hub = lab.hub, s1 = lab.s(1), s2 = lab.s(2);
        int a = ip("192.168.11.5"), b = ip("192.168.12.5");
        assertEquals(path("Spoke1", "Hub", "Spoke2"), lab.net.send(s1, a, b), "first packet via the hub while resolving");
        NhrpCacheEntry inc = s1.entry("10.0.0.12", 32);
        assertTrue(inc.isIncomplete());
        assertEquals("negative", inc.flagWords());
        lab.net.send(s1, a, b);
        assertEquals(1, inc.cacheHits());
        assertEquals(1, s1.nhrp.pendingResolutions());

        lab.net.runMs(50);
        NhrpCacheEntry e = s1.entry("10.0.0.12", 32);
        assertEquals(NhrpCacheEntry.Type.DYNAMIC, e.type());
        assertEquals(ip("172.16.0.12"), e.nbma());
        assertEquals("router nhop", e.flagWords());
        assertEquals(300 * SECOND, e.expiresNanos() - lab.net.sched.nanos(), 100_000_000L);
        assertEquals(path("Spoke1", "Spoke2"), lab.net.send(s1, a, b), "then direct");
        assertEquals("router used nhop", e.flagWords());

        // the responder learned the requester and keeps a local entry listing it
        NhrpCacheEntry back = s2.entry("10.0.0.11", 32);
        assertEquals(ip("172.16.0.11"), back.nbma());
        assertEquals("router nhop", back.flagWords());
        NhrpCacheEntry local = s2.entry("10.0.0.12", 32);
        assertEquals("router unique local", local.flagWords());
        assertTrue(local.noSocket());
        assertEquals(1, local.requesterCount());
        assertEquals(ip("10.0.0.11"), local.requester(0));
        assertEquals(path("Spoke2", "Spoke1"), lab.net.send(s2, b, a), "and back");

        assertEquals(1, hub.nhrp.counters().received(Nhrp.TYPE_RESOLUTION_REQUEST));
        assertEquals(1, hub.nhrp.counters().sent(Nhrp.TYPE_RESOLUTION_REQUEST), "forwarded to the spoke");
        assertEquals(0, hub.nhrp.counters().sent(Nhrp.TYPE_RESOLUTION_REPLY), "the spoke answers directly");
        assertEquals(1, s2.nhrp.counters().sent(Nhrp.TYPE_RESOLUTION_REPLY));
        assertEquals(0, s1.nhrp.counters().dropped());
        assertTrue(s1.events.stream().noneMatch(x -> x.startsWith("+")), "no shortcuts in phase 2");
    }

    @Test
    void purgeWithdrawsWhatWasAnswered() {
        Lab lab = new Lab(2, false).up();
        Node s1 = lab.s(1), s2 = lab.s(2);
        lab.net.send(s1, ip("192.168.11.5"), ip("192.168.12.5"));
        lab.net.runMs(50);
        assertNotNull(s1.entry("10.0.0.12", 32));
        s2.nhrp.withdrawLocal(ip("10.0.0.12"), 32);
        lab.net.runMs(50);
        assertNull(s1.entry("10.0.0.12", 32), "purged");
        assertNull(s2.entry("10.0.0.12", 32));
        assertEquals(1, s1.nhrp.counters().received(Nhrp.TYPE_PURGE_REQUEST));
        assertEquals(1, s2.nhrp.counters().received(Nhrp.TYPE_PURGE_REPLY));
    }

    // ------------------------------------------------------------------ redirect and shortcuts (phase 3)

    @Test
    void phase3RedirectInstallsShortcuts() {
        Lab lab = new Lab(2, true).up();
        Node hub = lab.hub, s1 = lab.s(1), s2 = lab.s(2);
        int a = ip("192.168.11.5"), b = ip("192.168.12.5");
        for (int i = 0; i < 5; i++) assertEquals(path("Spoke1", "Hub", "Spoke2"), lab.net.send(s1, a, b));
        assertEquals(1, hub.nhrp.counters().sent(Nhrp.TYPE_TRAFFIC_INDICATION));
        assertEquals(4, hub.nhrp.counters().redirectSuppressed(), "one indication per flow per 8 s");

        lab.net.runMs(50);
        assertEquals(1, s1.nhrp.counters().received(Nhrp.TYPE_TRAFFIC_INDICATION));
        NhrpCacheEntry net = s1.entry("192.168.12.0", 24);
        assertNotNull(net, "the reply announces the responder's /24");
        assertEquals(ip("10.0.0.12"), net.via());
        assertEquals(ip("172.16.0.12"), net.nbma());
        assertEquals("router rib", net.flagWords());
        assertEquals("router nhop rib", s1.entry("10.0.0.12", 32).flagWords());
        assertEquals(List.of("NHS 10.0.0.1 UP", "+H 10.0.0.12/32 via 10.0.0.12", "+H 192.168.12.0/24 via 10.0.0.12"),
                s1.events);
        assertNull(s1.entry("192.168.12.5", 32), "the incomplete entry made way");
        assertEquals(path("Spoke1", "Spoke2"), lab.net.send(s1, a, b), "direct once the shortcut is in");

        // the return direction hairpins once, then goes direct too
        assertEquals(path("Spoke2", "Hub", "Spoke1"), lab.net.send(s2, b, a));
        lab.net.runMs(50);
        assertEquals(path("Spoke2", "Spoke1"), lab.net.send(s2, b, a));
        assertNotNull(s2.entry("192.168.11.0", 24));
        assertTrue(s2.hasRoute("192.168.11.0", 24, 'H'));
        assertEquals("router unique local", s2.entry("192.168.12.0", 24).flagWords());
    }

    @Test
    void shortcutOverridesAnExactRoute() {
        Lab lab = new Lab(2, true);
        lab.s(1).route("192.168.12.0", 24, "10.0.0.1");                 // e.g. EIGRP's route via the hub
        lab.up();
        Node s1 = lab.s(1);
        lab.net.send(s1, ip("192.168.11.5"), ip("192.168.12.5"));
        lab.net.runMs(50);
        assertEquals("router nho", s1.entry("192.168.12.0", 24).flagWords());
        assertTrue(s1.events.contains("+% 192.168.12.0/24 via 10.0.0.12"));
        assertEquals("DT2", NhrpShow.attributes(s1.entry("192.168.12.0", 24)));
        assertEquals("DT1", NhrpShow.attributes(s1.entry("10.0.0.12", 32)));
        assertEquals(path("Spoke1", "Spoke2"), lab.net.send(s1, ip("192.168.11.5"), ip("192.168.12.5")));
    }

    @Test
    void idleShortcutsAgeOut() {
        Lab lab = new Lab(2, true).up();
        Node s1 = lab.s(1);
        int a = ip("192.168.11.5"), b = ip("192.168.12.5");
        lab.net.send(s1, a, b);
        lab.net.runMs(50);
        assertNotNull(s1.entry("192.168.12.0", 24));
        lab.net.run(290);
        assertNotNull(s1.entry("192.168.12.0", 24), "until its holding time ends");
        assertEquals(1, s1.nhrp.counters().sent(Nhrp.TYPE_RESOLUTION_REQUEST), "unused: not refreshed");
        lab.net.run(15);
        assertNull(s1.entry("192.168.12.0", 24), "idle: aged out");
        assertNull(s1.entry("10.0.0.12", 32));
        assertTrue(s1.events.contains("-H 192.168.12.0/24 via 10.0.0.12"));
        assertFalse(s1.hasRoute("192.168.12.0", 24, 'H'));
        assertEquals(path("Spoke1", "Hub", "Spoke2"), lab.net.send(s1, a, b), "back through the hub (and redirected again)");
    }

    @Test
    void idlePhase2SpokeToSpokeEntriesAgeOut() {
        Lab lab = new Lab(2, false).up();
        Node s1 = lab.s(1), s2 = lab.s(2);
        int a = ip("192.168.11.5"), b = ip("192.168.12.5");
        for (int i = 0; i < 5; i++) {                                      // a ping: requests and replies
            lab.net.send(s1, a, b);
            lab.net.send(s2, b, a);
            lab.net.runMs(50);
        }
        assertEquals("router used nhop", s1.entry("10.0.0.12", 32).flagWords());
        lab.net.run(290);
        assertNotNull(s1.entry("10.0.0.12", 32), "until its holding time ends");
        assertEquals(1, s1.nhrp.counters().sent(Nhrp.TYPE_RESOLUTION_REQUEST), "idle since the refresh window: not refreshed");
        assertEquals(1, s2.nhrp.counters().sent(Nhrp.TYPE_RESOLUTION_REQUEST));
        lab.net.run(15);                                                   // holdtime 300 s, no traffic
        assertNull(s1.entry("10.0.0.12", 32), "idle: aged out at the holdtime");
        assertNull(s2.entry("10.0.0.11", 32), "and on the other spoke");
        assertNull(s2.entry("10.0.0.12", 32), "with its local entry");
        assertEquals(path("Spoke1", "Hub", "Spoke2"), lab.net.send(s1, a, b), "back through the hub");
    }

    @Test
    void usedPhase2SpokeToSpokeEntriesStay() {
        Lab lab = new Lab(2, false).up();
        Node s1 = lab.s(1), s2 = lab.s(2);
        int a = ip("192.168.11.5"), b = ip("192.168.12.5");
        lab.net.send(s1, a, b);
        lab.net.send(s2, b, a);
        lab.net.runMs(50);
        NhrpCacheEntry e = s1.entry("10.0.0.12", 32);
        for (int t = 0; t < 100; t++) {                                    // 1000 s of traffic
            assertEquals(path("Spoke1", "Spoke2"), lab.net.send(s1, a, b), "at " + t * 10 + " s");
            assertEquals(path("Spoke2", "Spoke1"), lab.net.send(s2, b, a), "at " + t * 10 + " s");
            lab.net.run(10);
        }
        assertSame(e, s1.entry("10.0.0.12", 32), "the same entry, refreshed");
        assertTrue(e.expiresNanos() > lab.net.sched.nanos());
    }

    @Test
    void usedShortcutsAreRefreshed() {
        Lab lab = new Lab(2, true).up();
        Node s1 = lab.s(1);
        int a = ip("192.168.11.5"), b = ip("192.168.12.5");
        lab.net.send(s1, a, b);
        lab.net.runMs(50);
        NhrpCacheEntry e = s1.entry("192.168.12.0", 24);
        for (int t = 0; t < 100; t++) {                                    // 1000 s of traffic
            assertEquals(path("Spoke1", "Spoke2"), lab.net.send(s1, a, b), "at " + t * 10 + " s");
            lab.net.run(10);
        }
        assertSame(e, s1.entry("192.168.12.0", 24), "the same entry, refreshed");
        assertTrue(s1.nhrp.counters().sent(Nhrp.TYPE_RESOLUTION_REQUEST) >= 5, "re-resolved before each expiry");
        assertTrue(e.expiresNanos() > lab.net.sched.nanos());
        assertEquals(2, s1.events.stream().filter(x -> x.startsWith("+")).count(), "no flapping");
        assertEquals(0, s1.events.stream().filter(x -> x.startsWith("-")).count());
    }

    // ------------------------------------------------------------------ what is dropped and counted

    @Test
    void wrongAuthenticationIsCountedAndDropped() {
        Lab lab = new Lab(1, false);
        Node bad = lab.net.node("Bad", "172.16.0.99", "10.0.0.99", null, c -> {
            c.authentication = "wrong";
            c.nhs.add(new NhrpConfig.Nhs(ip("10.0.0.1"), ip("172.16.0.1"), false));
        });
        Node none = lab.net.node("NoAuth", "172.16.0.98", "10.0.0.98", null, c ->
            c.nhs.add(new NhrpConfig.Nhs(ip("10.0.0.1"), ip("172.16.0.1"), false)));
        lab.up();
        assertNull(lab.hub.entry("10.0.0.99", 32));
        assertNull(lab.hub.entry("10.0.0.98", 32));
        assertNotNull(lab.hub.entry("10.0.0.11", 32));
        assertEquals(2, lab.hub.nhrp.counters().authenticationFailed(), "wrong string, and none at all");
        assertEquals(1, lab.hub.nhrp.counters().received(Nhrp.TYPE_REGISTRATION_REQUEST), "only the good one counts as received");
        assertFalse(bad.nhs("10.0.0.1").responding());
        assertFalse(none.nhs("10.0.0.1").responding());
        assertTrue(NhrpShow.ipNhrpTraffic(List.of(lab.hub.nhrp)).contains("2 Authentication Failure"));
    }

    /**
     * `ip nhrp network-id` is local (IOS: it is not carried in packets; ids need not match between
     * routers). What it decides is whether NHRP runs on the interface: without it, received NHRP
     * packets are counted and dropped.
     */
    @Test
    void networkIdIsLocalAndWithoutItPacketsAreDropped() {
        DmvpnNet net = new DmvpnNet();
        Node hub = net.node("Hub", "172.16.0.1", "10.0.0.1", null, c -> c.networkId = 7L);
        Node s = net.node("Spoke", "172.16.0.11", "10.0.0.11", null, c -> {
            c.networkId = 99L;
            c.nhs.add(new NhrpConfig.Nhs(ip("10.0.0.1"), ip("172.16.0.1"), false));
        });
        Node off = net.node("Off", "172.16.0.2", "10.0.0.2", null, c -> c.networkId = null);
        Node s2 = net.node("Spoke2", "172.16.0.12", "10.0.0.12", null, c ->
            c.nhs.add(new NhrpConfig.Nhs(ip("10.0.0.2"), ip("172.16.0.2"), false)));
        net.upAll();
        net.run(2);
        assertNotNull(hub.entry("10.0.0.11", 32), "different ids still interoperate");
        assertTrue(s.nhs("10.0.0.1").responding());
        assertFalse(off.nhrp.enabled());
        assertEquals(2, off.nhrp.counters().notEnabled(), "registration and its retransmission");
        assertEquals(0, off.nhrp.counters().receivedTotal());
        assertEquals(0, off.nhrp.cache().size());
        assertFalse(s2.nhs("10.0.0.2").responding());
    }

    @Test
    void malformedPacketsAreCountedAndDroppedAndFuzzDoesNotHurt() {
        Lab lab = new Lab(2, true);
        lab.net.capturing = true;
        lab.up();
        lab.net.send(lab.s(1), ip("192.168.11.5"), ip("192.168.12.5"));
        lab.net.runMs(50);
        NhrpCounters c = lab.hub.nhrp.counters();
        lab.hub.nhrp.receive(ip("172.16.0.11"), new byte[10], 0, 10);
        lab.hub.nhrp.receive(ip("172.16.0.11"), null, 0, 0);
        byte[] good = Arrays.copyOfRange(lab.net.capture.get(0).nhrp(), lab.net.capture.get(0).off(),
                lab.net.capture.get(0).off() + lab.net.capture.get(0).len());
        byte[] badSum = good.clone();
        badSum[Nhrp.O_REQUEST_ID] ^= 1;
        lab.hub.nhrp.receive(ip("172.16.0.11"), badSum, 0, badSum.length);
        assertEquals(3, c.malformed());
        assertEquals(1, c.badChecksum());

        // 20,000 mutations of everything the lab sent, checksums repaired half the time, into every router
        Random rnd = new Random(5);
        List<dev.routerlab.packet.nhrp.Tshark.Frame> seeds = List.copyOf(lab.net.capture);
        lab.net.capturing = false;
        for (int it = 0; it < 20_000; it++) {
            var f = seeds.get(rnd.nextInt(seeds.size()));
            byte[] p = Arrays.copyOfRange(f.nhrp(), f.off(), f.off() + f.len());
            for (int k = 1 + rnd.nextInt(3); k > 0; k--) p[rnd.nextInt(p.length)] ^= (byte) (1 << rnd.nextInt(8));
            if (rnd.nextInt(5) == 0) p = Arrays.copyOf(p, rnd.nextInt(p.length + 4));
            if (rnd.nextBoolean() && p.length >= 20) {
                p[12] = p[13] = 0;
                int s = Checksum.compute(p, 0, Math.min(p.length, ((p[10] & 0xff) << 8) | (p[11] & 0xff)));
                p[12] = (byte) (s >>> 8);
                p[13] = (byte) s;
            }
            Node to = lab.net.nodes.get(rnd.nextInt(lab.net.nodes.size()));
            to.nhrp.receive(f.srcNbma(), p, 0, p.length);
            if (it % 100 == 0) lab.net.runMs(2);
        }
        lab.net.run(400);
        assertTrue(lab.s(1).nhs("10.0.0.1").responding(), "registration still works after the fuzz");
        assertNotNull(lab.hub.entry("10.0.0.12", 32));
    }

    @Test
    void uniqueAddressOwnedElsewhereIsRefused() {
        DmvpnNet net = new DmvpnNet();
        Node hub = net.node("Hub", "172.16.0.1", "10.0.0.1", null, c -> { });
        Node a = net.node("A", "172.16.0.11", "10.0.0.11", null, c ->
            c.nhs.add(new NhrpConfig.Nhs(ip("10.0.0.1"), ip("172.16.0.1"), false)));
        net.upAll();
        net.run(1);
        Node b = net.node("B", "172.16.0.77", "10.0.0.11", null, c ->
            c.nhs.add(new NhrpConfig.Nhs(ip("10.0.0.1"), ip("172.16.0.1"), false)));
        b.nhrp.setUp(true);
        net.run(1);
        assertEquals(ip("172.16.0.11"), hub.entry("10.0.0.11", 32).nbma(), "the first owner keeps it");
        assertFalse(b.nhs("10.0.0.1").responding());
        assertEquals(1, b.nhs("10.0.0.1").requestsFailed(), "NAK: already registered (code 14)");
        assertTrue(a.nhs("10.0.0.1").responding());
    }

    @Test
    void natIsSeenAndUsed() {
        Lab lab = new Lab(2, false);
        lab.net.nat.put(ip("172.16.0.11"), ip("203.0.113.11"));
        lab.up();
        NhrpCacheEntry e = lab.hub.entry("10.0.0.11", 32);
        assertEquals(ip("203.0.113.11"), e.nbma());
        assertEquals(ip("172.16.0.11"), e.claimedNbma());
        assertEquals("unique nat registered nhop", e.flagWords());
        assertEquals("DN", NhrpShow.attributes(e));
        assertEquals(ip("203.0.113.11"), lab.s(1).nhs("10.0.0.1").mappedNbma(), "learned from the Cisco NAT extension");
        assertTrue(NhrpShow.ipNhrp(List.of(lab.hub.nhrp), lab.net.sched.nanos(), false)
                .contains("   NBMA address: 203.0.113.11\n    (Claimed NBMA address: 172.16.0.11)\n"));

        // both directions of a spoke-to-spoke resolution reach the NATed spoke at its outside address
        assertEquals(path("Spoke2", "Hub", "Spoke1"), lab.net.send(lab.s(2), ip("192.168.12.5"), ip("192.168.11.5")));
        lab.net.runMs(50);
        assertEquals(ip("203.0.113.11"), lab.s(2).entry("10.0.0.11", 32).nbma());
        assertEquals(path("Spoke2", "Spoke1"), lab.net.send(lab.s(2), ip("192.168.12.5"), ip("192.168.11.5")));
        lab.net.send(lab.s(1), ip("192.168.11.5"), ip("192.168.12.5"));
        lab.net.runMs(50);
        assertEquals(ip("172.16.0.12"), lab.s(1).entry("10.0.0.12", 32).nbma());
    }

    @Test
    void hopCountAndLoopsGiveErrorIndications() {
        Lab lab = new Lab(2, false).up();
        NhrpBuilder b = new NhrpBuilder();
        byte[] secret = AUTH.getBytes(StandardCharsets.US_ASCII);
        b.start(Nhrp.TYPE_RESOLUTION_REQUEST, 1, Nhrp.FLAG_Q, 4242, ip("172.16.0.11"), ip("10.0.0.11"), ip("10.0.0.12"))
                .cie(0, 0, 1400, 300, 0).extension(Nhrp.EXT_FORWARD_TRANSIT_NHS, true).authentication(secret);
        byte[] p = b.toArray(0);
        lab.hub.nhrp.receive(ip("172.16.0.11"), p, 0, p.length);
        b.start(Nhrp.TYPE_RESOLUTION_REQUEST, 9, Nhrp.FLAG_Q, 4243, ip("172.16.0.11"), ip("10.0.0.11"), ip("10.0.0.12"))
                .cie(0, 0, 1400, 300, 0).extension(Nhrp.EXT_FORWARD_TRANSIT_NHS, true)
                .cie(0, 32, 1400, 300, 0, ip("172.16.0.1"), ip("10.0.0.1")).authentication(secret);
        p = b.toArray(0);
        lab.hub.nhrp.receive(ip("172.16.0.11"), p, 0, p.length);
        lab.net.runMs(10);
        assertEquals(1, lab.hub.nhrp.counters().hopCountExceeded());
        assertEquals(1, lab.hub.nhrp.counters().loopDetected());
        assertEquals(2, lab.hub.nhrp.counters().sent(Nhrp.TYPE_ERROR_INDICATION));
        assertEquals(2, lab.s(1).nhrp.counters().received(Nhrp.TYPE_ERROR_INDICATION));
        assertEquals(0, lab.s(2).nhrp.counters().received(Nhrp.TYPE_RESOLUTION_REQUEST), "neither was forwarded");
    }

    @Test
    void reconfigureFollowsTheModelAndLineDownFlushes() {
        Lab lab = new Lab(2, false).up();
        Node s1 = lab.s(1);
        List<String> debug = new java.util.ArrayList<>();
        NhrpInstance n = new NhrpInstance("Tunnel0", lab.net.sched, (d, p, b, o, l) -> { }, new NhrpListener() {
            @Override public void debug(NhrpInstance x, String line) { debug.add(line); }
        }, null);
        NhrpConfig c = new NhrpConfig();
        c.networkId = 1L;
        c.nhs.add(new NhrpConfig.Nhs(ip("10.0.0.1"), null, false));
        c.maps.add(new NhrpConfig.Mapping(ip("10.0.0.1"), ip("172.16.0.1")));
        n.setDebug(true);
        n.configure(c, ip("10.0.0.50"), DmvpnNet.TUNNEL_MASK, ip("172.16.0.50"), 1400);
        n.setUp(true);
        assertEquals(ip("172.16.0.1"), n.nhs().get(0).nbma(), "the NHS's NBMA address from the static map");
        assertEquals("NHRP: Send Registration Request via Tunnel0 vrf 0, packet size: 72", debug.get(0));
        assertEquals(" src: 10.0.0.50, dst: 10.0.0.1", debug.get(1));
        c.maps.clear();
        c.maps.add(new NhrpConfig.Mapping(ip("10.0.0.1"), ip("172.16.0.1")));
        c.maps.add(new NhrpConfig.Mapping(ip("10.0.0.60"), ip("172.16.0.60")));
        c.multicastNbma.add(ip("172.16.0.60"));
        n.configure(c, ip("10.0.0.50"), DmvpnNet.TUNNEL_MASK, ip("172.16.0.50"), 1400);
        assertEquals(ip("172.16.0.60"), n.nbmaFor(ip("10.0.0.60")));
        assertArrayEquals(new int[]{ip("172.16.0.60")}, nbmas(n.multicastRoutes()));
        c.maps.remove(1);
        c.nhs.clear();
        n.configure(c, ip("10.0.0.50"), DmvpnNet.TUNNEL_MASK, ip("172.16.0.50"), 1400);
        assertNull(n.cache().host(ip("10.0.0.60")));
        assertTrue(n.nhs().isEmpty());
        assertFalse(n.isSpoke());

        // line protocol down: registrations stop, dynamic entries go, static ones stay
        lab.net.send(s1, ip("192.168.11.5"), ip("192.168.12.5"));
        lab.net.runMs(50);
        assertNotNull(s1.entry("10.0.0.12", 32));
        s1.nhrp.setUp(false);
        assertNull(s1.entry("10.0.0.12", 32));
        assertNotNull(s1.entry("10.0.0.1", 32));
        assertTrue(s1.events.contains("NHS 10.0.0.1 DOWN"));
        long sent = s1.nhs("10.0.0.1").requestsSent();
        lab.net.run(300);
        assertEquals(sent, s1.nhs("10.0.0.1").requestsSent());
        s1.nhrp.setUp(true);
        lab.net.runMs(50);
        assertTrue(s1.nhs("10.0.0.1").responding());
    }

    /** The data plane's per-packet question allocates nothing. */
    @Test
    void nbmaLookupDoesNotAllocate() {
        Lab lab = new Lab(2, false).up();
        NhrpInstance hub = lab.hub.nhrp;
        var mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        int a = ip("10.0.0.11"), x = 0;
        for (int i = 0; i < 200_000; i++) x += hub.nbmaFor(a);                 // warm up
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 1_000_000; i++) x += hub.nbmaFor(a);
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertTrue(allocated < 10_000, "allocated " + allocated + " bytes for 1e6 lookups (" + x + ")");
    }

    // ------------------------------------------------------------------ dual hub, scale

    @Test
    void dualHubSurvivesAHubFailure() {
        DmvpnNet net = new DmvpnNet();
        Node h1 = net.node("Hub1", "172.16.0.1", "10.0.0.1", null, c -> c.multicastDynamic = true);
        Node h2 = net.node("Hub2", "172.16.0.2", "10.0.0.2", null, c -> c.multicastDynamic = true);
        Node s1 = net.node("Spoke1", "172.16.0.11", "10.0.0.11", "192.168.11.0/24", DualHub::spoke);
        Node s2 = net.node("Spoke2", "172.16.0.12", "10.0.0.12", "192.168.12.0/24", DualHub::spoke);
        for (Node h : List.of(h1, h2)) h.route("192.168.11.0", 24, "10.0.0.11").route("192.168.12.0", 24, "10.0.0.12");
        s1.route("192.168.12.0", 24, "10.0.0.12");
        s2.route("192.168.11.0", 24, "10.0.0.11");
        net.upAll();
        net.run(1);
        for (Node h : List.of(h1, h2)) {
            assertNotNull(h.entry("10.0.0.11", 32), h.name);
            assertNotNull(h.entry("10.0.0.12", 32), h.name);
        }
        assertTrue(s1.nhs("10.0.0.1").responding() && s1.nhs("10.0.0.2").responding());

        net.cut.add(h1.nbma);                                                // hub 1 fails
        net.run(110);                                                       // next refresh at 100 s, + 1 + 2 + 4 s
        assertFalse(s1.nhs("10.0.0.1").responding());
        assertTrue(s1.nhs("10.0.0.2").responding());
        assertTrue(s1.events.contains("NHS 10.0.0.1 DOWN"));
        int a = ip("192.168.11.5"), b = ip("192.168.12.5");
        assertEquals(path("Spoke1", "Hub2", "Spoke2"), net.send(s1, a, b), "through the surviving hub");
        net.runMs(50);
        assertEquals(path("Spoke1", "Spoke2"), net.send(s1, a, b), "resolved through hub 2");
        assertEquals(1, h2.nhrp.counters().received(Nhrp.TYPE_RESOLUTION_REQUEST));

        String nhs = NhrpShow.ipNhrpNhs(List.of(s1.nhrp), net.sched.nanos(), false);
        assertEquals("""
                Legend: E=Expecting replies, R=Responding, W=Waiting, D=Dynamic
                Tunnel0:
                10.0.0.1   E  NBMA Address: 172.16.0.1 priority = 0 cluster = 0
                10.0.0.2  RE  NBMA Address: 172.16.0.2 priority = 0 cluster = 0
                """, nhs);
        net.cut.clear();
        net.run(100);
        assertTrue(s1.nhs("10.0.0.1").responding(), "hub 1 is back");
    }

    static final class DualHub {
        static void spoke(NhrpConfig c) {
            c.nhs.add(new NhrpConfig.Nhs(ip("10.0.0.1"), ip("172.16.0.1"), true));
            c.nhs.add(new NhrpConfig.Nhs(ip("10.0.0.2"), ip("172.16.0.2"), true));
        }
    }

    @Test
    void hundredSpokesRegisterAndResolvePairsAtOnce() {
        long t0 = System.nanoTime();
        Lab lab = new Lab(100, true).up();
        Node hub = lab.hub;
        assertEquals(100, hub.nhrp.cache().size());
        assertEquals(100, nbmas(hub.nhrp.multicastRoutes()).length);
        for (Node s : lab.spokes) assertTrue(s.nhs("10.0.0.1").responding(), s.name);
        String dmvpn = NhrpShow.dmvpn(List.of(hub.nhrp), lab.net.sched.nanos(), PeerStates.NONE);
        assertTrue(dmvpn.contains("Type:Hub, NHRP Peers:100, \n"), dmvpn);
        assertEquals(8 + 6 + 100 + 1, dmvpn.lines().count());

        // 50 pairs start talking in the same millisecond
        for (int i = 0; i < 50; i++) {
            Node from = lab.spokes[i], to = lab.spokes[99 - i];
            assertEquals(3, lab.net.send(from, from.host(5), to.host(5)).size());
        }
        lab.net.runMs(20);
        int direct = 0;
        for (int i = 0; i < 50; i++) {
            Node from = lab.spokes[i], to = lab.spokes[99 - i];
            if (lab.net.send(from, from.host(5), to.host(5)).size() == 2) direct++;
        }
        assertEquals(50, direct, "every pair has its shortcut");
        lab.net.run(600);
        assertEquals(100, hub.nhrp.cache().size(), "registrations refreshed, shortcuts aged out: " + hub.nhrp.cache().size());
        System.out.println("nhrp: 1 hub + 100 spokes, 50 shortcuts, 600 s virtual in "
                + (System.nanoTime() - t0) / 1_000_000 + " ms wall, " + lab.net.nhrpPackets + " NHRP packets");
    }

    // ------------------------------------------------------------------ interop

    @Test
    void tsharkDecodesAPhase3Conversation(@TempDir Path dir) throws Exception {
        String tshark = Tshark.require("NhrpEngineTest.tsharkDecodesAPhase3Conversation");
        Lab lab = new Lab(2, true);
        lab.net.capturing = true;
        lab.up();
        lab.net.send(lab.s(1), ip("192.168.11.5"), ip("192.168.12.5"));
        lab.net.runMs(50);
        lab.net.send(lab.s(2), ip("192.168.12.5"), ip("192.168.11.5"));
        lab.net.run(200);
        lab.s(2).nhrp.withdrawLocal(ip("192.168.12.0"), 24);
        lab.net.runMs(50);
        Path f = dir.resolve("dmvpn.pcap");
        Tshark.writePcap(f, lab.net.capture, true);
        List<String> problems = Tshark.problems(tshark, f);
        assertTrue(problems.isEmpty(), problems + "\n" + Tshark.verbose(tshark, f));
        List<String> info = Tshark.fields(tshark, f, null, "_ws.col.Info", "nhrp.hdr.chksum.status");
        assertEquals(lab.net.capture.size(), info.size());
        for (String l : info) assertTrue(l.endsWith("\t1"), "checksum good: " + l);
        String all = String.join("\n", info);
        for (String t : List.of("Registration Request", "Registration Reply", "Resolution Request", "Resolution Reply",
                "Traffic Indication", "Purge Request", "Purge Reply")) {
            assertTrue(all.contains("NHRP " + t), t + " in " + all);
        }
    }

    /** The NBMA addresses of {@link NhrpInstance#multicastRoutes}. */
    private static int[] nbmas(long[] routes) {
        int[] a = new int[routes.length];
        for (int i = 0; i < a.length; i++) a[i] = NhrpInstance.nbma(routes[i]);
        return a;
    }
}
