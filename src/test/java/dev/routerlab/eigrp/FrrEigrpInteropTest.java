package dev.routerlab.eigrp;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Root only. FRR's eigrpd (Debian `frr`) in a network namespace meets R1 over two TUN devices bound
 * to R1's Gi0/1 and Gi0/2 (Gi0/2 with a higher `delay`): neighbours up on both sides and both
 * links, each side's loopback in the other's routing table (R1's through Gi0/1, with FRR's
 * composite metric), pings between the loopbacks; the Gi0/1 link dies in FRR's namespace and both
 * sides reconverge on Gi0/2. tshark dissects R1's EIGRP packets (a pcap of Gi0/1) with nothing malformed.
 * R1 in classic mode, then in named mode: FRR's eigrpd speaks TLV version 1.2 only (no wide metrics),
 * so R1 computes wide metrics and sends FRR classic route TLVs, as IOS does with a TLV 1 neighbour.
 */
class FrrEigrpInteropTest {
    @TempDir Path tmp;

    @ParameterizedTest(name = "named mode {0}")
    @ValueSource(booleans = {false, true})
    void neighboursRoutesBothWaysAndFailover(boolean named) throws Exception {
        String why = Netns.unavailable();
        if (why == null && !Files.isExecutable(FRR.resolve("eigrpd"))) why = "frr (eigrpd) is not installed";
        if (why == null && Netns.tool("vtysh") == null) why = "vtysh is not installed";
        if (why == null && Netns.tool("ping") == null) why = "ping (iputils-ping) is not installed";
        if (why != null) Interop.skip("FrrEigrpInteropTest: " + why);

        long id = ProcessHandle.current().pid() % 100000;
        String a = "rlea" + id, b = "rleb" + id;
        Path pcap = tmp.resolve("gi0-1.pcap");
        Files.writeString(tmp.resolve("R1.cfg"), named ? String.join("\n",
            "hostname R1", "interface Loopback0", " ip address 1.1.1.1 255.255.255.255",
            "interface GigabitEthernet0/1", " ip address 10.1.0.1 255.255.255.0", " no shutdown",
            "interface GigabitEthernet0/2", " ip address 10.2.0.1 255.255.255.252", " delay 1000", " no shutdown",
            "router eigrp LAB", " address-family ipv4 unicast autonomous-system 100",
            "  af-interface default", "   hello-interval 1", "   hold-time 3", "  exit-af-interface",
            "  network 10.0.0.0", "  network 1.1.1.1 0.0.0.0", "  eigrp router-id 1.1.1.1", " exit-address-family", "end", "")
            : String.join("\n",
            "hostname R1", "interface Loopback0", " ip address 1.1.1.1 255.255.255.255",
            "interface GigabitEthernet0/1", " ip address 10.1.0.1 255.255.255.0", " ip hello-interval eigrp 100 1",
            " ip hold-time eigrp 100 3", " no shutdown",
            "interface GigabitEthernet0/2", " ip address 10.2.0.1 255.255.255.252", " ip hello-interval eigrp 100 1",
            " ip hold-time eigrp 100 3", " delay 1000", " no shutdown",
            "router eigrp 100", " network 10.0.0.0", " network 1.1.1.1 0.0.0.0", " eigrp router-id 1.1.1.1", "end", ""));
        Files.writeString(tmp.resolve("topology.clab.yml"), String.join("\n",
            "name: frr-eigrp", "topology:", "  nodes:", "    R1:", "      startup-config: R1.cfg",
            "  tun:", "    R1:GigabitEthernet0/1: " + a, "    R1:GigabitEthernet0/2: " + b,
            "  capture:", "    R1:GigabitEthernet0/1: " + pcap, ""));
        Path run = tmp.resolve("frr");
        Files.createDirectories(run);
        Files.writeString(run.resolve("zebra.conf"), "hostname frr\nlog file " + run + "/zebra.log informational\n");
        Files.writeString(run.resolve("eigrpd.conf"), String.join("\n",
            "frr defaults traditional", "hostname frr", "log file " + run + "/eigrpd.log informational",
            "interface " + a, " ip hello-interval eigrp 1", " ip hold-time eigrp 3",
            "interface " + b, " ip hello-interval eigrp 1", " ip hold-time eigrp 3", " delay 1000",
            "router eigrp 100", " eigrp router-id 10.255.0.2", " network 10.1.0.0/24", " network 10.2.0.0/30",
            " network 203.0.113.2/32", ""));
        Netns.run(List.of("chown", "-R", "frr:frr", run.toString()));
        Netns.run(List.of("chmod", "755", tmp.toString()));

        List<Process> daemons = new ArrayList<>();
        try (Netns n = new Netns(); Lab lab = Lab.boot(Topology.load(tmp), new Lab.Options())) {
            assertEquals(List.of(), lab.bootErrors());
            String ns = n.create("rlfre");
            for (String[] d : new String[][] {{a, "10.1.0.2/24"}, {b, "10.2.0.2/30"}}) {
                Netns.run(List.of("ip", "link", "set", d[0], "netns", ns));
                Netns.exec(ns, "ip", "addr", "add", d[1], "dev", d[0]);
                Netns.exec(ns, "ip", "link", "set", d[0], "up");
            }
            Netns.exec(ns, "ip", "addr", "add", "203.0.113.2/32", "dev", "lo");
            daemons.add(daemon(ns, run, "zebra", "-z", run + "/zserv.api"));
            waitFor(() -> Files.exists(run.resolve("zserv.api")), 10, "zebra's socket");
            daemons.add(daemon(ns, run, "eigrpd", "-z", run + "/zserv.api"));

            waitFor(() -> vtysh(run, "show ip eigrp neighbor").contains("10.1.0.1") && vtysh(run, "show ip eigrp neighbor").contains("10.2.0.1"),
                60, "FRR's neighbours on both links:\n" + vtysh(run, "show ip eigrp neighbor"));
            waitFor(() -> show(lab, "show ip eigrp neighbors").contains("10.1.0.2") && show(lab, "show ip eigrp neighbors").contains("10.2.0.2"),
                30, "R1's neighbours on both links:\n" + show(lab, "show ip eigrp neighbors"));
            waitFor(() -> show(lab, "show ip route eigrp").contains("203.0.113.2 [90/")
                && vtysh(run, "show ip route 1.1.1.1/32").contains("10.1.0.1, via " + a), 30,
                "routes:\n" + show(lab, "show ip route eigrp") + vtysh(run, "show ip route eigrp"));
            String ours = show(lab, "show ip route eigrp");
            assertTrue(ours.matches("(?s).*D        203\\.0\\.113\\.2 \\[90/\\d+\\] via 10\\.1\\.0\\.2, \\d\\d:\\d\\d:\\d\\d, GigabitEthernet0/1\n.*"), ours);
            ping(ns);
            if (named) {
                // wide metrics here (FD in 64-bit units, the RIB's metric divided by 128), classic TLVs for FRR
                assertTrue(show(lab, "show ip protocols").contains("Metric version 64bit"), show(lab, "show ip protocols"));
                assertTrue(vtysh(run, "show ip eigrp topology").contains("1.1.1.1/32"), vtysh(run, "show ip eigrp topology"));
            }
            System.out.println(show(lab, "show ip eigrp neighbors") + vtysh(run, "show ip eigrp neighbor") + ours
                + show(lab, "show ip eigrp topology") + vtysh(run, "show ip eigrp topology") + vtysh(run, "show ip route eigrp"));

            // the Gi0/1 link dies in FRR's namespace: both sides move to Gi0/2 after the hold time
            Netns.exec(ns, "ip", "link", "set", a, "down");
            waitFor(() -> show(lab, "show ip route eigrp").contains("via 10.2.0.2")
                && vtysh(run, "show ip route 1.1.1.1/32").contains("10.2.0.1, via " + b), 30,
                "failover:\n" + show(lab, "show ip route eigrp") + vtysh(run, "show ip route 1.1.1.1/32"));
            ping(ns);
            System.out.println(show(lab, "show ip eigrp neighbors") + show(lab, "show ip route eigrp"));
        } finally {
            stop(daemons);
        }
        Path tshark = Netns.tool("tshark");
        if (tshark == null) {
            System.out.println("SKIPPED the tshark checks of FrrEigrpInteropTest: tshark is not installed");
            return;
        }
        List<String> ops = tshark(tshark, pcap, "eigrp.opcode", "eigrp && ip.src == 10.1.0.1");
        assertTrue(ops.contains("5") && ops.contains("1"), "R1's hellos and updates: " + ops);
        assertEquals(List.of(), tshark(tshark, pcap, "frame.number", "_ws.malformed || _ws.expert.severity >= error"));
    }
    /**
     * The same peer against an address family in a VRF: R1's Gi0/1 (bound to the TUN) and Loopback0
     * in VRF RED under `router eigrp 1` / `address-family ipv4 vrf RED autonomous-system 100`
     * (classic) or named mode's `address-family ipv4 unicast vrf RED autonomous-system 100`; a
     * global Loopback1 with the same address stays out of it. FRR's routes land in RED's table only.
     */
    @ParameterizedTest(name = "named mode {0}")
    @ValueSource(booleans = {false, true})
    void addressFamilyInAVrf(boolean named) throws Exception {
        String why = Netns.unavailable();
        if (why == null && !Files.isExecutable(FRR.resolve("eigrpd"))) why = "frr (eigrpd) is not installed";
        if (why == null && Netns.tool("vtysh") == null) why = "vtysh is not installed";
        if (why == null && Netns.tool("ping") == null) why = "ping (iputils-ping) is not installed";
        if (why != null) Interop.skip("FrrEigrpInteropTest: " + why);

        long id = ProcessHandle.current().pid() % 100000;
        String a = "rlev" + id;
        List<String> cfg = new ArrayList<>(List.of("hostname R1", "vrf definition RED", " address-family ipv4", " exit-address-family",
            "interface Loopback0", " vrf forwarding RED", " ip address 1.1.1.1 255.255.255.255",
            "interface Loopback1", " ip address 1.1.1.1 255.255.255.255",
            "interface GigabitEthernet0/1", " vrf forwarding RED", " ip address 10.1.0.1 255.255.255.0", " no shutdown"));
        cfg.addAll(named ? List.of("router eigrp LAB", " address-family ipv4 unicast vrf RED autonomous-system 100",
            "  af-interface default", "   hello-interval 1", "   hold-time 3", "  exit-af-interface",
            "  network 10.0.0.0", "  network 1.1.1.1 0.0.0.0", " exit-address-family", "end", "")
            : List.of("interface GigabitEthernet0/1", " ip hello-interval eigrp 100 1", " ip hold-time eigrp 100 3",
            "router eigrp 1", " address-family ipv4 vrf RED autonomous-system 100",
            "  network 10.0.0.0", "  network 1.1.1.1 0.0.0.0", " exit-address-family", "end", ""));
        Files.writeString(tmp.resolve("R1.cfg"), String.join("\n", cfg));
        Files.writeString(tmp.resolve("topology.clab.yml"), String.join("\n",
            "name: frr-eigrp-vrf", "topology:", "  nodes:", "    R1:", "      startup-config: R1.cfg",
            "  tun:", "    R1:GigabitEthernet0/1: " + a, ""));
        Path run = tmp.resolve("frr");
        Files.createDirectories(run);
        Files.writeString(run.resolve("zebra.conf"), "hostname frr\nlog file " + run + "/zebra.log informational\n");
        Files.writeString(run.resolve("eigrpd.conf"), String.join("\n",
            "frr defaults traditional", "hostname frr", "log file " + run + "/eigrpd.log informational",
            "interface " + a, " ip hello-interval eigrp 1", " ip hold-time eigrp 3",
            "router eigrp 100", " eigrp router-id 10.255.0.2", " network 10.1.0.0/24", " network 203.0.113.2/32", ""));
        Netns.run(List.of("chown", "-R", "frr:frr", run.toString()));
        Netns.run(List.of("chmod", "755", tmp.toString()));

        List<Process> daemons = new ArrayList<>();
        try (Netns n = new Netns(); Lab lab = Lab.boot(Topology.load(tmp), new Lab.Options())) {
            assertEquals(List.of(), lab.bootErrors());
            String ns = n.create("rlfrv");
            Netns.run(List.of("ip", "link", "set", a, "netns", ns));
            Netns.exec(ns, "ip", "addr", "add", "10.1.0.2/24", "dev", a);
            Netns.exec(ns, "ip", "link", "set", a, "up");
            Netns.exec(ns, "ip", "addr", "add", "203.0.113.2/32", "dev", "lo");
            daemons.add(daemon(ns, run, "zebra", "-z", run + "/zserv.api"));
            waitFor(() -> Files.exists(run.resolve("zserv.api")), 10, "zebra's socket");
            daemons.add(daemon(ns, run, "eigrpd", "-z", run + "/zserv.api"));

            waitFor(() -> vtysh(run, "show ip eigrp neighbor").contains("10.1.0.1"), 60,
                "FRR's neighbour:\n" + vtysh(run, "show ip eigrp neighbor"));
            waitFor(() -> show(lab, "show ip eigrp vrf RED neighbors").contains("10.1.0.2"), 30,
                "R1's neighbour in RED:\n" + show(lab, "show ip eigrp vrf RED neighbors"));
            waitFor(() -> show(lab, "show ip route vrf RED eigrp").contains("203.0.113.2 [90/")
                && vtysh(run, "show ip route 1.1.1.1/32").contains("10.1.0.1, via " + a), 30,
                "routes:\n" + show(lab, "show ip route vrf RED eigrp") + vtysh(run, "show ip route eigrp"));
            String ours = show(lab, "show ip route vrf RED eigrp");
            assertTrue(ours.matches("(?s).*D        203\\.0\\.113\\.2 \\[90/\\d+\\] via 10\\.1\\.0\\.2, \\d\\d:\\d\\d:\\d\\d, GigabitEthernet0/1\n.*"), ours);
            assertTrue(show(lab, "show ip eigrp vrf RED neighbors").contains("VRF(RED)"));
            assertTrue(!show(lab, "show ip route").contains("203.0.113.2"), "not in the global table:\n" + show(lab, "show ip route"));
            assertTrue(!show(lab, "show ip eigrp neighbors").contains("10.1.0.2"), show(lab, "show ip eigrp neighbors"));
            ping(ns);
            System.out.println(show(lab, "show ip eigrp vrf RED neighbors") + vtysh(run, "show ip eigrp neighbor") + ours
                + show(lab, "show ip eigrp vrf RED topology") + vtysh(run, "show ip route eigrp"));
        } finally {
            stop(daemons);
        }
    }
}
