package dev.routerlab.ipsec.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.antlr.v4.runtime.Token;
import dev.routerlab.device.cli.Shell;
import dev.routerlab.cli.CommandContext;
import dev.routerlab.cli.CommandRegistry;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.cli.Args;
import dev.routerlab.grammar.IosParser.Clear_cryptoContext;
import dev.routerlab.grammar.IosParser.Cs_localContext;
import dev.routerlab.grammar.IosParser.Cs_remoteContext;
import dev.routerlab.grammar.IosParser.S_cryptoContext;
import dev.routerlab.grammar.IosParser.S_dmvpnContext;
import dev.routerlab.grammar.IosParser.Sc_ipsec_saContext;
import dev.routerlab.grammar.IosParser.Sc_sessionContext;
import dev.routerlab.grammar.IosParser.X_debugContext;
import dev.routerlab.grammar.IosParser.X_undebugContext;
import dev.routerlab.ike.ChildSa;
import dev.routerlab.ike.IsakmpSaInfo;
import dev.routerlab.ike.KeyManager;
import dev.routerlab.ike.SessionEnds;
import dev.routerlab.ikev2.Ikev2SaInfo;
import dev.routerlab.ike.ProxyId;
import dev.routerlab.ip.IpInterface;
import dev.routerlab.esp.EspSa;
import dev.routerlab.ipsec.Flow;
import dev.routerlab.ipsec.IpsecDebug;
import dev.routerlab.ipsec.IpsecEngine;
import dev.routerlab.ipsec.SaPair;
import dev.routerlab.packet.IpAddress;
import dev.routerlab.packet.Ipv4Address;

/**
 * The IPsec EXEC commands: `show crypto isakmp sa [detail]`, `show crypto ipsec sa [peer A |
 * interface X | detail | keys wireshark]`, `show crypto session [detail]`, `show crypto engine
 * connections active` (IKEv1 and IKEv2 sessions), `clear crypto sa|isakmp|session`, `debug crypto isakmp|ipsec`,
 * `undebug all`. Every value is read from the live SA tables and ESP counters.
 */
public final class CryptoExec {
    private CryptoExec() {}

    static void register(CommandRegistry r) {
        r.on(Clear_cryptoContext.class, (c, cc) -> {
            IpsecEngine k = Shell.router(cc).ipsec();
            if (c.sa_peer != null) k.clearSa(Ipv4Address.parse(c.sa_peer.getText()));
            else if (c.SA() != null) k.clearSa();
            else if (c.ISAKMP() != null) k.clearIsakmp();
            else if (c.cs_local() != null || c.cs_remote() != null) k.clearSession(sessionEnds(c.cs_local(), c.cs_remote()));
            else k.clearSession();
        }).on(X_debugContext.class, (c, cc) -> {
            IpsecEngine k = Shell.router(cc).ipsec();
            if (c.ISAKMP() != null) {
                k.debug().isakmp(true);
                cc.println("Crypto ISAKMP debugging is on");
            } else {
                k.debug().ipsec(true);
                cc.println("Crypto IPSEC debugging is on");
            }
        }).on(X_undebugContext.class, (c, cc) -> {
            IpsecEngine k = Shell.router(cc).ipsec();
            k.debug().isakmp(false);
            k.debug().ipsec(false);
            cc.println("All possible debugging has been turned off");
        }).after(S_dmvpnContext.class, (c, cc) -> {
            if (c.DETAIL() != null) cc.print(dmvpnSessions(Shell.router(cc).ipsec()));
        });
    }

    /** `local A [port N]` and `remote A [port N]`: any address or port where one is not given. */
    private static SessionEnds sessionEnds(Cs_localContext local, Cs_remoteContext remote) {
        return new SessionEnds(local == null ? 0 : Args.ip(local.address), port(local == null ? null : local.number),
            remote == null ? 0 : Args.ip(remote.address), port(remote == null ? null : remote.number));
    }

    private static int port(Token t) { return t == null ? KeyManager.ANY_PORT : Args.num(t); }

