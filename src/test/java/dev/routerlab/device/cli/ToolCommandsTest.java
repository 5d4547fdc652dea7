package dev.routerlab.device.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.TestRouter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The commands Netmiko, Ansible cisco.ios and students send that the router used to refuse. */
class ToolCommandsTest {
    private final TestRouter r = new TestRouter();

    @BeforeEach
    void setUp() {
        r.exec("enable");
        r.execAll("configure terminal", "interface Loopback0", "ip address 1.1.1.1 255.255.255.255",
            "interface GigabitEthernet0/1", "ip address 10.0.0.1 255.255.255.0", "no shutdown", "end");
    }

    @Test
    void interfaceMtuSpeedDuplex() {
        r.execAll("configure terminal", "interface GigabitEthernet0/1", "mtu 1400", "speed 100", "duplex full", "end");
        assertTrue(r.running().contains("interface GigabitEthernet0/1\n mtu 1400\n ip address 10.0.0.1 255.255.255.0\n duplex full\n speed 100\n"),
            r.running());
        String sh = r.exec("show interfaces GigabitEthernet0/1");
        assertTrue(sh.contains("  MTU 1400 bytes, BW 100000 Kbit/sec, DLY 10 usec, \n"), sh);
        assertTrue(sh.contains("  Full Duplex, 100Mbps, link type is force-up, media type is RJ45\n"), sh);
        assertTrue(r.exec("show ip interface GigabitEthernet0/1").contains("  MTU is 1400 bytes\n"));
        // the IP MTU follows: a 1450-byte DF ping cannot leave
        assertTrue(r.exec("ping 10.0.0.9 size 1450 df-bit repeat 1 timeout 1").contains("\nM\n"));
        r.execAll("configure terminal", "interface GigabitEthernet0/1", "no mtu", "speed auto", "no duplex", "end");
        assertTrue(r.running().contains("interface GigabitEthernet0/1\n ip address 10.0.0.1 255.255.255.0\n!"), r.running());
        assertTrue(r.exec("show interfaces GigabitEthernet0/1").contains("  Auto Duplex, Auto Speed, link type is auto, media type is RJ45\n"));
        r.execAll("configure terminal", "interface GigabitEthernet0/1");
        assertTrue(r.exec("speed 12").contains("% Invalid input detected at '^' marker."));
        r.execAll("interface Loopback0");
        assertTrue(r.exec("duplex full").contains("% Invalid input detected at '^' marker."));
        r.exec("end");
    }

    @Test
    void staticRouteOptions() {
        r.execAll("configure terminal", "ip route 10.9.0.0 255.255.0.0 10.0.0.2 200 tag 5 name backup permanent",
            "ip route 10.8.0.0 255.255.0.0 10.0.0.2 track 1", "ip route 10.7.0.0 255.255.0.0 GigabitEthernet0/2 permanent");
        assertEquals("% Permanent and track options are mutually exclusive\n",
            r.exec("ip route 10.6.0.0 255.255.0.0 10.0.0.2 permanent track 1"));
        r.exec("end");
        String run = r.running();
        assertTrue(run.contains("ip route 10.7.0.0 255.255.0.0 GigabitEthernet0/2 permanent\n"
            + "ip route 10.8.0.0 255.255.0.0 10.0.0.2 track 1\n"
            + "ip route 10.9.0.0 255.255.0.0 10.0.0.2 200 tag 5 permanent name backup\n"), run);
        String routes = r.exec("show ip route static");
        assertTrue(routes.contains("S        10.9.0.0 [200/0] via 10.0.0.2\n"), routes);
        assertTrue(routes.contains("S        10.7.0.0 is directly connected, GigabitEthernet0/2\n"), "permanent: Gi0/2 is down: " + routes);
        assertTrue(!routes.contains("10.8.0.0"), "no track object 1: the tracked route stays out: " + routes);
    }

