package dev.routerlab.ipv6.cli;

import dev.routerlab.config.InterfaceConfig;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.device.Router;
import dev.routerlab.device.cli.SystemCommands;
import dev.routerlab.ip.IpInterface;
import dev.routerlab.ipv6.Ipv6Engine;
import dev.routerlab.ipv6.Ipv6Interface;
import dev.routerlab.ipv6.Ipv6Rib;
import dev.routerlab.ipv6.NeighborCache;
import dev.routerlab.packet.Ipv6Address;
import dev.routerlab.packet.MacAddress;

/** The IPv6 shows, each from the engine's live state, laid out as IOS 15 prints them. */
final class Ipv6Show {
    private Ipv6Show() {}

    private static String status(IpInterface p) {
        return p.linkState().ios + "/" + (p.lineUp() ? "up" : "down");
    }

    /** `show ipv6 traffic`: the engine's live counters in IOS 15's layout (IPv6, ICMP by type and code, UDP, TCP). */
    static String traffic(Router r) {
        Ipv6Engine.Stats s = r.ipv6().stats();
        long[] in = s.icmpIn, out = s.icmpOut;
        long icmpIn = s.icmpBad, icmpOut = 0, unknownInfo = 0, unknownError = 0;
        for (int t = 0; t < 256; t++) {
            icmpIn += in[t];
            icmpOut += out[t];
            boolean known = t >= 1 && t <= 4 || t >= 128 && t <= 137;
            if (!known && t < 128) unknownError += in[t];
            if (!known && t >= 128) unknownInfo += in[t];
        }
        StringBuilder sb = new StringBuilder();
        sb.append("IPv6 statistics:\n")
          .append("  Rcvd:  ").append(s.received).append(" total, ").append(s.delivered).append(" local destination\n")
          .append("         0 source-routed, 0 truncated\n")
          .append("         ").append(s.badHeader).append(" format errors, ").append(s.hopLimitExceeded).append(" hop count exceeded\n")
          .append("         ").append(s.badExtension).append(" bad header, ").append(s.unknownOption).append(" unknown option, ").append(s.beyondScope).append(" bad source\n")
          .append("         ").append(s.unknownProtocol).append(" unknown protocol, ").append(s.notRouter).append(" not a router\n")
          .append("         ").append(s.fragments).append(" fragments, ").append(s.reassembled).append(" total reassembled\n")
          .append("         ").append(s.reassemblyTimeouts).append(" reassembly timeouts, ").append(s.reassemblyFailures).append(" reassembly failures\n")
          .append("  Sent:  ").append(s.generated).append(" generated, ").append(s.forwarded).append(" forwarded\n")
          .append("         ").append(s.fragmented).append(" fragmented into ").append(s.fragmentsCreated).append(" fragments, ")
          .append(s.fragmentFailed).append(" failed\n")
          .append("         ").append(s.resolutionFailed).append(" encapsulation failed, ").append(s.noRoute).append(" no route, ")
          .append(s.tooBig).append(" too big\n")
          .append("         0 RPF drops, 0 RPF suppressed drops\n")
          .append("  Mcast: ").append(s.mcastReceived).append(" received, ").append(s.mcastSent).append(" sent\n\n")
          .append("ICMP statistics:\n")
          .append("  Rcvd: ").append(icmpIn).append(" input, ").append(s.icmpBad).append(" checksum errors, 0 too short\n")
          .append("        ").append(unknownInfo).append(" unknown info type, ").append(unknownError).append(" unknown error type\n");
        icmpLines(sb, in, s.codesIn, true);
        sb.append("  Sent: ").append(icmpOut).append(" output, ").append(s.icmpErrorsRateLimited).append(" rate-limited\n");
        icmpLines(sb, out, s.codesOut, false);
        sb.append("\nUDP statistics:\n")
          .append("  Rcvd: ").append(s.udpReceived).append(" input, ").append(s.udpBad).append(" checksum errors, 0 length errors\n")
          .append("        ").append(s.udpNoPort).append(" no port, 0 dropped\n")
          .append("  Sent: ").append(s.udpSent).append(" output\n\n")
          .append("TCP statistics:\n")
          .append("  Rcvd: 0 input, 0 checksum errors\n")
          .append("  Sent: 0 output, 0 retransmitted\n");
        return sb.toString();
    }