    /**
     * The crypto block IOS appends to `show dmvpn detail`: one session per protected tunnel peer
     * (its IKE SA, status, flow, outbound SPI), then the pending sessions. Nothing without
     * tunnel protection.
     */
    static String dmvpnSessions(IpsecEngine k) {
        StringBuilder sb = new StringBuilder();
        int n = 0;
        Map<String, IkeSas> doors = new HashMap<>();
        for (Flow f : k.flows()) {
            if (!f.tunnelProtection() || f.iface() == null) continue;
            if (n++ == 0) sb.append("Crypto Session Details: \n").append("-".repeat(80)).append("\n\n");
            IsakmpSaInfo p1 = null;                                 // behind one PAT, its own host's (RFC 3947 §5)
            for (IsakmpSaInfo s : doors.computeIfAbsent(f.fvrf(), v -> new IkeSas(k, v)).v1(f.peer())) {
                if (!s.deleted() && KeyManager.portMatches(f.natPort(), s.peerPort())) p1 = s;
            }
            sb.append("Interface: ").append(f.iface().name).append('\n');
            // IOS prints its session handle; ours is the flow's place in the SPD
            sb.append(String.format("Session: [0x%08X]%n", 0x0F000000 + 0x100 * n));
            if (p1 != null) {
                long rem = Math.max(0, p1.remainingSeconds());
                sb.append("  IKEv1 SA: local ").append(Ipv4Address.toString(p1.localAddress())).append('/').append(p1.localPort())
                  .append(" remote ").append(Ipv4Address.toString(p1.peerAddress())).append('/').append(p1.peerPort())
                  .append(p1.state() == dev.routerlab.ike.IsakmpState.QM_IDLE ? " Active \n" : " Inactive \n");
                sb.append("          Capabilities:").append(p1.capabilities().isEmpty() ? "(none)" : p1.capabilities())
                  .append(" connid:").append(p1.connId()).append(" lifetime:")
                  .append(String.format("%02d:%02d:%02d", rem / 3600, rem / 60 % 60, rem % 60)).append('\n');
            }
            boolean up = !f.pairs().isEmpty();
            sb.append("  Crypto Session Status: ").append(up ? "UP-ACTIVE     " : p1 != null ? "UP-IDLE" : "DOWN").append('\n');
            sb.append("  fvrf: ").append(vrfText(f.fvrf())).append(", Phase1_id: ").append(f.peer()).append('\n');
            sb.append("  IPSEC FLOW: permit ").append(flowText(f.proxies().local(), f.proxies().remote())).append(" \n");
            sb.append("        Active SAs: ").append(2 * f.pairs().size()).append(", origin: crypto map\n");
            SaPair cur = f.current();
            if (cur != null) {
                sb.append("        Outbound SPI : ").append(String.format("0x%08X", cur.child().outboundSpi()))
                  .append(", transform : ").append(IpsecDebug.transformText(cur.child())).append(" \n");
            }
            sb.append("    Socket State: ").append(up ? "Open" : "Closed").append("\n\n");
        }
        if (n > 0) sb.append("Pending DMVPN Sessions:\n\n");
        return sb.toString();
    }

    /** The SA views under `show crypto`; false for the configuration views (config.CryptoShow's). */
    public static boolean show(S_cryptoContext c, CommandContext cc) {
        IpsecEngine k = Shell.router(cc).ipsec();
        if (c.sc_isakmp() != null && c.sc_isakmp().sc_isakmp_sa() != null) {
            cc.print(c.sc_isakmp().sc_isakmp_sa().DETAIL() != null ? isakmpSaDetail(k) : isakmpSa(k));
            return true;
        }
        if (c.sc_ipsec() != null && c.sc_ipsec().sc_ipsec_sa() != null) {
            Sc_ipsec_saContext s = c.sc_ipsec().sc_ipsec_sa();
            if (s.WIRESHARK() != null) {
                cc.print(wireshark(k));
            } else {
                Integer peer = s.IP_ADDRESS() == null ? null : Ipv4Address.parse(s.IP_ADDRESS().getText());
                InterfaceName in = s.INTERFACE_NAME() == null ? null : InterfaceName.parse(s.INTERFACE_NAME().getText());
                cc.print(ipsecSa(k, peer, in, s.DETAIL() != null));
            }
            return true;
        }
        if (c.sc_session() != null) {
            Sc_sessionContext s = c.sc_session();
            cc.print(session(k, s.DETAIL() != null, s.remote == null ? null : Ipv4Address.parse(s.remote.getText())));
            return true;
        }
        if (c.sc_engine() != null) {
            cc.print(engine(k));
            return true;
        }
        return false;
    }