    @Test
    void staticRouteToNull0() {
        r.execAll("configure terminal", "vrf definition X", "address-family ipv4", "exit", "exit",
            "ip route 10.9.0.0 255.255.0.0 Null0", "ip route vrf X 10.7.0.0 255.255.0.0 Null0");
        assertTrue(r.exec("ip route 10.8.0.0 255.255.0.0 Null1").contains("% Invalid input detected at '^' marker."));
        r.exec("end");
        String run = r.running();
        assertTrue(run.contains("ip route 10.9.0.0 255.255.0.0 Null0\nip route vrf X 10.7.0.0 255.255.0.0 Null0\n"), run);
        assertTrue(r.exec("show ip route static").contains("S        10.9.0.0 is directly connected, Null0\n"));
        assertTrue(r.exec("show ip route vrf X static").contains("S        10.7.0.0 is directly connected, Null0\n"),
            "Null0 serves every table");
        assertTrue(r.exec("ping 10.9.1.1 repeat 2").contains("Success rate is 0 percent (0/2)"), "discarded");
    }

    @Test
    void pingAndTracerouteForms() {
        assertTrue(r.exec("ping ip 1.1.1.1 repeat 2").contains("Sending 2, 100-byte ICMP Echos to 1.1.1.1, timeout is 2 seconds:\n!!\n"));
        assertTrue(r.exec("traceroute 1.1.1.1 numeric").startsWith("Type escape sequence to abort.\nTracing the route to 1.1.1.1\n"));
        r.answer("").answer("1.1.1.1").answer("2").answer("").answer("1").answer("y").answer("").answer("Loopback0")
         .answer("").answer("").answer("yes").answer("").answer("").answer("").answer("");
        assertEquals("""
            Protocol [ip]:\s
            Target IP address:\s
            Repeat count [5]:\s
            Datagram size [100]:\s
            Timeout in seconds [2]:\s
            Extended commands [n]:\s
            Ingress ping [n]:\s
            Source address or interface:\s
            DSCP Value [0]:\s
            Type of service [0]:\s
            Set DF bit in IP header? [no]:\s
            Validate reply data? [no]:\s
            Data pattern [0x0000ABCD]:\s
            Loose, Strict, Record, Timestamp, Verbose[none]:\s
            Sweep range of sizes [n]:\s
            Type escape sequence to abort.
            Sending 2, 100-byte ICMP Echos to 1.1.1.1, timeout is 1 seconds:
            Packet sent with a source address of 1.1.1.1
            Packet sent with the DF bit set
            !!
            Success rate is 100 percent (2/2), round-trip min/avg/max = 0/0/0 ms
            """, r.exec("ping"));
        r.answer("10.0.0.300");
        assertEquals("Target IP address: \n% Bad IP address\n", r.exec("ping ip"));
        r.answer("ipx");
        assertEquals("Protocol [ip]: \n% Unknown protocol - \"ipx\", type \"ping ?\" for help\n", r.exec("ping"));
        r.answer("").answer("1.1.1.1");
        for (int i = 0; i < 8; i++) r.answer("");
        r.answer("33500").answer("");
        String t = r.exec("traceroute");
        assertTrue(t.contains("Port Number [33434]: \nLoose, Strict, Record, Timestamp, Verbose[none]: \n"
            + "Type escape sequence to abort.\nTracing the route to 1.1.1.1\n"), t);
        assertEquals("Protocol [ip]: \n", r.exec("traceroute"), "no answer (Ctrl-C) ends the dialog");
    }

    @Test
    void arpCountAndABareAddress() {
        r.exec("ping 10.0.0.2 repeat 1 timeout 1");
        assertEquals(r.exec("show ip arp"), r.exec("show arp"));
        assertTrue(r.exec("show arp").contains("Internet  10.0.0.2                0   Incomplete      ARPA\n"));
        assertEquals("Number of lines which match regexp = 2\n", r.exec("show running-config | count ip address [0-9]"));
        // nobody answers ARP for 10.0.0.2: the SYNs go unanswered (a router that listens is TelnetTest)
        assertEquals("Trying 10.0.0.2 ... \n% Connection timed out; remote host not responding\n\n", r.exec("10.0.0.2"));
        assertEquals("Trying 192.0.2.7 ... \n% Destination unreachable; gateway or host down\n\n", r.exec("192.0.2.7"));
    }