    /** The per-type lines IOS prints under ICMP Rcvd and Sent (unreachable codes 0-4, parameter problem 0-2, time exceeded 0-1). */
    private static void icmpLines(StringBuilder sb, long[] t, long[][] c, boolean received) {
        long[] u = c[1], p = c[4], x = c[3];
        sb.append("        unreach: ").append(u[0]).append(" routing, ").append(u[1]).append(" admin, ").append(u[2]).append(" neighbor, ")
          .append(u[3]).append(" address, ").append(u[4]).append(" port\n")
          .append("                 ").append(t[1] - u[0] - u[1] - u[2] - u[3] - u[4]).append(" unknown\n")
          .append("        parameter: ").append(p[0]).append(" error, ").append(p[1]).append(" header, ").append(p[2]).append(" option\n")
          .append("        ").append(x[0]).append(" hopcount expired, ").append(x[1]).append(" reassembly timeout,").append(t[2]).append(" too big\n");
        if (received) sb.append("        0 bad embedded ipv6\n");
        sb.append("        ").append(t[128]).append(" echo request, ").append(t[129]).append(" echo reply\n")
          .append("        ").append(t[130]).append(" group query, ").append(t[131]).append(" group report, ").append(t[132]).append(" group reduce\n")
          .append("        ").append(t[133]).append(" router solicit, ").append(t[134]).append(" router advert, ").append(t[137]).append(" redirects\n")
          .append("        ").append(t[135]).append(" neighbor solicit, ").append(t[136]).append(" neighbor advert\n");
    }

    /** `show ipv6 interface brief [IF]`: every interface in `show ip interface brief`'s order, its addresses or `unassigned`. */
    static String brief(Router r, InterfaceName only) {
        StringBuilder sb = new StringBuilder();
        for (InterfaceConfig ic : SystemCommands.physicalFirst(r.config())) {
            IpInterface p = r.ip().get(ic.name);
            if (p == null || p.kind == IpInterface.Kind.NULL || only != null && !p.name.equals(only)) continue;
            sb.append(String.format("%-23s[%s]%n", p.name, status(p)));
            Ipv6Interface i = r.ipv6().get(p.name);
            if (i == null) {
                sb.append("    unassigned\n");
                continue;
            }
            sb.append("    ").append(i.linkLocal().address).append(mark(i.linkLocal())).append('\n');
            for (Ipv6Interface.Address a : i.globals()) sb.append("    ").append(a.address).append(mark(a)).append('\n');
        }
        return sb.toString();
    }

    private static String mark(Ipv6Interface.Address a) { return a.state().mark; }

    /** `show ipv6 interface IF` of an interface without IPv6. */
    static String disabled(Router r, InterfaceName n) {
        IpInterface p = r.ip().get(n);
        return n + " is " + p.linkState().ios + ", line protocol is " + (p.lineUp() ? "up" : "down") + "\n  IPv6 is disabled\n";
    }