    // ------------------------------------------------------------------ isakmp

    /** The IKEv2 SAs of one front-door VRF (null: the global table). */
    static List<Ikev2SaInfo> ikev2Sas(IpsecEngine k, String fvrf) {
        for (IpsecEngine.FrontDoor d : k.frontDoors()) if (Objects.equals(d.vrf(), fvrf)) return d.ikev2().sas();
        return List.of();
    }

    /** The ISAKMP SAs of one front-door VRF (null: the global table). */
    static List<IsakmpSaInfo> isakmpSas(IpsecEngine k, String fvrf) {
        for (IpsecEngine.FrontDoor d : k.frontDoors()) if (Objects.equals(d.vrf(), fvrf)) return d.ike().isakmpSas();
        return List.of();
    }

    /** The ISAKMP SAs of every front-door VRF, the global table's first. */
    static List<IsakmpSaInfo> isakmpSas(IpsecEngine k) {
        List<IsakmpSaInfo> all = new ArrayList<>();
        for (IpsecEngine.FrontDoor d : k.frontDoors()) all.addAll(d.ike().isakmpSas());
        return all;
    }

    /** A VRF as IOS's session views print it: its name, or (none) for the global table. */
    static String vrfText(String vrf) { return vrf == null ? "(none)" : vrf; }

    public static String isakmpSa(IpsecEngine k) {
        StringBuilder sb = new StringBuilder("IPv4 Crypto ISAKMP SA\n");
        sb.append("dst             src             state          conn-id status\n");
        for (IsakmpSaInfo s : isakmpSas(k)) {
            // IOS lists dst/src as the phase-1 initiator's view: dst = responder
            int dst = s.initiator() ? s.peerAddress() : s.localAddress();
            int src = s.initiator() ? s.localAddress() : s.peerAddress();
            sb.append(String.format("%-16s%-16s%-15s%7d %s%n", Ipv4Address.toString(dst), Ipv4Address.toString(src),
                    s.state(), s.connId(), s.status()));
        }
        sb.append("\nIPv6 Crypto ISAKMP SA\n\n");
        return sb.toString();
    }

    public static String isakmpSaDetail(IpsecEngine k) {
        StringBuilder sb = new StringBuilder();
        sb.append("Codes: C - IKE configuration mode, D - Dead Peer Detection\n");
        sb.append("       K - Keepalives, N - NAT-traversal\n");
        sb.append("       T - cTCP encapsulation, X - IKE Extended Authentication\n");
        sb.append("       psk - Preshared key, rsig - RSA signature\n");
        sb.append("       renc - RSA encryption\n");
        // the layout of reference show_crypto_isakmp_sa_detail/02, its blank lines and trailing spaces
        sb.append("IPv4 Crypto ISAKMP SA\n \n");
        sb.append("C-id  Local           Remote          I-VRF  Status Encr Hash   Auth DH Lifetime Cap.\n");
        for (IpsecEngine.FrontDoor d : k.frontDoors()) for (IsakmpSaInfo s : d.ike().isakmpSas()) {
            sb.append(" \n");
            String ivrf = "";
            for (Flow f : k.flows()) {
                if (!f.peer().isV6() && f.peer().v4() == s.peerAddress() && Objects.equals(f.fvrf(), d.vrf()) && f.ivrf() != null) ivrf = f.ivrf();
            }
            String enc = s.encryption() == null ? "" : s.encryption().name().startsWith("AES") ? "aes"
                    : s.encryption().name().equals("TRIPLE_DES") ? "3des" : "des";
            String hash = s.hash() == null ? "" : s.hash().name().equals("SHA1") ? "sha" : s.hash().name().toLowerCase();
            String auth = s.authentication() == null ? "" : s.authentication().name().equals("PRE_SHARE") ? "psk" : "rsig";
            String dh = s.group() == null ? "" : String.valueOf(s.group().id());
            long rem = Math.max(0, s.remainingSeconds());
            String life = s.remainingSeconds() < 0 ? "" : String.format("%02d:%02d:%02d", rem / 3600, rem / 60 % 60, rem % 60);
            // the status always ends in a space: `ACTIVE (deleted) aes`, not `ACTIVE (deleted)aes`
            sb.append(String.format("%-6d%-16s%-16s%-7s%-6s %-5s%-7s%-5s%-3s%-9s%-3s%n", s.connId(),
                    Ipv4Address.toString(s.localAddress()), Ipv4Address.toString(s.peerAddress()), ivrf, s.status(),
                    enc, hash, auth, dh, life, s.capabilities()));
            sb.append("       Engine-id:Conn-id =  SW:").append(s.connId() - 1000).append('\n');
        }
        sb.append("         \n");
        sb.append("IPv6 Crypto ISAKMP SA\n\n");
        return sb.toString();
    }

