package dev.routerlab.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.TestRouter;
import org.junit.jupiter.api.Test;

/** One router: ping to itself and to nowhere, abbreviations, logging configuration, show logging. */
class IpCommandsTest {
    private final TestRouter r = new TestRouter();

    private void config(String... lines) {
        r.exec("configure terminal");
        for (String l : lines) r.exec(l);
        r.exec("end");
    }

    @Test
    void showInterfacesNull0PrintsIosBlock() {
        String out = r.exec("show interfaces Null0");
        assertTrue(out.startsWith("""
            Null0 is up, line protocol is up\s
              Hardware is Unknown
              MTU 1500 bytes, BW 10000000 Kbit/sec, DLY 0 usec,\s
                 reliability 255/255, txload 1/255, rxload 1/255
              Encapsulation ARPA, loopback not set
            """), out);
        assertTrue(out.endsWith("     0 output buffer failures, 0 output buffers swapped out\n"), out);
        assertFalse(r.exec("show interfaces").contains("Null0"), "the full list leaves Null0 out, as the interface tables do");
    }

    @Test
    void pingItselfNowhereAndWithAbbreviatedOptions() {
        config("interface Loopback0", "ip address 1.1.1.1 255.255.255.255",
            "interface GigabitEthernet0/1", "ip address 10.0.0.1 255.255.255.0", "no shutdown");
        assertEquals("""
            Type escape sequence to abort.
            Sending 5, 100-byte ICMP Echos to 1.1.1.1, timeout is 2 seconds:
            !!!!!
            Success rate is 100 percent (5/5), round-trip min/avg/max = 0/0/0 ms
            """, r.exec("ping 1.1.1.1"));
        long t0 = r.clock.nanos();
        assertEquals("""
            Type escape sequence to abort.
            Sending 3, 200-byte ICMP Echos to 8.8.8.8, timeout is 1 seconds:
            Packet sent with a source address of 1.1.1.1
            Packet sent with the DF bit set
            ...
            Success rate is 0 percent (0/3)
            """, r.exec("ping 8.8.8.8 rep 3 si 200 so lo0 df ti 1"));
        assertEquals(3_000_000_000L, r.clock.nanos() - t0, "three 1-second timeouts of virtual time");
        // nobody answers on Gi0/1's wire-less port: ARP goes unanswered
        assertTrue(r.exec("ping 10.0.0.2 repeat 72").contains("""
            ......................................................................
            ..
            Success rate is 0 percent (0/72)
            """), "IOS wraps the marks at 70 columns");
        String arp = r.exec("show ip arp");
        assertTrue(arp.contains("Internet  10.0.0.2                0   Incomplete      ARPA\n"), arp);
        assertTrue(r.exec("ping 9.9.9.9 source Loopback7").startsWith("% Invalid source interface"));
        assertTrue(r.exec("ping ?").contains("A.B.C.D"));
    }

    @Test
    void theEscapeSequenceStopsPingWithItsSummaryAndTraceroute() {
        config("interface GigabitEthernet0/1", "ip address 10.0.0.1 255.255.255.0", "no shutdown");
        StringBuilder out = new StringBuilder();
        r.session.swapTerminal(out::append);
        r.session.type("ping 10.0.0.2 repeat 1000");
        r.clock.advance(7_000_000_000L);   // three 2-second timeouts, the fourth echo outstanding
        assertTrue(r.session.busy());
        r.session.abort();
        assertFalse(r.session.busy());
        assertTrue(out.toString().endsWith("\n...\nSuccess rate is 0 percent (0/3)\n"), out.toString());
        out.setLength(0);
        r.session.type("traceroute 10.0.0.2 timeout 1");
        r.clock.advance(1_500_000_000L);
        r.session.abort();
        assertTrue(out.toString().matches("(?s).*\n  1 +\\* *\n"), "the hop's line ends: " + out);
        String stopped = out.toString();
        r.clock.advance(10_000_000_000L);
        assertEquals(stopped, out.toString(), "nothing after the abort");
    }

    @Test
    void loggingConsoleAndBuffered() {
        config("interface Loopback1");
        assertTrue(r.exec("show logging").contains("%LINEPROTO-5-UPDOWN: Line protocol on Interface Loopback1, changed state to up"));
        r.exec("configure terminal");
        r.exec("no logging console");
        String out = r.exec("interface Loopback2");
        r.exec("end");
        assertFalse(out.contains("LINEPROTO"), "console logging off: " + out);
        String log = r.exec("show logging");
        assertTrue(log.contains("    Console logging: disabled\n"), log);
        assertTrue(log.contains("Interface Loopback2, changed state to up"), "still buffered: " + log);
        config("logging console warnings", "logging buffered 8192 informational");
        assertTrue(r.running().contains("logging buffered 8192 informational\nlogging console warnings\n"), r.running());
        assertTrue(r.exec("show logging").contains("Log Buffer (8192 bytes):"));
        config("no logging buffered", "default logging console");
        assertTrue(r.running().contains("no logging buffered\n"));
        assertFalse(r.running().contains("logging console"));
        r.exec("configure terminal");
        assertTrue(r.exec("interface Loopback3").contains("Loopback3, changed state to up"), "default console level again");
        r.exec("end");
    }

    @Test
    void showInterfacesCountsLiveAndClearsOneInterface() {
        config("interface Loopback0", "ip address 1.1.1.1 255.255.255.255");
        r.exec("ping 1.1.1.1");
        String s = r.exec("show interfaces Loopback0");
        assertTrue(s.startsWith("Loopback0 is up, line protocol is up \n  Hardware is Loopback\n  Internet address is 1.1.1.1/32\n"
            + "  MTU 1514 bytes, BW 8000000 Kbit/sec, DLY 5000 usec, \n"), s);
        String c = r.answer("y").exec("clear counters Loopback0");
        assertTrue(c.startsWith("Clear \"show interface\" counters on this interface [confirm]\n"), c);
        assertTrue(c.contains("%CLEAR-5-COUNTERS: Clear counter on interface Loopback0 by console"), c);
        r.answer("n").exec("clear counters");
        assertFalse(r.exec("show logging").contains("all interfaces"), "declined");
        assertTrue(r.exec("show ip interface brief").contains("Loopback0                  1.1.1.1         YES manual up                    up"));
    }
}
