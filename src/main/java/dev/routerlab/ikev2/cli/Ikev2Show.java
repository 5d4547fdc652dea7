package dev.routerlab.ikev2.cli;

import dev.routerlab.cli.CommandContext;
import dev.routerlab.cli.CommandRegistry;
import dev.routerlab.config.CryptoIkev2;
import dev.routerlab.device.cli.Shell;
import dev.routerlab.grammar.IosParser.Clear_cryptoContext;
import dev.routerlab.grammar.IosParser.S_cryptoContext;
import dev.routerlab.grammar.IosParser.Sc_ikev2Context;
import dev.routerlab.grammar.IosParser.X_debugContext;
import dev.routerlab.grammar.IosParser.X_undebugContext;
import dev.routerlab.ike.ChildSa;
import dev.routerlab.ike.ProxyId;
import dev.routerlab.ikev2.Ikev2Counters;
import dev.routerlab.ikev2.Ikev2SaInfo;
import dev.routerlab.ipsec.IpsecEngine;
import dev.routerlab.packet.IpAddress;
import dev.routerlab.packet.Ipv4Address;
import java.util.List;

/**
 * IKEv2's EXEC commands: `show crypto ikev2 sa [detail]`, `show crypto ikev2 session [detail]`,
 * `show crypto ikev2 profile`, `show crypto ikev2 stats` (IOS layouts, every value read from the
 * engine), `clear crypto ikev2 sa`, `debug crypto ikev2` (and `undebug all` turning it off).
 */
public final class Ikev2Show {
    private Ikev2Show() {}

    static void register(CommandRegistry r) {
        r.onPart(S_cryptoContext.class, c -> c.sc_ikev2() != null, (c, cc) -> show(c.sc_ikev2(), cc))
         .onPart(Clear_cryptoContext.class, c -> c.clear_ikev2() != null, (c, cc) -> Shell.router(cc).ipsec().clearIkev2())
         .onPart(X_debugContext.class, c -> c.debug_ikev2() != null, (c, cc) -> {
             Shell.router(cc).ipsec().debug().ikev2(true);
             cc.println("IKEv2 default debugging is on");
         })
         .onPart(X_undebugContext.class, null, (c, cc) -> Shell.router(cc).ipsec().debug().ikev2(false));
    }

    private static void show(Sc_ikev2Context c, CommandContext cc) {
        IpsecEngine k = Shell.router(cc).ipsec();
        if (c.sc_ikev2_sa() != null) cc.print(sa(k, c.sc_ikev2_sa().DETAIL() != null));
        else if (c.sc_ikev2_session() != null) cc.print(session(k, c.sc_ikev2_session().DETAIL() != null));
        else if (c.PROFILE() != null) cc.print(profiles(Shell.config(cc).crypto.ikev2));
        else cc.print(stats(k));
    }

    // ------------------------------------------------------------------ show crypto ikev2 sa

    static final String HEADER = String.format("%-10s%-22s%-22s%-21s%-7s%n", "Tunnel-id", "Local", "Remote", "fvrf/ivrf", "Status");

    /** IOS's IPv6 table: the addresses on lines of their own under a narrower row. */
    static final String HEADER6 = String.format("%-13s%-23s%s%n", "Tunnel-id", "fvrf/ivrf", "Status");

