package dev.routerlab.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.ip.Net;
import dev.routerlab.capture.PcapWriter;
import dev.routerlab.link.Wire;
import dev.routerlab.link.WireOptions;
import dev.routerlab.packet.nhrp.Tshark;
import org.junit.jupiter.api.Test;

/** tshark decodes a capture of the GRE leg (R1-R2) with keys, sequence numbers and checksums: nothing malformed. */
class GrePcapTest {
    @Test
    void theGreLegDecodesCleanly() throws Exception {
        String tshark = Tshark.require("GrePcapTest");
        if (tshark == null) return;
        Net net = new Net();
        Net.Node r1 = net.router("R1"), r2 = net.router("R2"), r3 = net.router("R3");
        Wire leg = net.wire(r1, "Gi0/0", r2, "Gi0/0", WireOptions.DEFAULT.withDelay(300_000));
        net.wire(r2, "Gi0/1", r3, "Gi0/0", WireOptions.DEFAULT.withDelay(300_000));
        Path file = Files.createTempFile("gre-leg", ".pcap");
        try (PcapWriter w = PcapWriter.create(file, PcapWriter.LINKTYPE_ETHERNET, net.clock)) {
            leg.capture(w);
            r1.config("interface Loopback0", "ip address 1.1.1.1 255.255.255.255",
                "interface GigabitEthernet0/0", "ip address 10.12.0.1 255.255.255.0", "no shutdown",
                "interface Tunnel0", "ip address 172.16.13.1 255.255.255.252", "tunnel source GigabitEthernet0/0",
                "tunnel destination 10.23.0.3", "tunnel key 4242", "tunnel sequence-datagrams", "tunnel checksum",
                "keepalive 5 3", "ip route 10.23.0.0 255.255.255.0 10.12.0.2", "ip route 3.3.3.3 255.255.255.255 Tunnel0");
            r2.config("interface GigabitEthernet0/0", "ip address 10.12.0.2 255.255.255.0", "no shutdown",
                "interface GigabitEthernet0/1", "ip address 10.23.0.2 255.255.255.0", "no shutdown");
            r3.config("interface Loopback0", "ip address 3.3.3.3 255.255.255.255",
                "interface GigabitEthernet0/0", "ip address 10.23.0.3 255.255.255.0", "no shutdown",
                "interface Tunnel0", "ip address 172.16.13.2 255.255.255.252", "tunnel source GigabitEthernet0/0",
                "tunnel destination 10.12.0.1", "tunnel key 4242", "tunnel sequence-datagrams", "tunnel checksum",
                "keepalive 5 3", "ip route 10.12.0.0 255.255.255.0 10.23.0.2", "ip route 1.1.1.1 255.255.255.255 Tunnel0");
            String first = r1.exec("ping 3.3.3.3 source Loopback0 repeat 10");
            assertTrue(first.contains("..!!!!!!!!\n"), "R1 and R2 each resolve their next hop: " + first);
            assertTrue(r1.exec("ping 3.3.3.3 source Loopback0 size 1400 repeat 3").contains("!!!"));
            assertTrue(r1.exec("ping 3.3.3.3 source Loopback0 size 3000 repeat 2").contains("!!"), "inner fragments");
            r1.exec("traceroute 3.3.3.3");
            net.run(20);                                           // keepalives both ways
            leg.capture(null);
        }
        try {
            List<String> all = Tshark.rows(tshark, file, null, "frame.number");
            assertTrue(all.size() > 40, "frames captured: " + all.size());
            assertEquals(List.of(), Tshark.rows(tshark, file, "_ws.malformed || _ws.expert.severity >= error", "frame.number"),
                "malformed or erroneous frames");
            List<String> gre = Tshark.rows(tshark, file, "gre", "frame.protocols", "gre.key", "gre.checksum.status");
            assertTrue(gre.size() >= 30, "GRE frames: " + gre.size());
            String dump = String.join("\n", gre);
            for (String l : gre) {
                String[] f = l.split("\t");
                assertTrue(f[0].startsWith("eth:ethertype:ip:gre"), dump);
                assertTrue(java.util.Arrays.stream(f[1].split(",")).allMatch("0x00001092"::equals), "key 4242 everywhere: " + dump);
                assertTrue(java.util.Arrays.stream(f[2].split(",")).allMatch("1"::equals), "checksums verified good: " + dump);
            }
            assertTrue(gre.stream().anyMatch(l -> l.startsWith("eth:ethertype:ip:gre:ip:icmp")), "echoes inside GRE");
            assertTrue(gre.stream().anyMatch(l -> l.startsWith("eth:ethertype:ip:gre:ip:gre\t")), "keepalives inside GRE");
            assertTrue(gre.stream().anyMatch(l -> l.startsWith("eth:ethertype:ip:gre\t")), "reflected keepalives (protocol 0)");
            assertTrue(gre.stream().anyMatch(l -> l.startsWith("eth:ethertype:ip:gre:ip:data\t")), "inner fragments");
            assertTrue(gre.stream().anyMatch(l -> l.startsWith("eth:ethertype:ip:gre:ip:udp\t")), "traceroute probes");
            List<String> seq = Tshark.rows(tshark, file, "gre && ip.src == 10.12.0.1 && !(ip.flags.mf == 1 || ip.frag_offset > 0)", "gre.sequence_number");
            assertTrue(seq.size() > 10);
            List<String> arp = Tshark.rows(tshark, file, "arp", "arp.opcode");
            assertTrue(arp.contains("1") && arp.contains("2"), "ARP request and reply: " + arp);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    static void unused(InterfaceName n) throws IOException { }
}
