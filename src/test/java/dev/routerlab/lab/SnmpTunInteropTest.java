package dev.routerlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.routerlab.Interop;
import org.junit.jupiter.api.Test;

/**
 * Root only. net-snmp against the router's agent through a TUN (labs/nat-pat's R1, its Gi0/2
 * 192.168.2.1 bound to a TUN in a namespace holding 192.168.2.10): snmpget, snmpwalk (v1 and
 * v2c), snmpbulkwalk over ifTable/ifXTable/ipAddrTable, snmpset with the RW community, a RO
 * community's Set and an unknown community dropped (timeouts) and counted in `show snmp`;
 * snmptrapd receives the v2c linkUp/linkDown traps; tshark dissects every SNMP packet without
 * a malformed or warning mark.
 */
class SnmpTunInteropTest {
    static final String R1 = "192.168.2.1";
    static final String SYS = ".1.3.6.1.2.1.1.", IF = ".1.3.6.1.2.1.2.2.1.", IFX = ".1.3.6.1.2.1.31.1.1.1.";

    @Test
    void netSnmpWalksTheRoutersMib() throws Exception {
        String why = Netns.unavailable();
        if (why == null && Netns.tool("snmpwalk") == null) why = "net-snmp's tools (package snmp) are not installed";
        if (why == null && Netns.tool("snmptrapd") == null) why = "snmptrapd (package snmptrapd) is not installed";
        if (why != null) Interop.skip("SnmpTunInteropTest: " + why);

        Topology base = Topology.load(Path.of("labs/nat-pat"));
        long pid = ProcessHandle.current().pid() % 100000;
        String dev = "rlsn" + pid;
        Topology t = new Topology(base.name(), base.dir(), base.nodes(), base.links(),
            Map.of(Topology.endpoint("R1:GigabitEthernet0/2"), dev), Map.of());
        Path dir = Files.createTempDirectory("rlsnmp");
        try (Netns n = new Netns()) {
            String host = n.create("rlsnh");
            try (Lab lab = Lab.boot(t, new Lab.Options())) {
                assertEquals(List.of(), lab.bootErrors());
                Netns.run(List.of("ip", "link", "set", dev, "netns", host));
                Netns.exec(host, "ip", "addr", "add", "192.168.2.10/24", "dev", dev);
                Netns.exec(host, "ip", "link", "set", dev, "up");
                Thread.sleep(1200);   // a new TUN may drop what is written to it at first
                Process capture = null;
                Path pcap = dir.resolve("snmp.pcap");
                if (Netns.tool("tshark") != null) {
                    capture = new ProcessBuilder("ip", "netns", "exec", host, "tshark", "-q", "-i", dev, "-w", pcap.toString(),
                        "-f", "udp port 161 or udp port 162").redirectErrorStream(true).start();
                    Thread.sleep(2000);
                }
                Path conf = dir.resolve("snmptrapd.conf");
                Files.writeString(conf, "authCommunity log traps\n");
                Process trapd = new ProcessBuilder("ip", "netns", "exec", host, "snmptrapd", "-m", "", "-f", "-n", "-C", "-c", conf.toString(),
                    "-Lo", "-On", "192.168.2.10:162").redirectErrorStream(true).start();
                StringBuffer trapOut = new StringBuffer();
                Thread reader = new Thread(() -> {
                    try (var r = new java.io.BufferedReader(new java.io.InputStreamReader(trapd.getInputStream()))) {
                        for (String l; (l = r.readLine()) != null; ) trapOut.append(l).append('\n');
                    } catch (java.io.IOException e) {
                        // ended
                    }
                });
                reader.start();
                Thread.sleep(1000);

                config(lab, "snmp-server community public RO", "snmp-server community private RW 1",
                    "snmp-server location Lab 1", "snmp-server contact noc@example.net",
                    "snmp-server enable traps snmp linkdown linkup coldstart",
                    "snmp-server host 192.168.2.10 version 2c traps");

                String sys = snmp(host, "snmpget", "-v2c", "-c", "public", R1, SYS + "1.0", SYS + "5.0", SYS + "6.0", SYS + "2.0", SYS + "3.0");
                assertTrue(sys.contains(SYS + "1.0 = STRING: \"Cisco IOS Software, IOSv Software (VIOS-ADVENTERPRISEK9-M), Version 15.8(3)M2"), sys);
                assertTrue(sys.contains(SYS + "5.0 = STRING: \"R1\"\n"), sys);
                assertTrue(sys.contains(SYS + "6.0 = STRING: \"Lab 1\"\n"), sys);
                assertTrue(sys.contains(SYS + "2.0 = OID: .1.3.6.1.4.1.9.1.1041\n"), sys);
                assertTrue(sys.matches("(?s).*\\.1\\.3\\.0 = Timeticks: \\(\\d+\\).*"), sys);

                String v1 = snmp(host, "snmpwalk", "-v1", "-c", "public", R1, ".1.3.6.1.2.1.1");
                assertTrue(v1.contains(SYS + "4.0 = STRING: \"noc@example.net\""), v1);
                assertTrue(v1.contains(SYS + "7.0 = INTEGER: 78"), v1);

                String descr = snmp(host, "snmpwalk", "-v2c", "-c", "public", R1, IF + "2");
                assertTrue(descr.startsWith(IF + "2.1 = STRING: \"GigabitEthernet0/0\"\n" + IF + "2.2 = STRING: \"GigabitEthernet0/1\"\n"), descr);
                assertTrue(descr.contains("STRING: \"Null0\""), descr);

                String table = snmp(host, "snmpbulkwalk", "-v2c", "-Cr25", "-c", "public", R1, ".1.3.6.1.2.1.2.2");
                assertTrue(table.contains(IF + "8.3 = INTEGER: 1\n"), table);
                assertTrue(table.contains(IF + "3.1 = INTEGER: 6\n"), table);
                assertTrue(table.matches("(?s).*\\.1\\.3\\.6\\.1\\.2\\.1\\.2\\.2\\.1\\.10\\.3 = Counter32: [1-9]\\d*\n.*"), table);
                String x = snmp(host, "snmpbulkwalk", "-v2c", "-c", "public", R1, ".1.3.6.1.2.1.31.1.1");
                assertTrue(x.contains(IFX + "1.3 = STRING: \"Gi0/2\""), x);
                assertTrue(x.contains(IFX + "18.3 = STRING: \"inside LAN for a real host (TUN)\""), x);
                assertTrue(x.matches("(?s).*\\.1\\.3\\.6\\.1\\.2\\.1\\.31\\.1\\.1\\.1\\.6\\.3 = Counter64: [1-9]\\d*\n.*"), x);
                assertTrue(x.contains(IFX + "15.1 = Gauge32: 1000\n"), x);
                String addrs = snmp(host, "snmpbulkwalk", "-v2c", "-c", "public", R1, ".1.3.6.1.2.1.4.20.1.2");
                assertTrue(addrs.contains(".1.3.6.1.2.1.4.20.1.2.192.168.2.1 = INTEGER: 3\n"), addrs);

                String set = snmp(host, "snmpset", "-v2c", "-c", "private", R1, SYS + "6.0", "s", "Rack 9");
                assertTrue(set.contains(SYS + "6.0 = STRING: \"Rack 9\""), set);
                Netns.Result notWritable = Netns.tryRun(tool(host, "snmpset", "-v2c", "-c", "private", R1, SYS + "1.0", "s", "x"), 30);
                assertTrue(notWritable.output().contains("notWritable"), notWritable.output());
                Netns.Result ro = Netns.tryRun(tool(host, "snmpset", "-v2c", "-r0", "-t1", "-c", "public", R1, SYS + "6.0", "s", "nope"), 30);
                assertTrue(ro.output().contains("Timeout"), ro.output());
                Netns.Result bad = Netns.tryRun(tool(host, "snmpget", "-v2c", "-r0", "-t1", "-c", "wrong", R1, SYS + "5.0"), 30);
                assertTrue(bad.output().contains("Timeout"), bad.output());

                config(lab, "interface Loopback9", "shutdown");
                config(lab, "interface Loopback9", "no shutdown");
                Thread.sleep(1500);
                String show = exec(lab, "show snmp");
                System.out.println(show);
                assertTrue(show.contains("Location: Rack 9\n"), show);
                assertTrue(show.contains("    1 Unknown community name\n"), show);
                assertTrue(show.contains("    1 Illegal operation for community name supplied\n"), show);
                assertTrue(show.contains("    1 Number of altered variables\n"), show);
                assertTrue(exec(lab, "show running-config | include location").contains("snmp-server location Rack 9"));

                for (int i = 0; i < 100 && !trapOut.toString().contains("STRING: \"up\""); i++) Thread.sleep(100);
                trapd.destroy();
                trapd.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
                String traps = trapOut.toString();
                System.out.println(traps);
                // linkDown as Loopback9 was shut, linkUp as it came back
                assertTrue(traps.contains(".1.3.6.1.6.3.1.1.4.1.0 = OID: .1.3.6.1.6.3.1.1.5.4"), traps);
                assertTrue(traps.contains(".1.3.6.1.6.3.1.1.4.1.0 = OID: .1.3.6.1.6.3.1.1.5.3"), traps);
                assertTrue(traps.contains("STRING: \"administratively down\""), traps);
                assertTrue(traps.contains(".1.3.6.1.4.1.9.2.2.1.1.20.6 = STRING: \"up\""), traps);
                assertTrue(traps.contains("STRING: \"Loopback9\""), traps);

                if (capture != null) {
                    Thread.sleep(1000);
                    capture.destroy();
                    capture.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
                    Netns.Result all = Netns.tryRun(List.of("tshark", "-r", pcap.toString(), "-Y", "snmp", "-T", "fields",
                        "-e", "frame.number"), 60);
                    long packets = all.output().lines().filter(l -> !l.isBlank()).count();
                    assertTrue(packets > 20, all.output());
                    Netns.Result warn = Netns.tryRun(List.of("tshark", "-r", pcap.toString(), "-Y",
                        "_ws.malformed || _ws.expert.severity >= 6291456", "-T", "fields", "-e", "frame.number", "-e", "_ws.expert.message"), 60);
                    assertEquals(0, warn.exit(), warn.output());
                    assertEquals("", warn.output().lines().filter(l -> !l.startsWith("Running as user")).collect(java.util.stream.Collectors.joining("\n")),
                        "no malformed packet or warning");
                    Netns.Result trapsSeen = Netns.tryRun(List.of("tshark", "-r", pcap.toString(), "-Y", "snmp.snmpV2_trap_element",
                        "-T", "fields", "-e", "snmp.value.oid"), 60);
                    assertTrue(trapsSeen.output().contains("1.3.6.1.6.3.1.1.5.3"), trapsSeen.output());
                } else {
                    System.out.println("SnmpTunInteropTest: tshark not installed, dissection not checked");
                }
            }
        }
    }

