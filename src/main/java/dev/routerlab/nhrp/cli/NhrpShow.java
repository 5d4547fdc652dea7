package dev.routerlab.nhrp.cli;

import dev.routerlab.nhrp.*;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.nhrp.Nhrp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The NHRP `show` commands, as pure functions of engine state and the current time (scheduler
 * nanoseconds): `show dmvpn [detail]`, `show ip nhrp [brief|detail]`, `show ip nhrp nhs
 * [detail]` and `show ip nhrp traffic`, laid out as IOS 15 prints them (column for column where
 * a reference capture exists). Each returns the whole text, lines ending in '\n'.
 */
public final class NhrpShow {
    private NhrpShow() {}

    /** Line protocol and tunnel facts for the `show dmvpn detail` interface header. */
    public record TunnelFacts(String lineState, String protectProfile) {
        public static final TunnelFacts UP = new TunnelFacts("up/up", null);
    }

    private static final String DMVPN_LEGEND = """
            Legend: Attrb --> S - Static, D - Dynamic, I - Incomplete
                    N - NATed, L - Local, X - No Socket
                    T1 - Route Installed, T2 - Nexthop-override
                    C - CTS Capable
                    # Ent --> Number of NHRP entries with same NBMA peer
                    NHS Status: E --> Expecting Replies, R --> Responding, W --> Waiting
                    UpDn Time --> Up or Down Time for a Tunnel
            ==========================================================================
            """;

    // ================================================================ show dmvpn

    /** `show dmvpn` for the given mGRE interfaces. */
    public static String dmvpn(List<NhrpInstance> tunnels, long now, PeerStates crypto) {
        StringBuilder sb = new StringBuilder(DMVPN_LEGEND);
        for (NhrpInstance t : tunnels) {
            Map<Integer, List<NhrpCacheEntry>> peers = peers(t);
            sb.append('\n');
            sb.append("Interface: ").append(t.interfaceName()).append(", IPv4 NHRP Details \n");
            sb.append("Type:").append(t.isSpoke() ? "Spoke" : "Hub").append(", NHRP Peers:").append(peers.size()).append(", \n");
            sb.append('\n');
            sb.append(" # Ent  Peer NBMA Addr Peer Tunnel Add State  UpDn Tm Attrb\n");
            sb.append(" ----- --------------- --------------- ----- -------- -----\n");
            for (Map.Entry<Integer, List<NhrpCacheEntry>> p : peers.entrySet()) {
                List<NhrpCacheEntry> es = p.getValue();
                for (int i = 0; i < es.size(); i++) {
                    NhrpCacheEntry e = es.get(i);
                    if (i == 0) sb.append(String.format("%6d %-15s", es.size(), nbmaText(e)));
                    else sb.append(" ".repeat(22));
                    sb.append(String.format("%16s %5s %8s %5s\n", Ipv4Address.toString(viaOf(e)), state(t, e, crypto),
                            upDown(t, e, now), attributes(e)));
                }
            }
        }
        sb.append('\n');
        return sb.toString();
    }

    /** `show dmvpn detail`. */
    public static String dmvpnDetail(List<NhrpInstance> tunnels, long now, PeerStates crypto,
                                     IntFunction<TunnelFacts> facts) {
        StringBuilder sb = new StringBuilder(DMVPN_LEGEND);
        for (int ti = 0; ti < tunnels.size(); ti++) {
            NhrpInstance t = tunnels.get(ti);
            TunnelFacts f = facts == null ? TunnelFacts.UP : facts.apply(ti);
            Map<Integer, List<NhrpCacheEntry>> peers = peers(t);
            sb.append('\n');
            sb.append("Interface ").append(t.interfaceName()).append(" is ").append(f.lineState()).append(", Addr. is ")
                    .append(Ipv4Address.toString(t.protocolAddress())).append(", VRF \"\" \n");
            sb.append("   Tunnel Src./Dest. addr: ").append(Ipv4Address.toString(t.nbmaAddress()))
                    .append("/MGRE, Tunnel VRF \"\"\n");
            sb.append("   Protocol/Transport: \"multi-GRE/IP\", Protect \"")
                    .append(f.protectProfile() == null ? "" : f.protectProfile()).append("\" \n");
            sb.append("   Interface State Control: Disabled\n");
            sb.append("   nhrp event-publisher : Disabled\n");
            if (t.isSpoke()) {
                sb.append('\n').append("IPv4 NHS:\n");
                for (NhrpNhs n : t.nhs()) sb.append(nhsLine(n)).append('\n');
            }
            sb.append("Type:").append(t.isSpoke() ? "Spoke" : "Hub").append(", Total NBMA Peers (v4/v6): ")
                    .append(peers.size()).append('\n');
            sb.append('\n');
            sb.append("# Ent  Peer NBMA Addr Peer Tunnel Add State  UpDn Tm Attrb    Target Network\n");
            sb.append("----- --------------- --------------- ----- -------- ----- -----------------\n");
            for (Map.Entry<Integer, List<NhrpCacheEntry>> p : peers.entrySet()) {
                List<NhrpCacheEntry> es = p.getValue();
                for (int i = 0; i < es.size(); i++) {
                    NhrpCacheEntry e = es.get(i);
                    if (i == 0) sb.append(String.format("%5d %-15s", es.size(), nbmaText(e)));
                    else sb.append(" ".repeat(21));
                    sb.append(String.format("%16s %5s %8s %5s %17s\n", Ipv4Address.toString(viaOf(e)), state(t, e, crypto),
                            upDown(t, e, now), attributes(e), prefixText(e)));
                }
            }
            sb.append('\n');
        }
        sb.append('\n');
        return sb.toString();
    }