    @Test
    void platformShows() {
        String boardId = r.router.boardId();
        assertEquals("NAME: \"IOSv\", DESCR: \"IOSv chassis, Hw Serial#: " + boardId + ", Hw Revision: 1.0\"\n"
            + "PID: IOSv              , VID: 1.0, SN: " + boardId + "\n\n", r.exec("show inventory"));
        assertTrue(r.exec("show clock detail").endsWith(" UTC Mon Mar 1 1993\nNo time source\n"));
        assertEquals("Directory of flash0:/\n\nNo files in directory\n\n2142715904 bytes total (2142715904 bytes free)\n", r.exec("dir"));
        assertTrue(r.exec("dir flash:").startsWith("Directory of flash:/\n"));
        assertTrue(!r.exec("dir nvram:").contains("startup-config"));
        r.exec("write memory");
        int size = r.exec("show startup-config").length();
        String nv = r.exec("dir nvram:");
        assertTrue(nv.matches("(?s)Directory of nvram:/\n\n  253  -rw- +\\d+                    <no date>  startup-config\n.*"), nv);
        assertTrue(size > 0);
        assertEquals("-#- --length-- -----date/time------ path\n\n2142715904 bytes available (0 bytes used)\n", r.exec("show flash:"));
        String mem = r.exec("show memory statistics");
        assertTrue(mem.matches("(?s) +Head +Total\\(b\\) +Used\\(b\\) +Free\\(b\\) +Lowest\\(b\\) +Largest\\(b\\)\n"
            + "Processor +EF4D0A28 +471180288 +\\d+ +\\d+ .*"), mem);
        r.exec("ping 10.0.0.2 repeat 2 timeout 1");
        String cpu = r.exec("show processes cpu");
        assertTrue(cpu.matches("CPU utilization for five seconds: \\d+%/\\d+%; one minute: \\d+%; five minutes: \\d+%\n"
            + " PID Runtime\\(ms\\)     Invoked      uSecs   5Sec   1Min   5Min TTY Process \n"
            + "(?s)   1 +\\d+ +[1-9]\\d* +\\d+ +\\d+\\.\\d\\d% +\\d+\\.\\d\\d% +\\d+\\.\\d\\d%   0 IP Input        \n.*"), cpu);
        // the ping's probes ran as the Exec process's timers
        assertTrue(cpu.matches("(?s).*\n +\\d+ +\\d+ +[1-9]\\d* +\\d+ .*   0 Exec            \n.*"), cpu);
        assertEquals(cpu.lines().count(), r.exec("show processes cpu sorted").lines().count());
        String ps = r.exec("show processes");
        assertEquals(cpu.lines().findFirst(), ps.lines().findFirst());
        assertTrue(ps.matches("(?s)CPU utilization[^\n]*\n PID QTy       PC Runtime\\(ms\\)    Invoked   uSecs    Stacks TTY Process\n"
            + "   1 Mwe 6[0-9A-F]{7} +\\d+ +[1-9]\\d* +\\d+ 5560/6000   0 IP Input\n.*"), ps);
        assertTrue(ps.matches("(?s).*\n +\\d+ M\\*  6[0-9A-F]{7} +\\d+ +\\d+ +\\d+ 4680/6000   0 Exec\n.*"), ps);
        String pm = r.exec("show processes memory");
        assertTrue(pm.matches("Processor Pool Total:  471180288 Used: +\\d+ Free: +\\d+\n"
            + "      I/O Pool Total:   63963136 Used: +\\d+ Free: +\\d+\n\n"
            + " PID TTY  Allocated      Freed    Holding    Getbufs    Retbufs Process\n"
            + "   0   0 +\\d+          0 +\\d+          0          0 \\*Init\\*          \n"
            + "   1   0 +\\d+ +\\d+          0          0          0 IP Input        \n(?s).*\n +\\d+ Total\n"), pm);
        assertEquals(pm.lines().count(), r.exec("show processes memory sorted").lines().count());
    }

