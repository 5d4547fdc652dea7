package dev.routerlab.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import dev.routerlab.packet.Ipv4;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.Udp;
import org.junit.jupiter.api.Test;

/**
 * `logging host` / `logging trap`: syslog (RFC 3164) over UDP 514 through the router's IP stack,
 * received by a UDP handler on the next router: IOS's `<PRI>N: ` before the line as logged.
 */
class SyslogTest {
    record Datagram(int src, int srcPort, int dstPort, String text) {}

    @Test
    void logLinesAtOrAboveTheTrapLevelGoToEachHost() {
        Net n = Net.greLab(dev.routerlab.link.WireOptions.DEFAULT);
        Net.Node r1 = n.get("R1"), r2 = n.get("R2");
        List<Datagram> got = new ArrayList<>();
        r2.router.ip().registerUdp(514, (in, b, off, len) -> {
            int hl = Ipv4.headerLength(b, off), u = off + hl;
            got.add(new Datagram(Ipv4.source(b, off), Udp.sourcePort(b, u), Udp.destinationPort(b, u),
                new String(b, u + Udp.HEADER_LEN, Udp.length(b, u) - Udp.HEADER_LEN, StandardCharsets.UTF_8)));
            return true;
        });
        r1.config("service timestamps log datetime msec", "logging host 10.12.0.2");
        r1.exec("ping 10.12.0.2");       // ARP
        n.run(1);
        got.clear();
        String console = r1.config("interface Loopback5", "shutdown") + r1.pending();
        n.run(1);
        console += r1.pending();
        // every line logged at informational or above (the default trap level) went, as logged, in order
        List<String> lines = console.lines().filter(l -> l.matches(".*%[A-Z0-9_]+-[0-6]-.*")).toList();
        assertEquals(lines, got.stream().map(x -> x.text().replaceAll("^<\\d+>\\d+: ", "")).toList());
        assertTrue(lines.size() >= 2, console);
        Datagram d = got.get(got.size() - 1);
        assertEquals("10.12.0.1", Ipv4Address.toString(d.src()), "the output interface's address");
        assertEquals(514, d.srcPort());
        assertEquals(514, d.dstPort());
        assertTrue(d.text().matches("<189>\\d+: \\*Mar  1 00:00:\\d\\d\\.\\d{3}: %SYS-5-CONFIG_I: Configured from console by console"),
            d.text());
        int first = Integer.parseInt(got.get(0).text().replaceAll("^<\\d+>(\\d+):.*", "$1"));
        int last = Integer.parseInt(d.text().replaceAll("^<\\d+>(\\d+):.*", "$1"));
        assertEquals(first + got.size() - 1, last, "the message count goes up by one a message");

        // `logging trap warnings`: notifications stay home; the source interface's address is used
        r1.config("logging trap warnings", "logging source-interface Loopback0");
        got.clear();
        r1.config("interface Loopback6");
        n.run(1);
        assertEquals(List.of(), got);
        r1.config("logging trap debugging");
        got.clear();
        r1.exec("debug ip ospf events");
        r1.config("interface Loopback7");
        n.run(1);
        assertTrue(got.stream().allMatch(x -> Ipv4Address.toString(x.src()).equals("1.1.1.1")), got.toString());
        assertTrue(got.stream().anyMatch(x -> x.text().contains("%SYS-5-CONFIG_I")), got.toString());
        String run = r1.exec("show running-config | include ^logging");
        assertEquals("logging trap debugging\nlogging source-interface Loopback0\nlogging host 10.12.0.2\n", run);
        String log = r1.exec("show logging");
        assertTrue(log.contains("    Trap logging: level debugging, "), log);
        assertTrue(log.contains("        Logging to 10.12.0.2  (udp port 514, audit disabled,\n              link up),\n"), log);
    }

    /** `logging host A vrf V`: the server is reached through the VRF's table, not the global one. */
    @Test
    void aHostInAVrfIsReachedThroughThatVrfsTable() {
        Net n = new Net();
        Net.Node r1 = n.router("R1"), r2 = n.router("R2");
        n.wire(r1, "Gi0/1", r2, "Gi0/0");
        r1.config("vrf definition MGMT", "address-family ipv4", "exit-address-family",
            "interface GigabitEthernet0/1", "vrf forwarding MGMT", "ip address 10.99.0.1 255.255.255.0", "no shutdown");
        r2.config("interface GigabitEthernet0/0", "ip address 10.99.0.2 255.255.255.0", "no shutdown");
        List<String> got = new ArrayList<>();
        r2.router.ip().registerUdp(514, (in, b, off, len) -> {
            int u = off + Ipv4.headerLength(b, off);
            got.add(Ipv4Address.toString(Ipv4.source(b, off)) + " "
                + new String(b, u + Udp.HEADER_LEN, Udp.length(b, u) - Udp.HEADER_LEN, StandardCharsets.UTF_8));
            return true;
        });
        r1.exec("ping vrf MGMT 10.99.0.2");       // ARP in the VRF
        n.run(1);
        // the global table has no route to 10.99.0.2: a host without `vrf` gets nothing
        r1.config("logging host 10.99.0.2");
        got.clear();
        r1.config("interface Loopback1");
        n.run(1);
        assertEquals(List.of(), got);
        r1.config("no logging host 10.99.0.2", "logging host 10.99.0.2 vrf MGMT");
        got.clear();
        r1.config("interface Loopback2");
        n.run(1);
        assertTrue(got.stream().anyMatch(x -> x.startsWith("10.99.0.1 <189>") && x.contains("%SYS-5-CONFIG_I")), got.toString());
        assertEquals("logging host 10.99.0.2 vrf MGMT\n", r1.exec("show running-config | include ^logging host"));
        String log = r1.exec("show logging");
        assertTrue(log.contains("        Logging to 10.99.0.2  (MGMT) (udp port 514, audit disabled,\n"), log);
        // the same address in the global table is another host; `no ... vrf` removes only its own
        r1.config("logging host 10.99.0.2", "no logging host 10.99.0.2 vrf MGMT");
        assertEquals("logging host 10.99.0.2\n", r1.exec("show running-config | include ^logging host"));
    }
}