    /** A net-snmp tool in the host's namespace, numeric timeouts short; fails on a non-zero exit. */
    private static String snmp(String ns, String... cmd) throws java.io.IOException {
        List<String> c = new ArrayList<>(List.of(cmd));
        c.addAll(1, List.of("-t", "2", "-r", "1"));
        return Netns.run(tool(ns, c.toArray(new String[0])));
    }

    /** A net-snmp tool in a namespace: no MIB modules (Debian ships none), numeric OIDs out. */
    private static List<String> tool(String ns, String... cmd) {
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", ns, cmd[0], "-m", "", "-On"));
        c.addAll(List.of(cmd).subList(1, cmd.length));
        return c;
    }

    /** Configuration lines in a console session of R1. */
    private static void config(Lab lab, String... lines) {
        List<String> all = new ArrayList<>();
        all.add("configure terminal");
        all.addAll(List.of(lines));
        all.add("end");
        session(lab, all);
    }

    private static String exec(Lab lab, String line) { return session(lab, List.of(line)); }

    private static String session(Lab lab, List<String> lines) {
        StringBuilder out = new StringBuilder();
        dev.routerlab.cli.Terminal term = text -> {
            synchronized (out) {
                out.append(text);
            }
        };
        var s = lab.call(() -> dev.routerlab.device.cli.Shell.of(lab.router("R1")).session(term, "con 0", null, null, 15));
        for (String cmd : lines) {
            lab.exec(() -> s.type(cmd));
            s.awaitIdle();
        }
        synchronized (out) {
            return out.toString();
        }
    }
}