    /**
     * Entries grouped by NBMA peer, groups in NBMA address order, incomplete ones (each alone) last;
     * behind one PAT each host (its NAT-T port) is a peer of its own (RFC 3947 §5).
     */
    private static Map<Integer, List<NhrpCacheEntry>> peers(NhrpInstance t) {
        java.util.TreeMap<Long, List<NhrpCacheEntry>> m = new java.util.TreeMap<>();
        long unknown = 1L << 49;
        for (NhrpCacheEntry e : t.cache().entries()) {
            long key = e.isIncomplete() ? unknown++ : (e.nbma & 0xffffffffL) << 17 | (e.natPort + 1);
            m.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
        }
        Map<Integer, List<NhrpCacheEntry>> out = new LinkedHashMap<>();
        int i = 0;
        for (List<NhrpCacheEntry> g : m.values()) out.put(i++, g);
        return out;
    }

    private static int viaOf(NhrpCacheEntry e) { return e.isIncomplete() ? e.prefix : e.via; }

    private static String nbmaText(NhrpCacheEntry e) { return e.isIncomplete() ? "UNKNOWN" : Ipv4Address.toString(e.nbma); }

    /**
     * State column: what the crypto layer says while protection comes up (IKE, IPSEC), else NHRP
     * for an incomplete entry or an NHS that does not answer, else UP.
     */
    private static String state(NhrpInstance t, NhrpCacheEntry e, PeerStates crypto) {
        if (e.isIncomplete()) return "NHRP";
        String c = crypto == null || e.local ? null : crypto.state(e.nbma, e.natPort);
        if (c != null) return c;
        NhrpNhs n = nhsFor(t, e);
        return n != null && !n.responding ? "NHRP" : "UP";
    }

    private static String upDown(NhrpInstance t, NhrpCacheEntry e, long now) {
        NhrpNhs n = nhsFor(t, e);
        long since = n != null ? n.stateSinceNanos : e.upSinceNanos;
        if (e.isIncomplete() || since < 0) return "never";
        return duration(now - since);
    }

    private static NhrpNhs nhsFor(NhrpInstance t, NhrpCacheEntry e) {
        if (e.prefixLength != 32) return null;
        for (NhrpNhs n : t.nhs()) if (n.address == e.prefix) return n;
        return null;
    }

    /** Attrb: S/D/I, then N (NAT), L (local), X (no socket), T1 (route installed) or T2 (next-hop override). */
    public static String attributes(NhrpCacheEntry e) {
        StringBuilder sb = new StringBuilder();
        sb.append(e.isStatic() ? 'S' : e.isIncomplete() ? 'I' : 'D');
        if (e.nat) sb.append('N');
        if (e.local) sb.append('L');
        if (e.noSocket || e.isIncomplete()) sb.append('X');
        if (e.nho) sb.append("T2");
        else if (e.rib) sb.append("T1");
        return sb.toString();
    }

    // ================================================================ show ip nhrp