    /** flash0: holds what is copied to it: dir, show flash:, verify /md5, copy back, delete. */
    @Test
    void flashFiles() throws Exception {
        String running = r.running();
        r.answer("");
        assertEquals("Destination filename [backup.cfg]? \n" + running.length() + " bytes copied in 0.010 secs ("
            + running.length() * 100 + " bytes/sec)\n", r.exec("copy running-config flash:backup.cfg"));
        String dir = r.exec("dir flash0:");
        assertEquals("Directory of flash0:/\n\n    1  -rw-" + String.format("%12d", running.length())
            + "  Mar  1 1993 00:00:00 +00:00  backup.cfg\n\n2142715904 bytes total (" + (2142715904 - running.length())
            + " bytes free)\n", dir);
        assertTrue(r.exec("dir flash0:/backup.cfg").startsWith("Directory of flash0:/backup.cfg\n\n    1  -rw-"));
        assertEquals("%Error opening flash0:/nope (No such file or directory)\n", r.exec("dir flash0:/nope"));
        assertEquals("1   " + String.format("%10d", running.length()) + " Mar  1 1993 00:00:00 +00:00 backup.cfg\n",
            r.exec("show flash:").lines().skip(1).findFirst().orElse("") + "\n");
        String md5 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
            .digest(running.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals(".MD5 of flash0:/backup.cfg Done!\nverify /md5 (flash0:/backup.cfg) = " + md5 + "\n",
            r.exec("verify /md5 flash0:/backup.cfg"));
        assertEquals(md5, java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
            .digest(r.router.nvram().flash().read("backup.cfg"))));
        // copied into running-config, the file merges: what was configured since stays
        r.execAll("configure terminal", "interface Loopback9", "ip address 9.9.9.9 255.255.255.255", "end");
        r.answer("");
        assertTrue(r.exec("copy flash0:/backup.cfg running-config").startsWith("Destination filename [running-config]? \n"));
        assertTrue(r.running().contains("interface Loopback9\n"), "merged, not replaced");
        assertEquals("%Error opening flash0:/nope (No such file or directory)\n", r.answer("").exec("copy flash:nope running-config")
            .lines().skip(1).findFirst().orElse("") + "\n");
        assertEquals("%Error opening tftp://1.2.3.4/x (No such device)\n", r.exec("copy tftp://1.2.3.4/x flash:"));
        r.answer("").answer("");
        assertEquals("Delete filename [backup.cfg]? \nDelete flash0:/backup.cfg? [confirm]\n", r.exec("delete flash:backup.cfg"));
        assertEquals(null, r.router.nvram().flash().read("backup.cfg"));
        assertTrue(r.exec("dir").contains("No files in directory"));
    }

    /** With `--nvram DIR`, flash0: is DIR/flash: files there are what `dir` lists, and survive. */
    @Test
    void flashInTheNvramDirectory(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        dev.routerlab.device.Nvram nv = dev.routerlab.device.Nvram.directory(tmp);
        java.nio.file.Files.createDirectories(tmp.resolve("flash"));
        java.nio.file.Files.writeString(tmp.resolve("flash/notes.txt"), "hello\n");
        TestRouter t = new TestRouter(nv);
        t.exec("enable");
        String dir = t.exec("dir");
        assertTrue(dir.contains("  -rw-           6  ") && dir.endsWith("  notes.txt\n\n2142715904 bytes total (2142715898 bytes free)\n"), dir);
        t.answer("");
        t.exec("copy running-config flash:r.cfg");
        assertEquals(t.running(), java.nio.file.Files.readString(tmp.resolve("flash/r.cfg")));
        assertEquals(java.util.List.of("notes.txt", "r.cfg"),
            dev.routerlab.device.Nvram.directory(tmp).flash().list().stream().map(dev.routerlab.device.Flash.Entry::name).toList());
    }
}