    // ------------------------------------------------------------------ ipsec sa

    public static String ipsecSa(IpsecEngine k, Integer peer, InterfaceName iface, boolean detail) {
        Map<String, List<Flow>> byIface = new LinkedHashMap<>();
        for (Flow f : k.flows()) {
            if (f.iface() == null || (peer != null && (f.peer().isV6() || f.peer().v4() != peer)) || (iface != null && !f.iface().name.equals(iface))) continue;
            byIface.computeIfAbsent(f.iface().name.toString(), x -> new ArrayList<>()).add(f);
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, List<Flow>> e : byIface.entrySet()) {
            Flow first = e.getValue().get(0);
            sb.append("\ninterface: ").append(e.getKey()).append('\n');
            sb.append("    Crypto map tag: ").append(first.tag()).append(", local addr ")
              .append(first.tunnelProtection() ? first.local() : IpAddress.of(first.iface().address())).append('\n');
            for (Flow f : e.getValue()) flow(sb, k, f, detail);
        }
        return sb.toString();
    }

    private static void flow(StringBuilder sb, IpsecEngine k, Flow f, boolean detail) {
        Flow.Totals t = f.totals();
        long encaps = t.encaps, encrypt = t.encrypt, digest = t.digest, decaps = t.decaps, decrypt = t.decrypt,
                verify = t.verify, sendErr = t.sendErrors, recvErr = t.recvErrors, replay = t.replayFailed,
                verifyFailed = t.verifyFailed;
        SaPair cur = f.current();
        sb.append("\n   protected vrf: ").append(vrfText(f.ivrf())).append('\n');
        String ident = f.ipv6() ? "(addr/prefixlen/prot/port): " : "(addr/mask/prot/port): ";
        sb.append("   local  ident ").append(ident).append(IpsecDebug.proxyText(f.proxies().local())).append('\n');
        sb.append("   remote ident ").append(ident).append(IpsecDebug.proxyText(f.proxies().remote())).append('\n');
        int peerPort = cur == null ? 500 : cur.child().udpEncapsulated() ? cur.child().peerPort() : 500;
        sb.append("   current_peer ").append(f.peer()).append(" port ").append(peerPort).append('\n');
        sb.append("     PERMIT, flags={origin_is_acl,}\n");
        sb.append("    #pkts encaps: ").append(encaps).append(", #pkts encrypt: ").append(encrypt)
          .append(", #pkts digest: ").append(digest).append('\n');
        sb.append("    #pkts decaps: ").append(decaps).append(", #pkts decrypt: ").append(decrypt)
          .append(", #pkts verify: ").append(verify).append('\n');
        sb.append("    #pkts compressed: 0, #pkts decompressed: 0\n");
        sb.append("    #pkts not compressed: 0, #pkts compr. failed: 0\n");
        sb.append("    #pkts not decompressed: 0, #pkts decompress failed: 0\n");
        if (detail) {
            sb.append("    #pkts no sa (send) ").append(f.noSa()).append(", #pkts invalid sa (rcv) ").append(f.invalidSa()).append('\n');
            sb.append("    #pkts encaps failed (send) ").append(sendErr).append(", #pkts decaps failed (rcv) ")
              .append(recvErr - replay - verifyFailed).append('\n');
            sb.append("    #pkts invalid prot (recv) ").append(f.invalidProt()).append(", #pkts verify failed: ").append(verifyFailed).append('\n');
            sb.append("    #pkts invalid identity (recv) ").append(f.invalidIdentity()).append(", #pkts invalid len (rcv) ")
              .append(f.invalidLen()).append('\n');
            sb.append("    #pkts replay rollover (send): 0, #pkts replay rollover (rcv) 0\n");
            sb.append("    ##pkts replay failed (rcv): ").append(replay).append('\n');
            sb.append("    #pkts internal err (send): 0, #pkts internal err (recv) 0\n");
        } else {
            sb.append("    #send errors ").append(sendErr).append(", #recv errors ")
              .append(recvErr + f.receiveDrops()).append('\n');
        }
        IpAddress local = f.tunnelProtection() ? f.local() : IpAddress.of(f.iface().address());
        // IPv6 ends are too long for one line: IOS breaks after the local one
        sb.append("\n     local crypto endpt.: ").append(local).append(f.ipv6() ? ",\n      remote crypto endpt.: " : ", remote crypto endpt.: ")
          .append(f.peer()).append('\n');
        IpInterface out = k.egress(f.fvrf(), f.peer());
        int ipMtu = out != null ? out.ipMtu() : 1500;
        int pathMtu = f.ipv6() ? ipMtu : f.pathMtu(ipMtu, k.nowNanos());      // lowered by "fragmentation needed" about its ESP
        String idb = out != null ? out.name.toString() : f.iface().name.toString();
        sb.append("     plaintext mtu ").append(cur == null ? pathMtu : IpsecEngine.plaintextMtu(cur.child(), pathMtu))
          .append(", path mtu ").append(pathMtu).append(f.ipv6() ? ", ipv6 mtu " : ", ip mtu ").append(ipMtu)
          .append(f.ipv6() ? ", ipv6 mtu idb " : ", ip mtu idb ")
          .append(idb).append('\n');
        sb.append("     current outbound spi: ").append(cur == null ? "0x0(0)" : IpsecDebug.spiText(cur.child().outboundSpi()))
          .append('\n');
        var pfs = cur == null ? null : cur.child().pfs();
        sb.append("     PFS (Y/N): ").append(pfs == null ? "N" : "Y").append(", DH group: ")
          .append(pfs == null ? "none" : "group" + pfs.id()).append('\n');
        sb.append("\n     inbound esp sas:\n");
        for (SaPair p : f.pairs()) sa(sb, k, f, p, p.in(), p.child().inboundSpi(), p.connIn(), detail);
        sb.append("\n     inbound ah sas:\n\n     inbound pcp sas:\n");
        sb.append("\n     outbound esp sas:\n");
        for (SaPair p : f.pairs()) sa(sb, k, f, p, p.out(), p.child().outboundSpi(), p.connOut(), detail);
        sb.append("\n     outbound ah sas:\n\n     outbound pcp sas:\n");
    }