    /** `show ipv6 interface [IF]`. */
    static String interfaces(Router r, InterfaceName only) {
        Ipv6Engine e = r.ipv6();
        StringBuilder sb = new StringBuilder();
        for (Ipv6Interface i : e.interfaces()) {
            if (only != null && !i.name().equals(only)) continue;
            IpInterface p = i.ip;
            sb.append(i.name()).append(" is ").append(p.linkState().ios).append(", line protocol is ").append(p.lineUp() ? "up" : "down").append('\n');
            Ipv6Interface.Address ll = i.linkLocal();
            sb.append("  IPv6 is ").append(ll.usable() ? "enabled" : ll.state() == Ipv6Interface.State.TENTATIVE ? "tentative" : "stalled")
              .append(", link-local address is ").append(ll.address).append(mark(ll)).append(" \n");
            sb.append("  No Virtual link-local address(es):\n");
            if (i.globals().isEmpty()) sb.append("  No global unicast address is configured\n");
            else {
                sb.append("  Global unicast address(es):\n");
                for (Ipv6Interface.Address a : i.globals()) {
                    sb.append("    ").append(a.address).append(", subnet is ").append(a.address.prefix(a.length)).append('/').append(a.length)
                      .append(mark(a)).append(a.eui64 ? " [EUI]" : "").append(" \n");
                }
            }
            sb.append("  Joined group address(es):\n");
            for (Ipv6Address g : i.groups(e.routing())) sb.append("    ").append(g).append('\n');
            sb.append("  MTU is ").append(i.mtu()).append(" bytes\n");
            sb.append("  ICMP error messages limited to one every ").append(Ipv6Engine.ERROR_INTERVAL_NANOS / 1_000_000).append(" milliseconds\n");
            sb.append("  ICMP redirects are enabled\n");
            sb.append("  ICMP unreachables are sent\n");
            if (i.hasLinkLayer()) sb.append("  ND DAD is enabled, number of DAD attempts: 1\n");
            else sb.append("  ND DAD is not supported\n");
            long rt = Ipv6Engine.REACHABLE_NANOS / 1_000_000;
            sb.append("  ND reachable time is ").append(rt).append(" milliseconds (using ").append(rt).append(")\n");
            if (e.routing() && i.hasLinkLayer()) {
                sb.append("  ND advertised reachable time is 0 (unspecified)\n");
                sb.append("  ND advertised retransmit interval is 0 (unspecified)\n");
                sb.append("  ND router advertisements are sent every ").append(Ipv6Engine.RA_INTERVAL_S).append(" seconds\n");
                sb.append("  ND router advertisements live for ").append(Ipv6Engine.RA_LIFETIME_S).append(" seconds\n");
                sb.append("  ND advertised default router preference is Medium\n");
                sb.append("  Hosts use stateless autoconfig for addresses.\n");
            } else if (e.routing()) {
                sb.append("  ND RAs are suppressed (all)\n");
                sb.append("  Hosts use stateless autoconfig for addresses.\n");
            }
        }
        return sb.toString();
    }

    /** `show ipv6 route`. */
    static String route(Router r) {
        Ipv6Rib rib = r.ipv6().rib();
        StringBuilder sb = new StringBuilder();
        sb.append("IPv6 Routing Table - default - ").append(rib.routes().size()).append(rib.routes().size() == 1 ? " entry\n" : " entries\n");
        sb.append("""
                Codes: C - Connected, L - Local, S - Static, U - Per-user Static route
                       B - BGP, R - RIP, H - NHRP, I1 - ISIS L1
                       I2 - ISIS L2, IA - ISIS interarea, IS - ISIS summary, D - EIGRP
                       EX - EIGRP external, ND - ND Default, NDp - ND Prefix, DCE - Destination
                       NDr - Redirect, O - OSPF Intra, OI - OSPF Inter, OE1 - OSPF ext 1
                       OE2 - OSPF ext 2, ON1 - OSPF NSSA ext 1, ON2 - OSPF NSSA ext 2
                       a - Application
                """);
        for (Ipv6Rib.Route x : rib.routes()) {
            sb.append(String.format("%-4s", x.code().ios)).append(x.prefix()).append('/').append(x.length())
              .append(" [").append(x.distance()).append('/').append(x.metric()).append("]\n");
            String out = x.out() == null ? "Null0" : x.out().name().toString();
            if (x.receive()) sb.append("     via ").append(out).append(", receive\n");
            else if (x.code() == Ipv6Rib.Code.C) sb.append("     via ").append(out).append(", directly connected\n");
            else if (x.nextHop() == null) sb.append("     via ").append(out).append(", directly connected\n");
            else if (x.nextHop().isLinkLocal()) sb.append("     via ").append(x.nextHop()).append(", ").append(out).append('\n');
            else sb.append("     via ").append(x.nextHop()).append('\n');
        }
        return sb.toString();
    }

    /** `show ipv6 neighbors [IF]`: address, age in minutes since the last confirmation, MAC, state, interface. */
    static String neighbors(Router r, InterfaceName only) {
        StringBuilder sb = new StringBuilder(String.format("%-42s%3s %-15s %-5s %s%n", "IPv6 Address", "Age", "Link-layer Addr", "State", "Interface"));
        long now = r.scheduler().nanos();
        for (NeighborCache.Entry e : r.ipv6().neighbors().entries()) {
            if (only != null && !e.iface.name().equals(only)) continue;
            String mac = e.mac() < 0 ? "-" : MacAddress.of(e.mac()).toString();
            long age = e.state() == NeighborCache.State.INCMP ? 0 : (now - e.since()) / 60_000_000_000L;
            sb.append(String.format("%-42s%3d %-15s %-5s %s%n", e.address, age, mac, e.state(), e.iface.name().shortForm()));
        }
        return sb.toString();
    }
}
