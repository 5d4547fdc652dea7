package dev.routerlab.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import dev.routerlab.TestRouter;
import org.junit.jupiter.api.Test;

class AclConfigTest {
    private static TestRouter configured() {
        TestRouter r = new TestRouter();
        r.exec("configure terminal");
        return r;
    }

    /** The ACL lines of a rendering: from the first ACL line to `line con 0`. */
    private static String aclSection(String running) {
        int from = running.indexOf("\nip access-list ");
        int numbered = running.indexOf("\naccess-list ");
        if (from < 0 || (numbered >= 0 && numbered < from)) from = numbered;
        return from < 0 ? "" : running.substring(from + 1, running.indexOf("line con 0"));
    }

    /** The IOS caret error for a line typed at `Router(config)#`, the caret after `before`. */
    static String invalidAfter(String before) {
        return " ".repeat("Router(config)#".length() + before.length()) + "^\n% Invalid input detected at '^' marker.\n\n";
    }

    @Test
    void numberedAndNamedListsRoundTripInIosForm() {
        String out = RoundTrip.check("""
            access-list 10 remark management hosts
            access-list 10 permit 192.168.1.7 0.0.0.255
            access-list 10 permit host 1.1.1.1
            access-list 10 permit 2.2.2.2
            access-list 10 deny 0.0.0.0 255.255.255.255 log
            access-list 101 permit ip host 1.1.1.1 host 3.3.3.3
            access-list 101 permit tcp any host 10.0.0.1 eq 80
            access-list 101 permit tcp any eq 1024 any range 20 21 established
            access-list 101 permit udp any any eq 500
            access-list 101 permit udp 10.0.0.0 0.0.0.255 gt 1023 any neq domain
            access-list 101 permit icmp any any echo-rep
            access-list 101 permit 47 any any
            access-list 101 permit esp any any
            access-list 101 permit ospf any any
            access-list 101 deny ip any any log
            ip access-list extended VPN
             remark site to site
             permit ip 10.1.1.0 0.0.0.255 10.2.2.0 0.0.0.255
             deny ip any any
            ip access-list standard MGMT
             permit 10.0.0.0 0.255.255.255
             deny any
            """);
        assertEquals("""
            ip access-list extended VPN
             remark site to site
             permit ip 10.1.1.0 0.0.0.255 10.2.2.0 0.0.0.255
             deny   ip any any
            ip access-list standard MGMT
             permit 10.0.0.0 0.255.255.255
             deny   any
            !
            access-list 10 remark management hosts
            access-list 10 permit 192.168.1.0 0.0.0.255
            access-list 10 permit 1.1.1.1
            access-list 10 permit 2.2.2.2
            access-list 10 deny   any log
            access-list 101 permit ip host 1.1.1.1 host 3.3.3.3
            access-list 101 permit tcp any host 10.0.0.1 eq www
            access-list 101 permit tcp any eq 1024 any range ftp-data ftp established
            access-list 101 permit udp any any eq isakmp
            access-list 101 permit udp 10.0.0.0 0.0.0.255 gt 1023 any neq domain
            access-list 101 permit icmp any any echo-reply
            access-list 101 permit gre any any
            access-list 101 permit esp any any
            access-list 101 permit ospf any any
            access-list 101 deny   ip any any log
            !
            """, aclSection(out));
    }

    @Test
    void showAccessListsInIosLayout() {
        TestRouter r = configured();
        r.execAll("access-list 10 permit 192.168.1.0 0.0.0.255", "access-list 10 permit host 10.1.1.1",
            "access-list 10 deny any", "access-list 101 remark not shown",
            "access-list 101 permit ip host 1.1.1.1 host 3.3.3.3", "access-list 101 deny ip any any",
            "ip access-list extended WEB", "permit tcp any any eq www", "end");
        dev.routerlab.acl.cli.AclCommands.counters(r.router).add("101", 10, 12);
        dev.routerlab.acl.cli.AclCommands.counters(r.router).hit("WEB", 10);
        assertEquals("""
            Standard IP access list 10
                10 permit 192.168.1.0, wildcard bits 0.0.0.255
                20 permit 10.1.1.1
                30 deny   any
            Extended IP access list 101
                10 permit ip host 1.1.1.1 host 3.3.3.3 (12 matches)
                20 deny ip any any
            Extended IP access list WEB
                10 permit tcp any any eq www (1 match)
            """, r.exec("show access-lists"));
        // removing the list forgets its counters
        r.execAll("conf t", "no access-list 101", "access-list 101 permit ip any any", "end");
        assertEquals(0, dev.routerlab.acl.cli.AclCommands.counters(r.router).matches("101", 10));
    }