    private static void sa(StringBuilder sb, IpsecEngine k, Flow f, SaPair p, EspSa sa, int spi,
                           int conn, boolean detail) {
        ChildSa c = p.child();
        String mode = (f.transport() ? "Transport" : "Tunnel") + (c.udpEncapsulated() ? " UDP-Encaps" : "");
        long elapsed = (k.nowNanos() - c.establishedNanos()) / 1_000_000_000L;
        long secLeft = Math.max(0, c.lifetimeSeconds() - elapsed);
        long kbLeft = c.lifetimeKilobytes() <= 0 ? 0 : Math.max(0, c.lifetimeKilobytes() - sa.bytesUsed() / 1024);
        sb.append("      spi: ").append(IpsecDebug.spiText(spi)).append('\n');
        sb.append("        transform: ").append(IpsecDebug.transformText(c)).append(" ,\n");
        sb.append("        in use settings ={").append(mode).append(", }\n");
        sb.append("        conn id: ").append(conn).append(", flow_id: SW:").append(conn - 2000)
          .append(", sibling_flags 80004040, crypto map: ").append(f.tag()).append('\n');
        sb.append("        sa timing: remaining key lifetime (k/sec): (").append(kbLeft).append('/').append(secLeft).append(")\n");
        sb.append("        IV size: ").append(IpsecEngine.ivSize(c.transform().encryption())).append(" bytes\n");
        sb.append("        replay detection support: ").append(c.transform().hasIntegrity() ? "Y" : "N");
        // the detail form adds the window of the pair's inbound SA, on both directions as IOS does
        // (reference show_crypto_ipsec_sa_detail/01: `replay detection support: Y  replay window size: 1024`)
        int window = p.in().replayWindowSize();
        if (detail && c.transform().hasIntegrity() && window > 0) sb.append("  replay window size: ").append(window);
        sb.append('\n');
        sb.append("        Status: ACTIVE(ACTIVE)\n");
    }