    /**
     * `show ip nhrp` (detail adds the preference and the requesters of local entries). Per
     * interface, entries by address, local ones (what this router answers for) last, as IOS.
     */
    public static String ipNhrp(List<NhrpInstance> tunnels, long now, boolean detail) {
        StringBuilder sb = new StringBuilder();
        for (NhrpInstance t : tunnels) {
            List<NhrpCacheEntry> entries = new ArrayList<>(t.cache().entries());
            entries.sort((x, y) -> Boolean.compare(x.local, y.local));      // stable: keeps address order
            for (NhrpCacheEntry e : entries) {
                sb.append(prefixText(e));
                if (!e.isIncomplete()) sb.append(" via ").append(Ipv4Address.toString(e.via));
                sb.append('\n');
                sb.append("   ").append(t.interfaceName()).append(" created ").append(duration(now - e.createdNanos))
                        .append(", ");
                if (e.expiresNanos == NhrpCacheEntry.NEVER) sb.append("never expire");
                else sb.append("expire ").append(duration(e.expiresNanos - now));
                sb.append('\n');
                String flags = e.flagWords();
                sb.append("   Type: ").append(e.type.ios()).append(", Flags:").append(flags.isEmpty() ? "" : " " + flags)
                        .append('\n');
                if (e.isIncomplete()) {
                    sb.append("   Cache hits: ").append(e.cacheHits).append('\n');
                    continue;
                }
                sb.append("   NBMA address: ").append(Ipv4Address.toString(e.nbma)).append('\n');
                if (e.nat) sb.append("    (Claimed NBMA address: ").append(Ipv4Address.toString(e.claimedNbma)).append(")\n");
                if (detail) sb.append("   Preference: ").append(e.preference).append('\n');
                if (e.noSocket) sb.append("    (no-socket)\n");
                if (detail) {
                    for (int i = 0; i < e.requesterCount; i++) {
                        sb.append("  Requester: ").append(Ipv4Address.toString(e.requesters[i])).append(" Request ID: ")
                                .append(Integer.toUnsignedString(e.requestIds[i])).append('\n');
                    }
                }
            }
        }
        return sb.toString();
    }

    /** `show ip nhrp brief`. */
    public static String ipNhrpBrief(List<NhrpInstance> tunnels) {
        StringBuilder sb = new StringBuilder();
        sb.append("****************************************************************************\n");
        sb.append("    NOTE: Link-Local, No-socket and Incomplete entries are not displayed\n");
        sb.append("****************************************************************************\n");
        sb.append("Legend: Type --> S - Static, D - Dynamic\n");
        sb.append("        Flags --> u - unique, r - registered, e - temporary, c - claimed\n");
        sb.append("        a - authoritative, t - route\n");
        sb.append("============================================================================\n");
        sb.append('\n');
        sb.append("Intf     NextHop Address                                    NBMA Address\n");
        sb.append("         Target Network                              T/Flag\n");
        sb.append("-------- ------------------------------------------- ------ ----------------\n");
        for (NhrpInstance t : tunnels) {
            for (NhrpCacheEntry e : t.cache().entries()) {
                if (e.isIncomplete() || e.noSocket) continue;
                sb.append(String.format("%-8s %-50s %s\n", t.shortInterfaceName(), Ipv4Address.toString(e.via),
                        Ipv4Address.toString(e.nbma)));
                StringBuilder f = new StringBuilder(e.isStatic() ? "S/" : "D/");
                if (e.unique) f.append('u');
                if (e.registered) f.append('r');
                if (e.nat) f.append('c');
                if (e.authoritative) f.append('a');
                if (e.rib || e.nho) f.append('t');
                sb.append(String.format("%9s%-43s %s\n", "", prefixText(e), f));
            }
        }
        return sb.toString();
    }

    private static String prefixText(NhrpCacheEntry e) {
        return Ipv4Address.toString(e.prefix) + "/" + e.prefixLength;
    }

    // ================================================================ show ip nhrp nhs

    /** `show ip nhrp nhs [detail]`: the NHSs of each interface that has some, all printed as without tunnel protection. */
    public static String ipNhrpNhs(List<NhrpInstance> tunnels, long now, boolean detail) {
        return ipNhrpNhs(tunnels, now, detail, i -> false);
    }

    /**
     * `show ip nhrp nhs [detail]`; protectedTunnel tells, by index in tunnels, whether the interface
     * has `tunnel protection` (IOS then prints "Protection Socket Requested: TRUE").
     */
    public static String ipNhrpNhs(List<NhrpInstance> tunnels, long now, boolean detail,
                                   java.util.function.IntPredicate protectedTunnel) {
        StringBuilder sb = new StringBuilder("Legend: E=Expecting replies, R=Responding, W=Waiting, D=Dynamic\n");
        boolean first = true;
        List<String> pending = new ArrayList<>();
        for (int ti = 0; ti < tunnels.size(); ti++) {
            NhrpInstance t = tunnels.get(ti);
            if (t.nhs().isEmpty()) continue;
            boolean protection = protectedTunnel.test(ti);
            if (!first) sb.append('\n');
            first = false;
            sb.append(t.interfaceName()).append(":\n");
            for (NhrpNhs n : t.nhs()) {
                sb.append(nhsLine(n));
                if (detail) {
                    sb.append("  req-sent ").append(n.requestsSent).append("  req-failed ").append(n.requestsFailed)
                            .append("  repl-recv ").append(n.repliesReceived);
                    if (n.lastReplyNanos >= 0) sb.append(" (").append(duration(now - n.lastReplyNanos)).append(" ago)");
                    sb.append('\n');
                    sb.append(" Current Request ID: ").append(Integer.toUnsignedString(n.currentRequestId));
                    if (n.anyAck) sb.append(" (Ack: ").append(Integer.toUnsignedString(n.ackedRequestId)).append(')');
                    sb.append('\n');
                    sb.append(" Protection Socket Requested: ").append(protection ? "TRUE" : "FALSE").append('\n');
                    if (n.pending && n.retransmits > 0) {
                        pending.add("Registration Request: Reqid " + Integer.toUnsignedString(n.currentRequestId) + ", Ret "
                                + n.retransmitSeconds + "  NHS " + Ipv4Address.toString(n.address) + " expired ("
                                + t.shortInterfaceName() + ")\n");
                    }
                } else {
                    sb.append('\n');
                }
            }
        }
        if (detail) {
            sb.append("\n\nPending Registration Requests:\n");
            for (String p : pending) sb.append(p);
        }
        return sb.toString();
    }

