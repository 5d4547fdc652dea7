package dev.routerlab.ospf;

import static dev.routerlab.FrrPeer.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.Interop;
import dev.routerlab.lab.Lab;
import dev.routerlab.lab.Netns;
import dev.routerlab.lab.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Root only. FRR's ospfd (Debian `frr`) in a network namespace meets R1 over two TUN devices bound
 * to R1's Gi0/1 (`ip ospf network broadcast`: a DR and a BDR elected; MD5 authentication, RFC 2328
 * D.3) and Gi0/2 (point-to-point):
 * both adjacencies FULL on both sides, each side's loopback in the other's routing table (the
 * broadcast link preferred by cost), pings between the loopbacks; the broadcast link dies in
 * FRR's namespace and both sides move to the point-to-point link. tshark dissects R1's OSPF
 * packets (a pcap of Gi0/1, each with an MD5 digest under key 1) with nothing malformed.
 */
class FrrOspfInteropTest {
    @TempDir Path tmp;

    @Test
    void fullOnBroadcastAndPointToPointRoutesBothWaysAndFailover() throws Exception {
        String why = Netns.unavailable();
        if (why == null && !Files.isExecutable(FRR.resolve("ospfd"))) why = "frr (ospfd) is not installed";
        if (why == null && Netns.tool("vtysh") == null) why = "vtysh is not installed";
        if (why == null && Netns.tool("ping") == null) why = "ping (iputils-ping) is not installed";
        if (why != null) Interop.skip("FrrOspfInteropTest: " + why);

        long id = ProcessHandle.current().pid() % 100000;
        String bcast = "rlob" + id, p2p = "rlop" + id;
        Path pcap = tmp.resolve("gi0-1.pcap");
        Files.writeString(tmp.resolve("R1.cfg"), String.join("\n",
            "hostname R1", "interface Loopback0", " ip address 1.1.1.1 255.255.255.255",
            "interface GigabitEthernet0/1", " ip address 10.1.0.1 255.255.255.0", " ip ospf network broadcast",
            " ip ospf hello-interval 1", " ip ospf cost 10", " ip ospf authentication message-digest",
            " ip ospf message-digest-key 1 md5 RouterLab1", " no shutdown",
            "interface GigabitEthernet0/2", " ip address 10.2.0.1 255.255.255.252", " ip ospf network point-to-point",
            " ip ospf hello-interval 1", " ip ospf cost 100", " no shutdown",
            "router ospf 1", " router-id 1.1.1.1", " network 10.0.0.0 0.255.255.255 area 0", " network 1.1.1.1 0.0.0.0 area 0", "end", ""));
        Files.writeString(tmp.resolve("topology.clab.yml"), String.join("\n",
            "name: frr-ospf", "topology:", "  nodes:", "    R1:", "      startup-config: R1.cfg",
            "  tun:", "    R1:GigabitEthernet0/1: " + bcast, "    R1:GigabitEthernet0/2: " + p2p,
            "  capture:", "    R1:GigabitEthernet0/1: " + pcap, ""));
        Path run = tmp.resolve("frr");
        Files.createDirectories(run);
        Files.writeString(run.resolve("zebra.conf"), "hostname frr\nlog file " + run + "/zebra.log informational\n");
        Files.writeString(run.resolve("ospfd.conf"), String.join("\n",
            "frr defaults traditional", "hostname frr", "log file " + run + "/ospfd.log informational",
            "interface " + bcast, " ip ospf network broadcast", " ip ospf hello-interval 1", " ip ospf dead-interval 4", " ip ospf cost 10",
            " ip ospf authentication message-digest", " ip ospf message-digest-key 1 md5 RouterLab1",
            "interface " + p2p, " ip ospf network point-to-point", " ip ospf hello-interval 1", " ip ospf dead-interval 4", " ip ospf cost 100",
            "router ospf", " ospf router-id 10.255.0.2", " network 10.1.0.0/24 area 0", " network 10.2.0.0/30 area 0",
            " network 203.0.113.2/32 area 0", ""));
        Netns.run(List.of("chown", "-R", "frr:frr", run.toString()));
        Netns.run(List.of("chmod", "755", tmp.toString()));

        List<Process> daemons = new ArrayList<>();
        try (Netns n = new Netns(); Lab lab = Lab.boot(Topology.load(tmp), new Lab.Options())) {
            assertEquals(List.of(), lab.bootErrors());
            String ns = n.create("rlfrr");
            for (String[] d : new String[][] {{bcast, "10.1.0.2/24"}, {p2p, "10.2.0.2/30"}}) {
                Netns.run(List.of("ip", "link", "set", d[0], "netns", ns));
                Netns.exec(ns, "ip", "addr", "add", d[1], "dev", d[0]);
                Netns.exec(ns, "ip", "link", "set", d[0], "up");
            }
            Netns.exec(ns, "ip", "addr", "add", "203.0.113.2/32", "dev", "lo");
            daemons.add(daemon(ns, run, "zebra", "-z", run + "/zserv.api"));
            waitFor(() -> Files.exists(run.resolve("zserv.api")), 10, "zebra's socket");
            daemons.add(daemon(ns, run, "ospfd", "-z", run + "/zserv.api"));

            waitFor(() -> vtysh(run, "show ip ospf neighbor").matches("(?s).*Full/(DR|Backup) .*" + bcast + ".*")
                && vtysh(run, "show ip ospf neighbor").matches("(?s).*Full/(DROther|-) .*" + p2p + ".*"), 60,
                "FRR FULL on both links:\n" + vtysh(run, "show ip ospf neighbor"));
            waitFor(() -> show(lab, "show ip ospf neighbor").matches("(?s).*10\\.255\\.0\\.2        1   FULL/(DR|BDR) .*")
                && show(lab, "show ip ospf neighbor").contains("10.255.0.2        0   FULL/  -"), 30,
                "R1 FULL on both links:\n" + show(lab, "show ip ospf neighbor"));
            // the broadcast link (cost 10) wins once both are FULL
            waitFor(() -> show(lab, "show ip route ospf").matches("(?s).*203\\.0\\.113\\.2 \\[110/\\d+\\] via 10\\.1\\.0\\.2.*")
                && vtysh(run, "show ip route 1.1.1.1/32").contains("10.1.0.1, via " + bcast), 30,
                "routes:\n" + show(lab, "show ip route ospf") + vtysh(run, "show ip route ospf"));
            String ours = show(lab, "show ip route ospf");
            assertTrue(ours.matches("(?s).*O        203\\.0\\.113\\.2 \\[110/\\d+\\] via 10\\.1\\.0\\.2, \\d\\d:\\d\\d:\\d\\d, GigabitEthernet0/1\n.*"), ours);
            assertTrue(vtysh(run, "show ip route 1.1.1.1/32").contains("10.1.0.1, via " + bcast), vtysh(run, "show ip route 1.1.1.1/32"));
            ping(ns);
            System.out.println(show(lab, "show ip ospf neighbor") + vtysh(run, "show ip ospf neighbor") + ours);

            // the broadcast link dies in FRR's namespace: both sides move to the point-to-point link
            Netns.exec(ns, "ip", "link", "set", bcast, "down");
            waitFor(() -> show(lab, "show ip route ospf").contains("via 10.2.0.2") 
                && vtysh(run, "show ip route 1.1.1.1/32").contains("10.2.0.1, via " + p2p), 30,
                "failover:\n" + show(lab, "show ip route ospf") + vtysh(run, "show ip route 1.1.1.1/32"));
            assertTrue(show(lab, "show ip route ospf").matches("(?s).*O        203\\.0\\.113\\.2 \\[110/\\d+\\] via 10\\.2\\.0\\.2, .*GigabitEthernet0/2\n.*"));
            ping(ns);
            System.out.println(show(lab, "show ip ospf neighbor") + show(lab, "show ip route ospf"));
        } finally {
            stop(daemons);
        }
        Path tshark = Netns.tool("tshark");
        if (tshark == null) {
            System.out.println("SKIPPED the tshark checks of FrrOspfInteropTest: tshark is not installed");
            return;
        }
        List<String> types = tshark(tshark, pcap, "ospf.msg", "ospf && ip.src == 10.1.0.1");
        assertTrue(types.contains("1") && types.contains("2") && types.contains("4"), "R1's hello, DBD and LS update: " + types);
        assertEquals(List.of(), tshark(tshark, pcap, "frame.number", "_ws.malformed || _ws.expert.severity >= error"));
        // every OSPF packet R1 sent there carries cryptographic authentication (AuType 2) with key ID 1
        assertEquals(List.of("2"), tshark(tshark, pcap, "ospf.auth.type", "ospf && ip.src == 10.1.0.1").stream().distinct().toList());
        assertEquals(List.of("1"), tshark(tshark, pcap, "ospf.auth.crypt.key_id", "ospf && ip.src == 10.1.0.1").stream().distinct().toList());
    }
}