    // ------------------------------------------------------------------ session, engine

    /** `show crypto session [remote A] [detail]`; remote null: every peer. */
    public static String session(IpsecEngine k, boolean detail, Integer remote) {
        // IOS's own trailing spaces (reference show_crypto_session/01, show_crypto_session_detail/01)
        StringBuilder sb = new StringBuilder("Crypto session current status\n");
        if (detail) {
            sb.append(" \n");
            sb.append("Code: C - IKE Configuration mode, D - Dead Peer Detection    \n");
            sb.append("K - Keepalives, N - NAT-traversal, T - cTCP encapsulation    \n");
            sb.append("X - IKE Extended Authentication, F - IKE Fragmentation\n");
            sb.append("R - IKE Auto Reconnect\n \n");
        } else {
            sb.append('\n');
        }
        // each front door's IKE SAs and the flows' NAT-T ports read once, by peer: a hub's thousands of
        // sessions each look up their own, not every SA (a 2,000-spoke hub took 2.1 s before)
        Map<String, IkeSas> doors = new HashMap<>();
        Map<IpAddress, Set<Integer>> flowPorts = new HashMap<>();
        for (Flow f : k.flows()) if (f.natPort() != KeyManager.ANY_PORT) flowPorts.computeIfAbsent(f.peer(), x -> new HashSet<>()).add(f.natPort());
        Map<Session, List<Flow>> sessions = new LinkedHashMap<>();
        for (Flow f : k.flows()) {
            if (f.iface() == null || remote != null && (f.peer().isV6() || f.peer().v4() != remote)) continue;
            IkeSas d = doors.computeIfAbsent(f.fvrf(), v -> new IkeSas(k, v));
            sessions.computeIfAbsent(new Session(f.iface().name, f.peer(), natPort(d, flowPorts, f)), x -> new ArrayList<>()).add(f);
        }
        for (Map.Entry<Session, List<Flow>> e : sessions.entrySet()) {
            List<Flow> fs = e.getValue();
            Flow f0 = fs.get(0);
            int natPort = e.getKey().natPort();
            IkeSas d = doors.get(f0.fvrf());
            IsakmpSaInfo p1 = null;
            for (IsakmpSaInfo s : d.v1(f0.peer())) if (!s.deleted() && KeyManager.portMatches(natPort, s.peerPort())) p1 = s;
            Ikev2SaInfo v2 = null;
            for (Ikev2SaInfo s : d.v2(f0.peer())) if (!s.status().equals("DELETE") && KeyManager.portMatches(natPort, s.remotePort())) v2 = s;
            boolean anySa = fs.stream().anyMatch(f -> !f.pairs().isEmpty());
            String status = anySa ? "UP-ACTIVE" : p1 != null || v2 != null ? "UP-IDLE" : "DOWN";
            sb.append("Interface: ").append(f0.iface().name).append('\n');
            if (v2 != null && v2.profile() != null) sb.append("Profile: ").append(v2.profile()).append('\n');
            sb.append("Session status: ").append(status);
            if (anySa) sb.append(detail ? "    " : "     ");
            sb.append('\n');
            int port = p1 != null ? p1.peerPort() : v2 != null ? v2.remotePort() : natPort != KeyManager.ANY_PORT ? natPort : 500;
            sb.append("Peer: ").append(f0.peer()).append(" port ").append(port);
            if (detail) sb.append(" fvrf: ").append(vrfText(f0.fvrf())).append(" ivrf: ").append(vrfText(f0.ivrf())).append('\n');
            else sb.append(" \n");
            if (detail) sb.append("      Phase1_id: ").append(f0.peer()).append("\n      Desc: (none)\n");
            if (p1 != null) {
                // an IKEv1 SA belongs to no IKEv2 session: IOS prints its Session ID as 0
                sb.append(detail ? "  Session ID: 0 \n" : "  Session ID: 0  \n");
                sb.append("  IKEv1 SA: local ").append(Ipv4Address.toString(p1.localAddress())).append('/').append(p1.localPort())
                  .append(" remote ").append(Ipv4Address.toString(p1.peerAddress())).append('/').append(p1.peerPort())
                  .append(p1.state() == dev.routerlab.ike.IsakmpState.QM_IDLE ? " Active" : " Inactive")
                  .append(detail ? "\n" : " \n");
                if (detail) {
                    long rem = Math.max(0, p1.remainingSeconds());
                    sb.append("          Capabilities:").append(p1.capabilities().isEmpty() ? "(none)" : p1.capabilities())
                      .append(" connid:").append(p1.connId()).append(" lifetime:")
                      .append(String.format("%02d:%02d:%02d", rem / 3600, rem / 60 % 60, rem % 60)).append('\n');
                }
            }
            if (p1 == null && v2 != null) {
                sb.append("  Session ID: ").append(v2.sessionId()).append(detail ? " \n" : "  \n");
                // an IPv6 SA's line wraps before `remote` (reference show_crypto_session/04)
                sb.append("  IKEv2 SA: local ").append(v2.local()).append('/').append(v2.localPort())
                  .append(v2.remote().isV6() ? "\n          remote " : " remote ").append(v2.remote()).append('/').append(v2.remotePort())
                  .append(v2.status().equals("READY") ? " Active" : " Inactive").append(detail ? "\n" : " \n");
                if (detail) {
                    long rem = Math.max(0, v2.lifetimeSeconds() - v2.activeSeconds());
                    sb.append("          Capabilities:(none) connid:").append(v2.tunnelId()).append(" lifetime:")
                      .append(String.format("%02d:%02d:%02d", rem / 3600, rem / 60 % 60, rem % 60)).append('\n');
                }
            }
            for (Flow f : fs) {
                sb.append("  IPSEC FLOW: permit ").append(flowText(f.proxies().local(), f.proxies().remote())).append(detail ? "\n" : " \n");
                sb.append("        Active SAs: ").append(2 * f.pairs().size()).append(", origin: crypto map\n");
                if (detail) {
                    long dec = 0, enc = 0, dropIn = 0, dropOut = 0;
                    long lifeIn = 0, lifeOut = 0, secs = 0;
                    for (SaPair p : f.pairs()) {
                        dec += p.in().counters().decaps();
                        dropIn += p.in().counters().recvErrors();
                        enc += p.out().counters().encaps();
                        dropOut += p.out().counters().sendErrors();
                    }
                    SaPair cur = f.current();
                    if (cur != null) {
                        long kb = cur.child().lifetimeKilobytes();
                        lifeIn = Math.max(0, kb - cur.in().bytesUsed() / 1024);
                        lifeOut = Math.max(0, kb - cur.out().bytesUsed() / 1024);
                        secs = Math.max(0, cur.child().lifetimeSeconds() - (k.nowNanos() - cur.child().establishedNanos()) / 1_000_000_000L);
                    }
                    sb.append("        Inbound:  #pkts dec'ed ").append(dec).append(" drop ").append(dropIn)
                      .append(" life (KB/Sec) ").append(lifeIn).append('/').append(secs).append('\n');
                    sb.append("        Outbound: #pkts enc'ed ").append(enc).append(" drop ").append(dropOut)
                      .append(" life (KB/Sec) ").append(lifeOut).append('/').append(secs).append('\n');
                }
            }
            sb.append(detail ? " \n" : "\n");
        }
        return sb.toString();
    }

