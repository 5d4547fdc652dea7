package dev.routerlab.lab;

import dev.routerlab.Interop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Root only. A Linux host in a network namespace this test creates pings R3's loopback through
 * R1 and the GRE tunnel R1-R3 of labs/gre-r1-r2-r3: R1's GigabitEthernet0/1 is bound to a TUN
 * that is moved into the host's namespace. The TUN side and the GRE leg (R1-R2 wire) are
 * captured to pcap files, which tshark must decode as IPv4/ICMP and as GRE, with nothing
 * malformed. The namespace (and with it the TUN) is removed even when the test fails.
 */
class GreTunIntegrationTest {
    @TempDir Path tmp;

    @Test
    void hostPingsThroughTheGreTunnel() throws Exception {
        String why = Netns.unavailable();
        if (why == null && Netns.tool("ping") == null) why = "ping (iputils-ping) is not installed";
        if (why != null) Interop.skip("GreTunIntegrationTest: " + why);

        Topology base = Topology.load(Path.of("labs/gre-r1-r2-r3"));
        String dev = "rlgt" + ProcessHandle.current().pid() % 100000;
        Path tunPcap = tmp.resolve("tun.pcap"), grePcap = tmp.resolve("gre.pcap");
        Map<Topology.Endpoint, Path> capture = new LinkedHashMap<>();
        capture.put(Topology.endpoint("R1:GigabitEthernet0/1"), tunPcap);
        capture.put(Topology.endpoint("R2:GigabitEthernet0/0"), grePcap);
        Topology t = new Topology(base.name(), base.dir(), base.nodes(), base.links(),
            Map.of(Topology.endpoint("R1:GigabitEthernet0/1"), dev), capture);

        Netns.Result ping;
        try (Netns n = new Netns()) {
            String host = n.create("rlhost");
            try (Lab lab = Lab.boot(t, new Lab.Options())) {
                assertTrue(lab.paced(), "a lab with a TUN runs on the wall clock");
                assertEquals(List.of(), lab.bootErrors());
                Netns.run(List.of("ip", "link", "set", dev, "netns", host));
                Netns.exec(host, "ip", "addr", "add", "192.168.1.10/24", "dev", dev);
                Netns.exec(host, "ip", "link", "set", dev, "up");
                Netns.exec(host, "ip", "route", "add", "default", "via", "192.168.1.1");
                Thread.sleep(1200);   // a new TUN may drop what is written to it at first
                // resolve ARP along the path first (IOS drops the packet that starts a resolution)
                String prime = LabShell.show(lab, "R1", "ping 3.3.3.3 source Loopback0");
                assertTrue(prime.contains("Success rate is"), prime);
                ping = Netns.tryRun(List.of("ip", "netns", "exec", host, "ping", "-c", "5", "-i", "0.3", "-W", "2", "3.3.3.3"), 60);
                String r1 = LabShell.show(lab, "R1", "show interfaces Tunnel0");
                System.out.println(ping.output() + r1);
            }
        }
        Matcher m = Pattern.compile("(\\d+) received").matcher(ping.output());
        assertTrue(m.find(), ping.output());
        assertEquals(5, Integer.parseInt(m.group(1)), "the host's pings to 3.3.3.3 through the tunnel:\n" + ping.output());

        Path tshark = Netns.tool("tshark");
        if (tshark == null) {
            Interop.skip("GreTunIntegrationTest's tshark checks: tshark is not installed");
            return;
        }
        // the TUN side: bare IPv4 carrying ICMP echo and echo reply (and the host's own ICMPv6), nothing malformed
        List<String> tun = fields(tshark, tunPcap, "frame.protocols");
        assertTrue(tun.stream().filter(p -> p.startsWith("raw:ip:icmp")).count() >= 8, "TUN capture: " + tun);
        assertTrue(tun.stream().allMatch(p -> p.startsWith("raw:ip:icmp") || p.startsWith("raw:ipv6:icmpv6")),
            "TUN capture protocols: " + tun);
        assertEquals(List.of(), fields(tshark, tunPcap, "frame.number", "_ws.malformed || _ws.expert.severity >= error"));
        List<String> icmp = fields(tshark, tunPcap, "icmp.type");
        assertTrue(icmp.contains("8") && icmp.contains("0"), "echo and echo reply: " + icmp);
        // the GRE leg (R1-R2 wire): Ethernet, IPv4, GRE, inner IPv4 ICMP; nothing malformed
        List<String> gre = fields(tshark, grePcap, "frame.protocols", "gre");
        assertTrue(gre.size() >= 8, "GRE frames: " + gre);
        assertTrue(gre.stream().allMatch(p -> p.startsWith("eth:ethertype:ip:gre:ip:icmp")), "GRE leg protocols: " + gre);
        assertEquals(List.of(), fields(tshark, grePcap, "frame.number", "_ws.malformed || _ws.expert.severity >= error"));
        // outer source R1's Gi0/0, inner source the host (R1's own priming ping: its Loopback0)
        List<String> inner = fields(tshark, grePcap, "ip.src", "gre && icmp.type == 8");
        assertTrue(inner.stream().allMatch(s -> s.equals("10.0.12.1,192.168.1.10") || s.equals("10.0.12.1,1.1.1.1")),
            "outer and inner source: " + inner);
        assertEquals(5, inner.stream().filter(s -> s.endsWith(",192.168.1.10")).count(), "the host's echoes: " + inner);
    }

    private static List<String> fields(Path tshark, Path pcap, String field, String... filter) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(tshark.toString(), "-n", "-r", pcap.toString(), "-T", "fields", "-e", field));
        if (filter.length > 0) cmd.addAll(List.of("-Y", filter[0]));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), "tshark failed on " + pcap + " (" + Files.size(pcap) + " bytes)");
        return out.lines().filter(l -> !l.isBlank()).toList();
    }
}
