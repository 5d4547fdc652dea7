package dev.routerlab.ike;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.Interop;
import dev.routerlab.lab.Lab;
import dev.routerlab.lab.LabShell;
import dev.routerlab.lab.Topology;
import dev.routerlab.packet.nhrp.Tshark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Root only. IPsec over IPv6 against a real peer: a routerlab router whose GigabitEthernet0/0
 * (2001:DB8:FF::2/64) is a TUN in the namespace of strongSwan's charon (2001:db8:ff::1), IKEv2
 * with pre-shared keys over UDP/IPv6 (IDs ID_IPV6_ADDR) and an IPv6 VTI on R1 (`tunnel mode ipsec
 * ipv6`, `tunnel protection ipsec profile`) carrying IPv6 between charon's 2001:db8:98::1 and R1's
 * tunnel address 2001:DB8:100::1. charon's ESP is kernel-libipsec (this kernel has no XFRM ESP,
 * nor ip6gre for a GRE peer), which makes charon claim to be behind a NAT: IKE_AUTH moves to port
 * 4500 and ESP goes in UDP over IPv6 (RFC 3948, with the UDP checksum IPv6 requires). Both sides
 * initiate in turn; R1's and charon's packet counts agree; tshark reads every packet on R1's port
 * (IKEv2 and ESP over IPv6) with no warnings.
 */
class StrongSwanIpv6TunTest {
    static final String CHARON = "2001:db8:ff::1", ROUTER = "2001:db8:ff::2";

    private static final String R1 = """
            hostname R1
            ipv6 unicast-routing
            crypto ikev2 proposal P1
             encryption aes-cbc-256
             integrity sha256
             group 14
            crypto ikev2 policy POL
             proposal P1
            crypto ikev2 keyring KR
             peer CHARON
              address 2001:DB8:FF::1/128
              pre-shared-key %s
            crypto ikev2 profile PROF
             match identity remote address 2001:DB8:FF::1/128
             authentication remote pre-share
             authentication local pre-share
             keyring local KR
            crypto ipsec transform-set TS esp-aes esp-sha-hmac
            crypto ipsec profile IPP
             set transform-set TS
             set ikev2-profile PROF
            interface Tunnel0
             ipv6 address 2001:DB8:100::1/64
             tunnel source GigabitEthernet0/0
             tunnel destination 2001:DB8:FF::1
             tunnel mode ipsec ipv6
             tunnel protection ipsec profile IPP
            interface GigabitEthernet0/0
             ipv6 address 2001:DB8:FF::2/64
             no shutdown
            ipv6 route 2001:DB8:98::/64 Tunnel0
            end
            """.formatted(StrongSwanHarness.PSK);

    private static String swanctl() {
        return """
                connections {
                    v6 {
                        version = 2
                        local_addrs = %s
                        remote_addrs = %s
                        proposals = aes256-sha256-modp2048
                        rekey_time = 0
                        reauth_time = 0
                        local {
                            auth = psk
                            id = %s
                        }
                        remote {
                            auth = psk
                            id = %s
                        }
                        children {
                            v6-net {
                                mode = tunnel
                                local_ts = 2001:db8:98::1/128
                                remote_ts = 2001:db8:100::1/128
                                esp_proposals = aes128-sha1
                                start_action = none
                            }
                        }
                    }
                }
                secrets {
                    ike-v6 {
                        id-a = %s
                        id-b = %s
                        secret = "%s"
                    }
                }
                """.formatted(CHARON, ROUTER, CHARON, ROUTER, CHARON, ROUTER, StrongSwanHarness.PSK);
    }