    @Test
    void wrongFormForTheNumberIsAnError() {
        TestRouter r = configured();
        assertEquals(invalidAfter("access-list 10 permit "), r.exec("access-list 10 permit ip any any"));
        // IOS puts the caret where `any` stops matching a protocol keyword (ahp)
        assertEquals(invalidAfter("access-list 101 permit a"), r.exec("access-list 101 permit any"));
        assertTrue(r.exec("access-list 101 permit ip any any eq 80").contains("^\n% Invalid input"));
        assertTrue(r.exec("access-list 101 permit tcp any any eq nosuchport").contains("^\n% Invalid input"));
        assertTrue(r.exec("access-list 101 permit udp any any established").contains("^\n% Invalid input"));
        assertTrue(r.exec("access-list 101 permit icmp any any no-such-type").contains("^\n% Invalid input"));
        assertTrue(r.exec("access-list 200 permit ip any any").contains("^\n% Invalid input"));
        assertEquals("% Incomplete command.\n\n", r.exec("access-list 101"));
        assertTrue(r.config().numberedAcls.isEmpty());
    }

    @Test
    void namedListSequenceNumbersAndNoForms() {
        TestRouter r = configured();
        assertEquals("", r.exec("ip access-list extended VPN"));
        assertEquals("Router(config-ext-nacl)#", r.session.prompt());
        r.execAll("permit ip any host 1.1.1.1", "permit ip any host 2.2.2.2", "15 permit ip any host 3.3.3.3",
            "remark last", "deny ip any any");
        AccessList a = r.config().namedAcls.get("VPN");
        assertEquals(List.of(10, 15, 20, 30, 30), a.entries.stream().map(AccessList.Entry::sequence).toList());
        assertEquals("% Duplicate sequence number\n", r.exec("15 permit ip any host 4.4.4.4"));
        assertEquals("", r.exec("permit ip any host 1.1.1.1"));   // already there: kept once
        assertEquals(5, a.entries.size());
        r.execAll("no 15", "no permit ip any host 2.2.2.2", "no remark last");
        assertEquals(List.of(10, 30), a.entries.stream().map(AccessList.Entry::sequence).toList());
        assertEquals("% Incomplete command.\n\n", r.exec("20"));
        r.exec("exit");
        assertEquals("% A named extended IP access list with this name already exists\n",
            r.exec("ip access-list standard VPN"));
        r.exec("ip access-list standard MGMT");
        assertEquals("Router(config-std-nacl)#", r.session.prompt());
        r.execAll("permit 10.0.0.0 0.0.0.255", "5 deny host 10.0.0.1 log");
        assertEquals(List.of(5, 10), r.config().namedAcls.get("MGMT").entries.stream()
            .map(AccessList.Entry::sequence).toList());
        // a global command leaves the sub-mode
        r.exec("access-list 5 permit any");
        assertEquals("Router(config)#", r.session.prompt());
        r.execAll("no ip access-list extended VPN", "no ip access-list standard MGMT");
        assertTrue(r.config().namedAcls.isEmpty());
        // numbered lists by name; any `no access-list N ...` removes the whole list, as on IOS
        r.execAll("ip access-list extended 150", "permit ip any any", "exit");
        assertEquals("access-list 150 permit ip any any\n",
            aclSection(r.running()).lines().filter(l -> l.contains("150")).findFirst().orElse("") + "\n");
        r.exec("no access-list 5 permit 1.2.3.4");
        assertNull(r.config().numberedAcls.get(5));
        assertEquals("% Invalid access list name.\n", r.exec("ip access-list standard 150"));
    }

    @Test
    void noFormsRoundTrip() {
        String out = RoundTrip.check("""
            access-list 10 permit any
            access-list 101 permit ip any any
            no access-list 10
            ip access-list extended X
             permit ip any any
             deny tcp any any
             no deny tcp any any
            """);
        assertEquals("ip access-list extended X\n permit ip any any\n!\naccess-list 101 permit ip any any\n!\n",
            aclSection(out));
    }
}