    static String sa(IpsecEngine k, boolean detail) {
        StringBuilder sb = new StringBuilder(detail ? "IPv4 Crypto IKEv2  SA \n\n" : "IPv4 Crypto IKEv2 SA \n\n");
        for (IpsecEngine.FrontDoor d : k.frontDoors()) {
            for (Ikev2SaInfo s : d.ikev2().sas()) {
                if (s.remote().isV6()) continue;
                sb.append(HEADER);
                saBlock(k, d.vrf(), s, detail, sb);
                sb.append('\n');
            }
        }
        sb.append(detail ? " IPv6 Crypto IKEv2  SA \n\n" : " IPv6 Crypto IKEv2 SA \n\n");
        for (IpsecEngine.FrontDoor d : k.frontDoors()) {
            for (Ikev2SaInfo s : d.ikev2().sas()) {
                if (!s.remote().isV6()) continue;
                sb.append(HEADER6);
                saBlock(k, d.vrf(), s, detail, sb);
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /** The row and the lines under it (shared by `show crypto ikev2 sa` and `session`). */
    private static void saBlock(IpsecEngine k, String fvrf, Ikev2SaInfo s, boolean detail, StringBuilder sb) {
        String vrfs = (fvrf == null ? "none" : fvrf) + "/" + ivrf(k, fvrf, s.remote());
        if (s.remote().isV6()) {
            sb.append(String.format("%-11s%-22s%s%n", s.tunnelId(), vrfs, s.status()));
            sb.append("Local  ").append(s.local()).append('/').append(s.localPort()).append('\n');
            sb.append("Remote  ").append(s.remote()).append('/').append(s.remotePort()).append('\n');
        } else {
            sb.append(String.format("%-10s%-22s%-22s%-21s%-7s%n", s.tunnelId(), s.local() + "/" + s.localPort(),
                    s.remote() + "/" + s.remotePort(), vrfs, s.status()));
        }
        sb.append("      Encr: ").append(s.encryption()).append(", keysize: ").append(s.keySize()).append(", PRF: ")
          .append(s.prf()).append(", Hash: ").append(s.hash()).append(", DH Grp:").append(s.dhGroup())
          .append(", Auth sign: ").append(s.authSign()).append(", Auth verify: ").append(s.authVerify()).append('\n');
        sb.append("      Life/Active Time: ").append(s.lifetimeSeconds()).append('/').append(s.activeSeconds()).append(" sec\n");
        if (!detail) return;
        sb.append("      CE id: 0, Session-id: ").append(s.sessionId()).append('\n');
        sb.append(String.format("      Local spi: %016X       Remote spi: %016X%n", s.localSpi(), s.remoteSpi()));
        sb.append("      Status Description: ").append(s.status().equals("READY") ? "Negotiation done"
                : s.status().equals("DELETE") ? "Deleting IKE SA" : "Negotiation in progress").append('\n');
        sb.append("      Local id: ").append(s.localId()).append('\n');
        sb.append("      Remote id: ").append(s.remoteId()).append('\n');
        sb.append(String.format("      Local req msg id:  %-15dRemote req msg id:  %-10d%n", s.localMsgId(), s.remoteMsgId()));
        sb.append(String.format("      Local next msg id: %-15dRemote next msg id: %-10d%n", s.localMsgId(), s.remoteMsgId()));
        sb.append(String.format("      Local req queued:  %-15dRemote req queued:  %-10d%n", s.localMsgId(), s.remoteMsgId()));
        sb.append(String.format("      Local window:      %-15dRemote window:      %-10d%n", 1, 1));   // RFC 7296 §2.3
        sb.append("      DPD configured for ").append(s.dpdSeconds()).append(" seconds, retry ").append(s.dpdRetry()).append('\n');
        sb.append(s.fragmentationMtu() == 0 ? "      Fragmentation not  configured.\n"
                : "      Fragmentation configured, MTU " + s.fragmentationMtu() + (s.fragmentation() ? ", negotiated.\n" : ", not negotiated.\n"));
        sb.append("      Extended Authentication not configured.\n");
        sb.append(s.selfBehindNat() ? "      NAT-T is detected inside \n" : s.peerBehindNat() ? "      NAT-T is detected outside \n"
                : "      NAT-T is not detected  \n");
        sb.append("      Cisco Trust Security SGT is disabled\n");
        sb.append("      Initiator of SA : ").append(s.initiator() ? "Yes" : "No").append('\n');
    }

    // ------------------------------------------------------------------ show crypto ikev2 session

    /** The inside VRF of a peer's flows in a front-door VRF, as IOS's fvrf/ivrf column names it ("none": the global table). */
    private static String ivrf(IpsecEngine k, String fvrf, IpAddress peer) {
        for (var f : k.flows()) {
            if (f.peer().equals(peer) && java.util.Objects.equals(f.fvrf(), fvrf) && f.ivrf() != null) return f.ivrf();
        }
        return "none";
    }

    static String session(IpsecEngine k, boolean detail) {
        StringBuilder sb = new StringBuilder(" IPv4 Crypto IKEv2 Session \n\n");
        sessions(k, detail, false, sb);
        sb.append(" IPv6 Crypto IKEv2 Session \n\n");
        sessions(k, detail, true, sb);
        return sb.toString();
    }

    private static void sessions(IpsecEngine k, boolean detail, boolean v6, StringBuilder sb) {
        for (IpsecEngine.FrontDoor d : k.frontDoors()) for (Ikev2SaInfo s : d.ikev2().sas()) {
            if (s.remote().isV6() != v6) continue;
            List<ChildSa> children = d.ikev2().childSas(s.tunnelId());
            String status = s.status().equals("READY") ? children.isEmpty() ? "UP-IDLE" : "UP-ACTIVE" : "UP-NO-IKE";
            sb.append("Session-id:").append(s.sessionId()).append(", Status:").append(status)
              .append(", IKE count:1, CHILD count:").append(children.size()).append("\n\n");
            sb.append(v6 ? HEADER6 : HEADER);
            saBlock(k, d.vrf(), s, detail, sb);
            for (ChildSa c : children) {
                sb.append("Child sa: local selector  ").append(selector(c.localProxy())).append('\n');
                sb.append("          remote selector ").append(selector(c.remoteProxy())).append('\n');
                sb.append(String.format("          ESP spi in/out: 0x%X/0x%X  %n", c.inboundSpi(), c.outboundSpi()));
            }
            sb.append('\n');
        }
    }

    /** A traffic selector as IOS prints it: first address/port - last address/port (RFC 7296 §3.13.1). */
    static String selector(ProxyId p) {
        if (p.isV6()) {
            int lo = p.port() == 0 ? 0 : p.port(), hi = p.port() == 0 ? 65535 : p.port();
            return p.network6() + "/" + lo + " - " + p.last6() + "/" + hi;
        }
        int first = p.network() & p.mask(), last = first | ~p.mask();
        int lo = p.port() == 0 ? 0 : p.port(), hi = p.port() == 0 ? 65535 : p.port();
        return Ipv4Address.toString(first) + "/" + lo + " - " + Ipv4Address.toString(last) + "/" + hi;
    }

    // ------------------------------------------------------------------ show crypto ikev2 profile

    static String profiles(CryptoIkev2 c) {
        StringBuilder sb = new StringBuilder();
        for (CryptoIkev2.Profile p : c.profiles.values()) {
            sb.append("\nIKEv2 profile: ").append(p.name).append('\n');
            sb.append(" Match criteria: \n");
            sb.append("  Fvrf: ").append(p.matchFvrf == null ? "global" : p.matchFvrf).append('\n');
            sb.append("  Local address/interface: none\n");
            sb.append("  Identities: ").append(p.matches.isEmpty() ? "none" : "").append('\n');
            for (CryptoIkev2.Match m : p.matches) sb.append("   ").append(Ikev2Commands.matchText(m)).append('\n');
            sb.append("  Certificate maps: none\n");
            sb.append(" Local identity: ").append(p.localIdentity == null ? "none" : Ikev2Commands.identityText(p.localIdentity)).append('\n');
            sb.append(" Remote identity: none\n");
            sb.append(" Local authentication method: ").append(p.authLocal == null ? "none" : "pre-share").append('\n');
            sb.append(" Remote authentication method(s): ").append(p.authRemote == null ? "none" : "pre-share").append('\n');
            sb.append(" EAP options: none\n");
            sb.append(" Keyring: ").append(p.keyring == null ? "none" : p.keyring).append('\n');
            sb.append(" Trustpoint(s): none\n");
            sb.append(" Lifetime: ").append(p.lifetime).append(" seconds\n");
            sb.append(" DPD: ").append(p.dpd == null ? "disabled" : "interval " + p.dpd.interval() + " retry-interval "
                    + p.dpd.retry() + (p.dpd.mode() == CryptoIkev2.DpdMode.PERIODIC ? " periodic" : " on-demand")).append('\n');
            sb.append(" NAT-keepalive: disabled\n");
            sb.append(" Ivrf: none\n");
            sb.append(" Virtual-template: none\n");
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ show crypto ikev2 stats

    /** Every front-door VRF's IKEv2 engine summed, as IOS counts one IKEv2 process. */
    static String stats(IpsecEngine k) {
        int inActive = 0, inNeg = 0, outActive = 0, outNeg = 0;
        Ikev2Counters n = new Ikev2Counters();
        for (IpsecEngine.FrontDoor d : k.frontDoors()) {
            n.add(d.ikev2().counters());
            for (Ikev2SaInfo s : d.ikev2().sas()) {
                boolean ready = s.status().equals("READY");
                if (s.initiator()) {
                    if (ready) outActive++;
                    else outNeg++;
                } else if (ready) inActive++;
                else inNeg++;
            }
        }
        String line = "-".repeat(80) + "\n";
        StringBuilder sb = new StringBuilder(line);
        sb.append("                            Crypto IKEv2 SA Statistics\n").append(line);
        sb.append(String.format("Total incoming IKEv2 SA Count:    %-9dactive:        %-9dnegotiating: %-8d%n",
                inActive + inNeg, inActive, inNeg));
        sb.append(String.format("Total outgoing IKEv2 SA Count:    %-9dactive:        %-9dnegotiating: %-8d%n",
                outActive + outNeg, outActive, outNeg));
        sb.append(String.format("Incoming IKEv2 Requests: %-9dOutgoing IKEv2 Requests: %-8d%n", n.saResponded, n.saInitiated));
        sb.append(String.format("IKEv2 SAs established: %-11dfailed: %-9dhalf-open refused: %-8d%n", n.saEstablished,
                n.saFailed, n.halfOpenRefused));
        sb.append(String.format("IKEv2 packets dropped at dispatch: %-8d%n", n.malformed + n.unknownSa));
        sb.append(String.format("Incoming IKEV2 Cookie Challenged Requests: %-8d%n", n.cookiesSent));
        sb.append(String.format("Authentication failures: %-8d  No proposal chosen: %-8d%n", n.authFailed, n.noProposal));
        sb.append(String.format("Child SAs established: %-8d  rekeyed: %-8d%n", n.childEstablished, n.childRekeys));
        sb.append(String.format("Retransmissions: %-8d  DPD sent: %-8d  Deletes in/out: %d/%d%n", n.retransmissions,
                n.dpdSent, n.deletesIn, n.deletesOut));
        sb.append(String.format("Fragments sent: %-8d  received: %-8d  reassembled: %-8d  dropped: %-8d%n", n.fragmentsOut,
                n.fragmentsIn, n.reassembled, n.fragmentsDropped));
        return sb.toString();
    }
}