    /** "100.0.0.100  RE  NBMA Address: 101.1.1.1 priority = 0 cluster = 0" (no newline). */
    private static String nhsLine(NhrpNhs n) {
        StringBuilder sb = new StringBuilder(Ipv4Address.toString(n.address)).append(' ');
        sb.append(String.format("%3s", (n.responding ? "R" : "") + "E")).append(' ').append(' ');
        if (n.nbma != 0) sb.append("NBMA Address: ").append(Ipv4Address.toString(n.nbma)).append(' ');
        sb.append("priority = ").append(n.priority).append(" cluster = 0");
        return sb.toString();
    }

    // ================================================================ show ip nhrp traffic

    /** `show ip nhrp traffic`; a Drop block follows when received packets were dropped. */
    public static String ipNhrpTraffic(List<NhrpInstance> tunnels) {
        StringBuilder sb = new StringBuilder();
        for (NhrpInstance t : tunnels) {
            NhrpCounters c = t.counters();
            sb.append(t.interfaceName()).append(": Max-send limit:").append(t.maxSendPackets()).append("Pkts/")
                    .append(t.maxSendSeconds()).append("Sec, Usage:").append(t.maxSendUsagePercent()).append("%\n");
            typeBlock(sb, "Sent", c.sent, c.redirectSuppressed);
            typeBlock(sb, "Rcvd", c.received, 0);
            if (c.dropped() > 0) {
                sb.append("   Drop: Total ").append(c.dropped()).append('\n');
                sb.append("         ").append(c.malformed()).append(" Malformed  ").append(c.authenticationFailed)
                        .append(" Authentication Failure  ").append(c.notEnabled).append(" NHRP Not Enabled  \n");
                sb.append("         ").append(c.unrecognizedExtension).append(" Unrecognized Extension  ")
                        .append(c.hopCountExceeded).append(" Hop Count Exceeded  ").append(c.loopDetected)
                        .append(" Loop Detected  \n");
                sb.append("         ").append(c.unsolicited).append(" Unsolicited Reply  \n");
            }
        }
        return sb.toString();
    }

    private static void typeBlock(StringBuilder sb, String what, long[] n, long suppressed) {
        long total = 0;
        for (long v : n) total += v;
        sb.append("   ").append(what).append(": Total ").append(total).append('\n');
        sb.append("         ").append(n[Nhrp.TYPE_RESOLUTION_REQUEST]).append(" Resolution Request  ")
                .append(n[Nhrp.TYPE_RESOLUTION_REPLY]).append(" Resolution Reply  ")
                .append(n[Nhrp.TYPE_REGISTRATION_REQUEST]).append(" Registration Request  \n");
        sb.append("         ").append(n[Nhrp.TYPE_REGISTRATION_REPLY]).append(" Registration Reply  ")
                .append(n[Nhrp.TYPE_PURGE_REQUEST]).append(" Purge Request  ")
                .append(n[Nhrp.TYPE_PURGE_REPLY]).append(" Purge Reply  \n");
        sb.append("         ").append(n[Nhrp.TYPE_ERROR_INDICATION]).append(" Error Indication  ")
                .append(n[Nhrp.TYPE_TRAFFIC_INDICATION]).append(" Traffic Indication  ")
                .append(suppressed).append(" Redirect Suppress  \n");
    }

    // ================================================================ time

    /** IOS durations: hh:mm:ss under a day, then 1d02h, then 3w5d, then 1y22w. Negative counts as 0. */
    public static String duration(long nanos) {
        long s = Math.max(0, nanos / 1_000_000_000L);
        if (s < 86400) return String.format("%02d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
        long d = s / 86400;
        if (d < 7) return d + "d" + String.format("%02d", (s / 3600) % 24) + "h";
        long w = d / 7;
        if (w < 52) return w + "w" + (d % 7) + "d";
        return (d / 365) + "y" + ((d % 365) / 7) + "w";
    }
}
