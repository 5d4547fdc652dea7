package dev.routerlab.ike;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.Interop;
import dev.routerlab.cli.Session;
import dev.routerlab.device.cli.Shell;
import dev.routerlab.lab.Lab;
import dev.routerlab.lab.Netns;
import dev.routerlab.lab.Topology;
import dev.routerlab.packet.Ipv4Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Root only. strongSwan's charon (IKEv1 Main Mode, PSK) behind a routerlab PAT router negotiates
 * NAT-T (RFC 3947, ESP in UDP 4500 per RFC 3948) with a routerlab head-end:
 * <pre>
 *   charon 192.168.77.2 (TUN) --- 192.168.77.1 Gi0/0 [NAT] Gi0/1 203.0.113.1 ---- 203.0.113.2 Gi0/0 [HUB]
 *   lo 10.98.0.1                 ip nat inside        ip nat outside (overload)       Loopback0 10.99.0.1
 * </pre>
 * The NAT-D hashes differ because NAT really rewrote charon's address: the head-end sees the
 * peer at NAT's global address, floats to 4500, and shows the NAT-T port in `show crypto ipsec
 * sa`, `N` in `show crypto isakmp sa detail`, the port in `show crypto session`; NAT shows the two
 * UDP translations (500 and 4500); pings pass both ways and are counted by both ends.
 */
class StrongSwanNatTTest {
    @TempDir Path tmp;
    private final StringBuilder out = new StringBuilder();

    @Test
    void charonBehindPatNegotiatesNatTraversal() throws Exception {
        String why = StrongSwanHarness.unavailable();
        if (why == null && Netns.tool("ping") == null) why = "ping (iputils-ping) is not installed";
        if (why != null) Interop.skip("StrongSwanNatTTest: " + why);
        String dev = "rlnt" + ProcessHandle.current().pid() % 100000;
        int charon = Ipv4Address.parse("192.168.77.2"), hub = Ipv4Address.parse("203.0.113.2");
        Files.writeString(tmp.resolve("topology.clab.yml"), """
            name: strongswan-nat-t
            topology:
              nodes:
                NAT:
                  kind: iosv
                  startup-config: NAT.cfg
                HUB:
                  kind: iosv
                  startup-config: HUB.cfg
              links:
                - endpoints: ["NAT:GigabitEthernet0/1", "HUB:GigabitEthernet0/0"]
                  delay: 1ms
            """);
        Files.writeString(tmp.resolve("NAT.cfg"), """
            hostname NAT
            interface GigabitEthernet0/0
             ip address 192.168.77.1 255.255.255.0
             ip nat inside
             no shutdown
            interface GigabitEthernet0/1
             ip address 203.0.113.1 255.255.255.0
             ip nat outside
             no shutdown
            ip nat inside source list 1 interface GigabitEthernet0/1 overload
            access-list 1 permit 192.168.77.0 0.0.0.255
            end
            """);
        // the head-end knows the peer only as NAT's global address (and no route to 192.168.77.0)
        Files.writeString(tmp.resolve("HUB.cfg"), """
            hostname HUB
            crypto isakmp policy 10
             encr aes
             hash sha
             authentication pre-share
             group 2
            crypto isakmp key %s address 203.0.113.1
            crypto ipsec transform-set TS esp-aes esp-sha-hmac
            access-list 101 permit ip host 10.99.0.1 host 10.98.0.1
            crypto map VPN 10 ipsec-isakmp
             set peer 203.0.113.1
             set transform-set TS
             match address 101
            interface Loopback0
             ip address 10.99.0.1 255.255.255.255
            interface GigabitEthernet0/0
             ip address 203.0.113.2 255.255.255.0
             crypto map VPN
             no shutdown
            ip route 0.0.0.0 0.0.0.0 203.0.113.1
            end
            """.formatted(StrongSwanHarness.PSK));
        Lab.Options o = new Lab.Options();
        o.flashRoot = tmp.resolve("flash");
        o.extraTun.put(Topology.endpoint("NAT:GigabitEthernet0/0"), dev);
        try (StrongSwanHarness h = new StrongSwanHarness(); Lab lab = Lab.boot(Topology.load(tmp), o)) {
            assertEquals(List.of(), lab.bootErrors());
            Session natCli = session(lab, "NAT"), hubCli = session(lab, "HUB");
            StrongSwanHarness.exec(List.of("ip", "link", "set", dev, "netns", h.ns));
            sh(h, "ip", "-n", h.ns, "addr", "add", "192.168.77.2/24", "dev", dev);
            sh(h, "ip", "-n", h.ns, "link", "set", dev, "up");
            sh(h, "ip", "-n", h.ns, "route", "add", "default", "via", "192.168.77.1");
            // a new TUN may drop what is written to it at first: wait until the head-end answers through PAT
            StrongSwanHarness.Result p = null;
            for (long until = System.nanoTime() + 15_000_000_000L; System.nanoTime() < until; ) {
                p = StrongSwanHarness.exec(List.of("ip", "netns", "exec", h.ns, "ping", "-c", "1", "-W", "1", "203.0.113.2"));
                if (p.exit() == 0) break;
            }
            assertEquals(0, p.exit(), "HUB not reachable through NAT: " + p.out());

            h.load(h.connection("natt", "aes128-sha1-modp1024", "aes128-sha1", false, 0, charon, hub), charon, hub);
            StrongSwanHarness.Result r = h.swanctl("--initiate", "--child", "natt-net", "--timeout", "30");
            assertEquals(0, r.exit(), "swanctl --initiate:\n" + r.out() + "\n" + h.charonLogTail(40));
            String sa = poll(() -> cli(lab, hubCli, "show crypto ipsec sa"), l -> l.contains("Status: ACTIVE"), 15);
            assertTrue(sa.contains("Status: ACTIVE"), sa);
            assertTrue(h.charonLog().contains("local host is behind NAT"), h.charonLogTail(60));

            StrongSwanHarness.Result ping = StrongSwanHarness.exec(List.of("ip", "netns", "exec", h.ns, "ping", "-c", "3",
                "-i", "0.2", "-W", "2", "-I", "10.98.0.1", "10.99.0.1"));
            assertTrue(ping.out().contains("3 packets transmitted, 3 received"), ping.out() + "\n" + h.charonLogTail(40));
            String hubPing = cli(lab, hubCli, "ping 10.98.0.1 source Loopback0");
            assertTrue(hubPing.contains("!!!!!\nSuccess rate is 100 percent (5/5)"), hubPing);

            sa = cli(lab, hubCli, "show crypto ipsec sa");
            System.out.println(sa);
            assertTrue(sa.contains("   current_peer 203.0.113.1 port 4500\n"), sa);
            assertTrue(sa.contains("in use settings ={Tunnel UDP-Encaps, }"), sa);
            assertTrue(sa.contains("#pkts encaps: 8, #pkts encrypt: 8"), sa);
            assertTrue(sa.contains("#pkts decaps: 8, #pkts decrypt: 8"), sa);
            String isakmp = cli(lab, hubCli, "show crypto isakmp sa");
            System.out.println(isakmp);
            assertTrue(Pattern.compile("203\\.0\\.113\\.2 +203\\.0\\.113\\.1 +QM_IDLE +\\d+ ACTIVE\n").matcher(isakmp).find(), isakmp);
            String detail = cli(lab, hubCli, "show crypto isakmp sa detail");
            System.out.println(detail);
            assertTrue(Pattern.compile("203\\.0\\.113\\.2 +203\\.0\\.113\\.1 +ACTIVE aes +sha +psk +2 +\\S+ +D?N")
                .matcher(detail).find(), detail);
            String session = cli(lab, hubCli, "show crypto session");
            System.out.println(session);
            assertTrue(session.contains("Peer: 203.0.113.1 port 4500"), session);
            assertTrue(session.contains("IKEv1 SA: local 203.0.113.2/4500 remote 203.0.113.1/4500 Active"), session);
            String nat = cli(lab, natCli, "show ip nat translations");
            System.out.println(nat);
            assertTrue(nat.contains("udp 203.0.113.1:500    192.168.77.2:500   203.0.113.2:500    203.0.113.2:500\n"), nat);
            assertTrue(nat.contains("udp 203.0.113.1:4500   192.168.77.2:4500  203.0.113.2:4500   203.0.113.2:4500\n"), nat);
            String sas = h.swanctl("--list-sas").out();
            System.out.println(sas);
            assertTrue(sas.contains("INSTALLED, TUNNEL-in-UDP"), sas);
            assertTrue(sas.contains("remote '203.0.113.2' @ 203.0.113.2[4500]"), sas);
            assertTrue(sas.contains("in  ") && sas.contains("8 packets"), sas);
        }
    }

    private static void sh(StrongSwanHarness h, String... cmd) throws Exception {
        StrongSwanHarness.Result r = StrongSwanHarness.exec(List.of(cmd));
        assertEquals(0, r.exit(), String.join(" ", cmd) + ": " + r.out());
    }

    private Session session(Lab lab, String node) {
        Session s = lab.call(() -> Shell.of(lab.router(node)).session(text -> { synchronized (out) { out.append(text); } },
            "vty 0", null, null, 15));
        cli(lab, s, "terminal length 0");
        return s;
    }

    /** Types the lines on a vty and returns what they printed. */
    private String cli(Lab lab, Session s, String lines) {
        synchronized (out) {
            out.setLength(0);
        }
        for (String line : lines.split("\n")) lab.type(s, line);
        synchronized (out) {
            return out.toString();
        }
    }

    interface Probe {
        String get() throws Exception;
    }

    private static String poll(Probe p, Predicate<String> done, int seconds) throws Exception {
        String v = p.get();
        for (long until = System.nanoTime() + seconds * 1_000_000_000L; !done.test(v) && System.nanoTime() < until; ) {
            Thread.sleep(100);
            v = p.get();
        }
        return v;
    }
}
