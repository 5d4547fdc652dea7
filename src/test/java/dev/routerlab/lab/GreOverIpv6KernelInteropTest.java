package dev.routerlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.routerlab.Interop;
import dev.routerlab.packet.nhrp.Tshark;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Root only. The Linux kernel's ip6gre as the far end of `tunnel mode gre ipv6`: R1's Gi0/2
 * (2001:DB8:2::1/64) is bound to a TUN in a namespace that holds 2001:db8:2::10 and an ip6gre
 * device from it to R1 (`ip link add ... type ip6gre local 2001:db8:2::10 remote 2001:db8:2::1`,
 * which adds RFC 2473's encapsulation-limit destination option to what it sends). IPv4 and IPv6
 * pings cross the tunnel both ways, and tshark reads the outer packets on R1's port with no
 * warnings. Without root, netns or tshark it skips (or fails, when interop is required); on a
 * kernel built without ip6gre (CONFIG_IPV6_GRE) it skips saying so.
 */
class GreOverIpv6KernelInteropTest {
    private static final String R1 = String.join("\n",
        "hostname R1", "no ip domain lookup", "ipv6 unicast-routing",
        "interface Loopback0", " ip address 10.1.1.1 255.255.255.255", " ipv6 address 2001:DB8:1::1/64",
        "interface Tunnel0", " ip address 172.16.0.1 255.255.255.252", " ipv6 address 2001:DB8:99::1/64",
        " tunnel source GigabitEthernet0/2", " tunnel destination 2001:DB8:2::10", " tunnel mode gre ipv6",
        "interface GigabitEthernet0/2", " ipv6 address 2001:DB8:2::1/64", " no shutdown", "end", "");

    @Test
    void linuxIp6greAndRouterlabPingEachOtherThroughTheTunnel(@TempDir Path dir) throws Exception {
        String why = Netns.unavailable();
        if (why == null && Netns.tool("ping") == null) why = "ping (iputils-ping) is not installed";
        if (why != null) Interop.skip("GreOverIpv6KernelInteropTest: " + why);
        String tshark = Tshark.require("GreOverIpv6KernelInteropTest");

        Files.writeString(dir.resolve("R1.cfg"), R1);
        Files.writeString(dir.resolve("topology.clab.yml"), "name: gre6-kernel\ntopology:\n  nodes:\n    R1:\n      kind: iosv\n"
            + "      startup-config: R1.cfg\n  links: []\n");
        Topology base = Topology.load(dir);
        long pid = ProcessHandle.current().pid() % 100000;
        String dev = "rlg6" + pid;
        Path pcap = dir.resolve("gi0-2.pcap");
        Topology t = new Topology(base.name(), base.dir(), base.nodes(), base.links(),
            Map.of(Topology.endpoint("R1:GigabitEthernet0/2"), dev), Map.of(Topology.endpoint("R1:GigabitEthernet0/2"), pcap));
        try (Netns n = new Netns()) {
            String ns = n.create("rlg6");
            Netns.Result probe = Netns.tryRun(List.of("ip", "netns", "exec", ns, "ip", "link", "add", "probe6", "type", "ip6gre",
                "local", "2001:db8:2::10", "remote", "2001:db8:2::1"), 10);
            if (probe.exit() != 0) {
                // a kernel built without CONFIG_IPV6_GRE (this container's) is nothing a test can install: even where
                // interop is required it skips, saying so, as RealClientsTest does for ntc-templates
                String reason = "GreOverIpv6KernelInteropTest: this kernel has no ip6gre (" + probe.output().strip() + ")";
                System.out.println("SKIPPED: " + reason);
                Assumptions.abort(reason);
            }
            Netns.exec(ns, "ip", "link", "del", "probe6");
            try (Lab lab = Lab.boot(t, new Lab.Options())) {
                assertEquals(List.of(), lab.bootErrors());
                Netns.run(List.of("ip", "link", "set", dev, "netns", ns));
                Netns.exec(ns, "ip", "-6", "addr", "add", "2001:db8:2::10/64", "dev", dev, "nodad");
                Netns.exec(ns, "ip", "link", "set", dev, "up");
                Netns.exec(ns, "ip", "link", "add", "gre6k", "type", "ip6gre", "local", "2001:db8:2::10", "remote", "2001:db8:2::1", "ttl", "255");
                Netns.exec(ns, "ip", "addr", "add", "172.16.0.2/30", "dev", "gre6k");
                Netns.exec(ns, "ip", "-6", "addr", "add", "2001:db8:99::2/64", "dev", "gre6k", "nodad");
                Netns.exec(ns, "ip", "link", "set", "gre6k", "up");
                Netns.exec(ns, "ip", "route", "add", "10.1.1.1/32", "dev", "gre6k");
                Netns.exec(ns, "ip", "-6", "route", "add", "2001:db8:1::/64", "via", "2001:db8:99::1", "dev", "gre6k");
                Thread.sleep(500);

                assertEquals(5, received(ping(ns, "-4", "172.16.0.1")), "the kernel pings R1's tunnel address over IPv4-in-GRE/IPv6");
                assertEquals(5, received(ping(ns, "-4", "10.1.1.1")), "and R1's loopback through the tunnel");
                assertEquals(5, received(ping(ns, "-6", "2001:db8:99::1")), "IPv6-in-GRE/IPv6");
                assertEquals(5, received(ping(ns, "-6", "2001:db8:1::1")));
                String p4 = LabShell.show(lab, "R1", "ping 172.16.0.2");
                assertTrue(p4.contains("!!!!!\nSuccess rate is 100 percent (5/5)"), p4);
                String p6 = LabShell.show(lab, "R1", "ping ipv6 2001:DB8:99::2");
                assertTrue(p6.contains("!!!!!\nSuccess rate is 100 percent (5/5)"), p6);
                String s = LabShell.show(lab, "R1", "show interfaces Tunnel0");
                assertTrue(s.contains("Tunnel protocol/transport GRE/IPv6") && s.contains("line protocol is up"), s);
            }
            List<String> problems = Tshark.problems(tshark, pcap);
            assertTrue(problems.isEmpty(), "tshark warnings: " + problems);
            List<String> gre = Tshark.fields(tshark, pcap, "gre", "ipv6.src", "gre.proto");
            assertTrue(gre.stream().anyMatch(r -> r.startsWith("2001:db8:2::1\t0x0800")), "ours, IPv4 inside: " + gre);
            assertTrue(gre.stream().anyMatch(r -> r.startsWith("2001:db8:2::1\t0x86dd")), "ours, IPv6 inside: " + gre);
            assertTrue(gre.stream().anyMatch(r -> r.startsWith("2001:db8:2::10\t")), "the kernel's: " + gre);
        }
    }

    private static Netns.Result ping(String ns, String family, String dst) throws Exception {
        return Netns.tryRun(List.of("ip", "netns", "exec", ns, "ping", family, "-c", "5", "-i", "0.3", "-W", "2", dst), 60);
    }

    private static int received(Netns.Result r) {
        Matcher m = Pattern.compile("(\\d+) received").matcher(r.output());
        assertTrue(m.find(), r.output());
        return Integer.parseInt(m.group(1));
    }
}