    /** A `show crypto session` session: an interface, a peer and, behind a PAT, the peer's port ({@link #natPort}). */
    private record Session(InterfaceName iface, IpAddress peer, int natPort) {}

    /** One front-door VRF's IKE SAs by peer address, in their order, read once per show (`show crypto session`, `show dmvpn detail`). */
    private static final class IkeSas {
        private final Map<Integer, List<IsakmpSaInfo>> v1 = new HashMap<>();
        private final Map<IpAddress, List<Ikev2SaInfo>> v2 = new HashMap<>();

        IkeSas(IpsecEngine k, String fvrf) {
            for (IsakmpSaInfo s : isakmpSas(k, fvrf)) v1.computeIfAbsent(s.peerAddress(), x -> new ArrayList<>()).add(s);
            for (Ikev2SaInfo s : ikev2Sas(k, fvrf)) v2.computeIfAbsent(s.remote(), x -> new ArrayList<>()).add(s);
        }

        List<IsakmpSaInfo> v1(IpAddress peer) { return peer.isV6() ? List.of() : v1.getOrDefault(peer.v4(), List.of()); }

        List<Ikev2SaInfo> v2(IpAddress peer) { return v2.getOrDefault(peer, List.of()); }
    }

    /**
     * The peer port that makes a flow's session when another host shares its peer's address (hosts
     * behind one PAT, told apart by port: RFC 3947 §5): its SA pair's, else its own host's (a flow
     * whose pair is gone stays that host's session); {@link KeyManager#ANY_PORT} when the address is one host's. Another host
     * is a live IKE SA, or a flow, at another port.
     */
    private static int natPort(IkeSas d, Map<IpAddress, Set<Integer>> flowPorts, Flow f) {
        SaPair cur = f.current();
        int port = f.peer().isV6() ? KeyManager.ANY_PORT : cur != null ? cur.child().peerPort() : f.natPort();
        if (port == KeyManager.ANY_PORT) return port;
        for (IsakmpSaInfo s : d.v1(f.peer())) if (!s.deleted() && s.peerPort() != port) return port;
        for (Ikev2SaInfo s : d.v2(f.peer())) if (!s.status().equals("DELETE") && s.remotePort() != port) return port;
        for (int p : flowPorts.getOrDefault(f.peer(), Set.of())) if (p != port) return port;
        return KeyManager.ANY_PORT;
    }