    @Test
    void ikev2AndEspOverIpv6AgainstCharon(@TempDir Path tmp) throws Exception {
        String why = StrongSwanHarness.unavailable();
        if (why == null && dev.routerlab.lab.Netns.tool("ping") == null) why = "ping (iputils-ping) is not installed";
        if (why != null) Interop.skip("StrongSwanIpv6TunTest: " + why);
        String tshark = Tshark.require("StrongSwanIpv6TunTest");
        Path pcap = tmp.resolve("gi0-0.pcap");
        try (StrongSwanHarness h = new StrongSwanHarness()) {
            String dev = "rls6" + ProcessHandle.current().pid() % 100000;
            Files.writeString(tmp.resolve("R1.cfg"), R1);
            Files.writeString(tmp.resolve("topology.clab.yml"),
                    "name: strongswan-v6\ntopology:\n  nodes:\n    R1:\n      kind: iosv\n      startup-config: R1.cfg\n  links: []\n");
            Topology base = Topology.load(tmp);
            Topology.Endpoint gi = Topology.endpoint("R1:GigabitEthernet0/0");
            Topology t = new Topology(base.name(), base.dir(), base.nodes(), base.links(), Map.of(gi, dev), Map.of(gi, pcap));
            try (Lab lab = Lab.boot(t, new Lab.Options())) {
                assertEquals(List.of(), lab.bootErrors());
                sh("ip", "link", "set", dev, "netns", h.ns);
                sh("ip", "-n", h.ns, "-6", "addr", "add", CHARON + "/64", "dev", dev, "nodad");
                sh("ip", "-n", h.ns, "link", "set", dev, "up");
                sh("ip", "-n", h.ns, "-6", "addr", "add", "2001:db8:98::1/128", "dev", "lo", "nodad");
                StrongSwanHarness.Result p = null;
                for (long until = System.nanoTime() + 15_000_000_000L; System.nanoTime() < until; ) {
                    p = StrongSwanHarness.exec(List.of("ip", "netns", "exec", h.ns, "ping", "-6", "-c", "1", "-W", "1", ROUTER));
                    if (p.exit() == 0) break;
                }
                assertEquals(0, p.exit(), "R1 not reachable over the TUN: " + p.out());
                h.loadConf(swanctl());

                // 1. R1 initiates: the first ping starts IKEv2 (IOS drops it), the rest cross the VTI
                String ping = LabShell.show(lab, "R1", "ping ipv6 2001:DB8:98::1");
                assertTrue(ping.contains(".!!!!\nSuccess rate is 80 percent (4/5)"), ping + "\n" + h.charonLogTail(40));
                String v2 = LabShell.show(lab, "R1", "show crypto ikev2 sa");
                System.out.println(v2);
                assertTrue(v2.contains(" IPv6 Crypto IKEv2 SA \n\nTunnel-id    fvrf/ivrf              Status\n"), v2);
                assertTrue(Pattern.compile("\n1 +none/none +READY\nLocal  2001:DB8:FF::2/4500\nRemote  2001:DB8:FF::1/4500\n"
                        + "      Encr: AES-CBC, keysize: 256, PRF: SHA256, Hash: SHA256, DH Grp:14, Auth sign: PSK, Auth verify: PSK\n")
                        .matcher(v2).find(), v2);
                String list = h.swanctl("--list-sas").out();
                System.out.println(list);
                assertTrue(list.contains("ESTABLISHED") && list.contains("INSTALLED, TUNNEL-in-UDP"), list);
                assertTrue(list.contains("AES_CBC-256/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_2048"), list);
                assertTrue(list.contains("    local  2001:db8:98::1/128\n    remote 2001:db8:100::1/128\n"), "charon narrowed R1's ::/0\n" + list);
                assertEquals(4, count("\\bin\\s+\\S+,\\s+\\d+ bytes,\\s+(\\d+) packets", list), list);
                assertEquals(4, count("\\bout\\s+\\S+,\\s+\\d+ bytes,\\s+(\\d+) packets", list), list);
                String sa = LabShell.show(lab, "R1", "show crypto ipsec sa");
                System.out.println(sa);
                assertTrue(sa.contains("#pkts encaps: 4, #pkts encrypt: 4, #pkts digest: 4"), sa);
                assertTrue(sa.contains("#pkts decaps: 4, #pkts decrypt: 4, #pkts verify: 4"), sa);
                assertTrue(sa.contains("in use settings ={Tunnel UDP-Encaps, }"), sa);
                assertTrue(sa.contains("     local crypto endpt.: 2001:DB8:FF::2,\n      remote crypto endpt.: 2001:DB8:FF::1\n"), sa);
                String back = StrongSwanHarness.exec(List.of("ip", "netns", "exec", h.ns, "ping", "-6", "-c", "3", "-i", "0.2",
                        "-W", "2", "-I", "2001:db8:98::1", "2001:db8:100::1")).out();
                assertTrue(back.contains("3 packets transmitted, 3 received"), back + "\n" + h.charonLogTail(40));

                // 2. charon initiates, after R1 cleared everything (telling charon)
                LabShell.show(lab, "R1", "clear crypto session");
                String gone = CharonTunRouter.poll(() -> h.swanctl("--list-sas").out(), l -> !l.contains("ESTABLISHED"), 10);
                assertTrue(!gone.contains("ESTABLISHED"), "charon kept its SAs after R1's Delete:\n" + gone);
                StrongSwanHarness.Result r = h.swanctl("--initiate", "--child", "v6-net", "--timeout", "30");
                assertEquals(0, r.exit(), "swanctl --initiate:\n" + r.out() + "\n" + h.charonLogTail(40));
                back = StrongSwanHarness.exec(List.of("ip", "netns", "exec", h.ns, "ping", "-6", "-c", "3", "-i", "0.2",
                        "-W", "2", "-I", "2001:db8:98::1", "2001:db8:100::1")).out();
                assertTrue(back.contains("3 packets transmitted, 3 received"), back + "\n" + h.charonLogTail(40));
                ping = LabShell.show(lab, "R1", "ping ipv6 2001:DB8:98::1");
                assertTrue(ping.contains("!!!!!\nSuccess rate is 100 percent (5/5)"), ping);
                String detail = LabShell.show(lab, "R1", "show crypto ikev2 sa detail");
                assertTrue(detail.contains("      Local id: 2001:DB8:FF::2\n      Remote id: 2001:DB8:FF::1\n"), detail);
                assertTrue(detail.contains("      Initiator of SA : No\n"), detail);
                String session = LabShell.show(lab, "R1", "show crypto session");
                System.out.println(session);
                assertTrue(session.contains("Interface: Tunnel0\nProfile: PROF\nSession status: UP-ACTIVE     \n"
                        + "Peer: 2001:DB8:FF::1 port 4500 \n"), session);
                assertTrue(session.contains("  IKEv2 SA: local 2001:DB8:FF::2/4500\n          remote 2001:DB8:FF::1/4500 Active \n"), session);
                list = CharonTunRouter.poll(() -> h.swanctl("--list-sas").out(),
                        l -> count("\\bin\\s+\\S+,\\s+\\d+ bytes,\\s+(\\d+) packets", l) == 8, 10);
                assertEquals(8, count("\\bin\\s+\\S+,\\s+\\d+ bytes,\\s+(\\d+) packets", list), "charon received what R1 sent\n" + list);
                assertEquals(8, count("\\bout\\s+\\S+,\\s+\\d+ bytes,\\s+(\\d+) packets", list), list);
                sa = LabShell.show(lab, "R1", "show crypto ipsec sa");
                assertTrue(sa.contains("#pkts encaps: 15, #pkts encrypt: 15"), "the flow's totals across both Child SAs (7 + 8)\n" + sa);
            }
            List<String> problems = Tshark.problems(tshark, pcap);
            assertTrue(problems.isEmpty(), "tshark warnings: " + problems);
            List<String> ike = Tshark.rows(tshark, pcap, "isakmp", "ipv6.src", "udp.srcport", "isakmp.exchangetype");
            System.out.println(String.join("\n", ike));
            assertTrue(ike.stream().anyMatch(l -> l.startsWith("2001:db8:ff::2\t500\t34")), "our IKE_SA_INIT over IPv6: " + ike);
            assertTrue(ike.stream().anyMatch(l -> l.startsWith("2001:db8:ff::2\t4500\t35")), "our IKE_AUTH on 4500: " + ike);
            List<String> esp = Tshark.rows(tshark, pcap, "esp", "ipv6.src", "esp.spi");
            assertTrue(esp.stream().anyMatch(l -> l.startsWith("2001:db8:ff::2\t")), "our ESP over IPv6: " + esp);
            assertTrue(esp.stream().anyMatch(l -> l.startsWith("2001:db8:ff::1\t")), "charon's ESP: " + esp);
        }
    }

    private static void sh(String... cmd) throws Exception {
        StrongSwanHarness.Result r = StrongSwanHarness.exec(List.of(cmd));
        assertEquals(0, r.exit(), String.join(" ", cmd) + ": " + r.out());
    }

    private static int count(String regex, String list) {
        Matcher m = Pattern.compile(regex).matcher(list);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }
}
