package dev.routerlab.cdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.ip.Net;
import org.junit.jupiter.api.Test;

/** CDP between lab routers: adverts every 60 s, holdtime 180, the IOS shows, `cdp run`/`cdp enable`. */
class CdpTest {
    private static Net pair() {
        Net net = new Net();
        Net.Node r1 = net.router("R1"), r2 = net.router("R2");
        net.wire(r1, "Gi0/0", r2, "Gi0/1");
        r1.config("interface GigabitEthernet0/0", "ip address 10.0.12.1 255.255.255.0", "no shutdown");
        r2.config("ip domain name lab.local", "interface GigabitEthernet0/1", "ip address 10.0.12.2 255.255.255.0", "no shutdown");
        net.run(1);
        return net;
    }

    @Test
    void neighborsInTheIosLayout() {
        Net net = pair();
        Net.Node r1 = net.get("R1"), r2 = net.get("R2");
        assertEquals("""
            Capability Codes: R - Router, T - Trans Bridge, B - Source Route Bridge
                              S - Switch, H - Host, I - IGMP, r - Repeater, P - Phone,
                              D - Remote, C - CVTA, M - Two-port Mac Relay

            Device ID        Local Intrfce     Holdtme    Capability  Platform  Port ID
            R2.lab.local     Gig 0/0           179              R B   IOSv      Gig 0/1

            Total cdp entries displayed : 1
            """, r1.exec("show cdp neighbors"));
        String detail = r2.exec("show cdp neighbors detail");
        assertEquals("""
            -------------------------
            Device ID: R1
            Entry address(es):
              IP address: 10.0.12.1
            Platform: Cisco IOSv,  Capabilities: Router Source-Route-Bridge
            Interface: GigabitEthernet0/1,  Port ID (outgoing port): GigabitEthernet0/0
            Holdtime : 179 sec

            Version :
            Cisco IOS Software, IOSv Software (VIOS-ADVENTERPRISEK9-M), Version 15.8(3)M2, RELEASE SOFTWARE (fc2)
            Technical Support: http://www.cisco.com/techsupport
            Copyright (c) 1986-2019 by Cisco Systems, Inc.
            Compiled Thu 28-Mar-19 14:06 by prod_rel_team

            advertisement version: 2
            Duplex: full
            Management address(es):
              IP address: 10.0.12.1


            Total cdp entries displayed : 1
            """, detail);
        assertEquals(detail.substring(0, detail.indexOf("\nTotal")), r2.exec("show cdp entry *"));
        assertEquals(detail.substring(0, detail.indexOf("\nTotal")), r2.exec("show cdp entry R1"));
        assertEquals("", r2.exec("show cdp entry R9"));
        assertTrue(r2.exec("show cdp interface").contains("""
            GigabitEthernet0/1 is up, line protocol is up
              Encapsulation ARPA
              Sending CDP packets every 60 seconds
              Holdtime is 180 seconds
            """));
        assertTrue(r2.exec("show cdp interface").endsWith("""

             cdp enabled interfaces : 4
             interfaces up          : 1
             interfaces down        : 3
            """));
        assertEquals("""
            Global CDP information:
            \tSending CDP packets every 60 seconds
            \tSending a holdtime value of 180 seconds
            \tSending CDPv2 advertisements is  enabled
            """, r2.exec("show cdp"));
    }

    @Test
    void advertsEverySixtySecondsAndHoldtimeRunsOut() {
        Net net = pair();
        Net.Node r1 = net.get("R1"), r2 = net.get("R2");
        net.run(50);
        assertTrue(r1.exec("show cdp neighbors").contains("Gig 0/0           129 "));
        net.run(20);                                  // R2's advert at 60 s refreshed it
        assertTrue(r1.exec("show cdp neighbors").contains("Gig 0/0           169 "), r1.exec("show cdp neighbors"));
        assertTrue(r1.exec("show cdp traffic").contains("Total packets output: 2, Input: 2"), r1.exec("show cdp traffic"));
        r2.config("interface GigabitEthernet0/1", "no cdp enable");
        assertTrue(r2.exec("show running-config interface GigabitEthernet0/1").contains(" no cdp enable\n"));
        net.run(160);                                 // the last advert (60 s) is held until 240 s
        assertTrue(r1.exec("show cdp neighbors").contains("Gig 0/0           9 "), "still held");
        net.run(15);
        assertTrue(r1.exec("show cdp neighbors").endsWith("Port ID\n\nTotal cdp entries displayed : 0\n"));
        r2.config("interface GigabitEthernet0/1", "cdp enable");
        net.run(1);
        assertTrue(r1.exec("show cdp neighbors").contains("R2.lab.local"), "the port advertises as CDP comes on");
    }

    @Test
    void cdpRunAndTimers() {
        Net net = pair();
        Net.Node r1 = net.get("R1"), r2 = net.get("R2");
        r1.config("no cdp run");
        assertEquals("% CDP is not enabled\n", r1.exec("show cdp neighbors"));
        assertTrue(r1.exec("show running-config").contains("\nno cdp run\n!\n"));
        r2.config("cdp timer 30", "cdp holdtime 90");
        assertTrue(r2.exec("show running-config").contains("\ncdp timer 30\ncdp holdtime 90\n!\n"));
        r1.config("cdp run");
        net.run(31);
        assertTrue(r1.exec("show cdp neighbors").contains("R2.lab.local     Gig 0/0           8"), r1.exec("show cdp neighbors"));
        assertFalse(r1.exec("show running-config").contains("cdp"));
        r2.config("no cdp timer", "no cdp holdtime");
        assertEquals("""
            Global CDP information:
            \tSending CDP packets every 60 seconds
            \tSending a holdtime value of 180 seconds
            \tSending CDPv2 advertisements is  enabled
            """, r2.exec("show cdp"));
    }

    @Test
    void linkDownForgetsTheNeighbourAndDuplexMismatchIsLogged() {
        Net net = pair();
        Net.Node r1 = net.get("R1"), r2 = net.get("R2");
        r2.config("interface GigabitEthernet0/1", "duplex half");
        net.run(61);
        assertTrue(r1.pending().contains("%CDP-4-DUPLEX_MISMATCH: duplex mismatch discovered on GigabitEthernet0/0 (not half duplex), "
            + "with R2.lab.local GigabitEthernet0/1 (half duplex)."));
        r1.config("interface GigabitEthernet0/0", "shutdown");
        assertTrue(r1.exec("show cdp neighbors").contains("displayed : 0"));
        r2.exec("clear cdp table");
        assertTrue(r2.exec("show cdp neighbors").contains("displayed : 0"));
    }
}