    static String flowText(ProxyId l, ProxyId r) {
        String proto = l.protocol() == 0 ? l.isV6() ? "ipv6" : "ip" : String.valueOf(l.protocol());
        return proto + " " + host(l) + " " + host(r);
    }

    private static String host(ProxyId p) {
        if (p.isV6()) return p.prefix6() == 128 ? "host " + p.network6() : p.network6() + "/" + p.prefix6();
        if (p.mask() == -1) return "host " + Ipv4Address.toString(p.network());
        if (p.mask() == 0) return "0.0.0.0/0.0.0.0";
        return Ipv4Address.toString(p.network()) + "/" + Ipv4Address.toString(p.mask());
    }

    public static String engine(IpsecEngine k) {
        StringBuilder sb = new StringBuilder("\n   ID  Type    Algorithm           Encrypt  Decrypt LastSeqN IP-Address\n");
        for (IsakmpSaInfo s : isakmpSas(k)) {
            if (s.deleted() || s.encryption() == null) continue;
            String alg = (s.hash() == null ? "" : s.hash().name().replace("SHA1", "SHA")) + "+"
                    + s.encryption().name().replace("_128", "").replace("TRIPLE_DES", "3DES").replace("_", "");
            sb.append(String.format("%5d  %-8s%-18s%8d %8d %8d %s%n", s.connId(), "IKE", alg, 0, 0, 0,
                    Ipv4Address.toString(s.localAddress())));
        }
        for (SaPair p : k.pairs()) {
            ChildSa c = p.child();
            String alg = c.transform().encryption().name().replace("_128", "").replace("_", "")
                    + (c.transform().integrity().name().equals("NONE") ? ""
                    : "+" + c.transform().integrity().name().replace("_HMAC", ""));
            IpAddress local = p.flow().tunnelProtection() ? p.flow().local() : c.local();
            sb.append(String.format("%5d  %-8s%-18s%8d %8d %8d %s%n", p.connIn(), "IPsec", alg, 0,
                    p.in().counters().decaps(), p.in().sequence(), local));
            sb.append(String.format("%5d  %-8s%-18s%8d %8d %8d %s%n", p.connOut(), "IPsec", alg,
                    p.out().counters().encaps(), 0, p.out().sequence(), local));
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ wireshark

    /** `show crypto ipsec sa keys wireshark`: the esp_sa, ikev1_ and ikev2_decryption_table UAT files, marked. */
    public static String wireshark(IpsecEngine k) {
        return "# esp_sa (Wireshark UAT file: copy to ~/.config/wireshark/esp_sa)\n" + k.wiresharkEspSa()
                + "# ikev1_decryption_table (copy to ~/.config/wireshark/ikev1_decryption_table)\n" + k.wiresharkIkev1()
                + "# ikev2_decryption_table (copy to ~/.config/wireshark/ikev2_decryption_table)\n" + k.wiresharkIkev2();
    }
}
