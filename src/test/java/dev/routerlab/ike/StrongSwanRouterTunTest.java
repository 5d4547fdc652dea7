package dev.routerlab.ike;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.lab.Lab;
import dev.routerlab.lab.Topology;
import dev.routerlab.packet.Ipv4Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Root only. A whole routerlab router, not just the IKE engine, against strongSwan's charon: R1's
 * GigabitEthernet0/0 is bound to a TUN device that is moved into charon's namespace
 * (198.18.X.1/30 there, R1 is 198.18.X.2); a crypto map on Gi0/0 protects R1's Loopback0
 * 10.99.0.1 to charon's inner address 10.98.0.1 (on its lo). R1 initiates (`.!!!!`), charon
 * pings back through the SA, `show crypto ipsec sa` counts exactly the packets sent and
 * `swanctl --list-sas` shows the SA INSTALLED (UDP-encapsulated: charon forces NAT-T). The
 * namespace, charon and the TUN are removed even when the test fails.
 */
class StrongSwanRouterTunTest {
    @TempDir Path tmp;

    @Test
    void routerThroughTunAgainstCharon() throws Exception {
        String why = StrongSwanHarness.unavailable();
        if (why == null && dev.routerlab.lab.Netns.tool("ping") == null) why = "ping (iputils-ping) is not installed";
        if (why != null) System.out.println("StrongSwanRouterTunTest skipped: " + why);
        Assumptions.assumeTrue(why == null, why);

        try (StrongSwanHarness h = new StrongSwanHarness()) {
            int x = (h.rootAddr >>> 8) & 0xff;
            int charonOuter = Ipv4Address.parse("198.18." + x + ".1"), routerOuter = Ipv4Address.parse("198.18." + x + ".2");
            String co = Ipv4Address.toString(charonOuter), ro = Ipv4Address.toString(routerOuter);
            String dev = "rlsw" + ProcessHandle.current().pid() % 100000;
            Files.writeString(tmp.resolve("topology.clab.yml"), """
                name: strongswan-tun
                topology:
                  nodes:
                    R1:
                      kind: iosv
                      startup-config: R1.cfg
                  links: []
                """);
            Files.writeString(tmp.resolve("R1.cfg"), """
                hostname R1
                crypto isakmp policy 10
                 encr aes
                 hash sha
                 authentication pre-share
                 group 2
                crypto isakmp key %s address %s
                crypto ipsec transform-set TS esp-aes esp-sha-hmac
                access-list 101 permit ip host 10.99.0.1 host 10.98.0.1
                crypto map VPN 10 ipsec-isakmp
                 set peer %s
                 set transform-set TS
                 match address 101
                interface Loopback0
                 ip address 10.99.0.1 255.255.255.255
                interface GigabitEthernet0/0
                 ip address %s 255.255.255.252
                 crypto map VPN
                 no shutdown
                ip route 0.0.0.0 0.0.0.0 %s
                end
                """.formatted(StrongSwanHarness.PSK, co, co, ro, co));
            h.load(h.connection("rt", "aes128-sha1-modp1024", "aes128-sha1", false, 0, charonOuter, routerOuter),
                charonOuter, routerOuter);
            Lab.Options o = new Lab.Options();
            o.flashRoot = tmp.resolve("flash");
            o.extraTun.put(Topology.endpoint("R1:GigabitEthernet0/0"), dev);
            try (Lab lab = Lab.boot(Topology.load(tmp), o)) {
                assertEquals(List.of(), lab.bootErrors());
                StrongSwanHarness.exec(List.of("ip", "link", "set", dev, "netns", h.ns));
                assertEquals(0, StrongSwanHarness.exec(List.of("ip", "-n", h.ns, "addr", "add", co + "/30", "dev", dev)).exit());
                assertEquals(0, StrongSwanHarness.exec(List.of("ip", "-n", h.ns, "link", "set", dev, "up")).exit());
                Thread.sleep(1200);   // a new TUN may drop what is written to it at first

                String ping = show(lab, "ping 10.98.0.1 source Loopback0");
                assertTrue(ping.contains(".!!!!\nSuccess rate is 80 percent (4/5)"), ping + "\n" + h.charonLogTail(40));
                String sa = show(lab, "show crypto ipsec sa");
                assertTrue(sa.contains("#pkts encaps: 4, #pkts encrypt: 4, #pkts digest: 4\n"), sa);
                assertTrue(sa.contains("#pkts decaps: 4, #pkts decrypt: 4, #pkts verify: 4\n"), sa);
                assertTrue(sa.contains("in use settings ={Tunnel UDP-Encaps, }"), sa);
                assertTrue(show(lab, "show crypto isakmp sa").contains(co + " ".repeat(16 - co.length()) + ro), "QM_IDLE");

                // charon's host pings R1's loopback through the same SA
                StrongSwanHarness.Result back = StrongSwanHarness.exec(List.of("ip", "netns", "exec", h.ns, "ping", "-c", "3",
                    "-i", "0.3", "-W", "2", "-I", "10.98.0.1", "10.99.0.1"));
                assertEquals(0, back.exit(), back.out());
                sa = show(lab, "show crypto ipsec sa");
                assertTrue(sa.contains("#pkts encaps: 7, #pkts encrypt: 7, #pkts digest: 7\n"), sa);
                assertTrue(sa.contains("#pkts decaps: 7, #pkts decrypt: 7, #pkts verify: 7\n"), sa);

                String sas = h.swanctl("--list-sas").out();
                System.out.println(ping + sas);
                assertTrue(sas.contains("INSTALLED, TUNNEL-in-UDP"), sas);
                Matcher in = Pattern.compile("in\\s+\\S+,\\s+\\d+ bytes,\\s+(\\d+) packets").matcher(sas);
                Matcher out = Pattern.compile("out\\s+\\S+,\\s+\\d+ bytes,\\s+(\\d+) packets").matcher(sas);
                assertTrue(in.find() && out.find(), sas);
                assertEquals(7, Integer.parseInt(in.group(1)), "charon received what R1 encapsulated");
                assertEquals(7, Integer.parseInt(out.group(1)), "charon sent what R1 decapsulated");
            }
        }
    }

    private static String show(Lab lab, String cmd) {
        StringBuilder sb = new StringBuilder();
        dev.routerlab.cli.Terminal t = new dev.routerlab.cli.Terminal() {
            @Override public void write(String text) { sb.append(text); }

            @Override public String ask(String q, boolean hidden) { return null; }
        };
        var s = lab.call(() -> new dev.routerlab.cli.Session(lab.router("R1"), t, "vty 0", null, null, 15));
        lab.exec(() -> s.type(cmd));
        s.awaitIdle();
        return lab.call(sb::toString);
    }
}
