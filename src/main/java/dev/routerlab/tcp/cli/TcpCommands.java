package dev.routerlab.tcp.cli;

import dev.routerlab.cli.Args;
import dev.routerlab.cli.CommandContext;
import dev.routerlab.cli.CommandRegistry;
import dev.routerlab.cli.Session;
import dev.routerlab.config.RunningConfigWriter;
import dev.routerlab.device.Router;
import dev.routerlab.device.cli.Shell;
import dev.routerlab.grammar.IosParser.*;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.tcp.Tcb;
import dev.routerlab.tcp.TcpEngine;

/**
 * The TCP command layer (grammar/imports/Tcp.g4): `show tcp brief [all]` and `show tcp
 * statistics` in IOS's layouts, from the engine's live TCBs and counters; `ip http server`; the
 * telnet client ({@link TelnetClient}: `telnet`, an address typed alone) and server on the vty
 * lines ({@link TelnetVty}, listening while `transport input` allows telnet).
 */
public final class TcpCommands {
    private TcpCommands() {}

    public static void register(CommandRegistry r) {
        r.on(S_tcpContext.class, TcpCommands::show)
         .on(Ip_httpContext.class, (c, cc) -> Shell.config(cc).ipHttpServer = !cc.negated())
         .on(X_telnetContext.class, (c, cc) ->
             telnet(cc, Args.ip(c.IP_ADDRESS()), c.tcpPort == null ? TelnetVty.PORT : Integer.parseInt(c.tcpPort.getText())))
         .on(X_hostContext.class, (c, cc) -> telnet(cc, Args.ip(c.IP_ADDRESS()), TelnetVty.PORT))
         .on(S_sessionsContext.class, (c, cc) -> sessions(cc))
         .on(X_resumeContext.class, (c, cc) -> resume(cc, c.conn == null ? null : Integer.valueOf(c.conn.getText())))
         .on(X_disconnectContext.class, (c, cc) -> disconnect(cc, c.conn == null ? null : Integer.valueOf(c.conn.getText())))
         // the vty lines take telnet or not: port 23 listens accordingly
         .after(L_transportContext.class, (c, cc) -> TelnetVty.of(Shell.router(cc)).reconcile());
    }

    private static void telnet(CommandContext cc, int address, int port) {
        Router r = Shell.router(cc);
        TelnetClient.open(cc, r.tcp(), Shell.of(cc).scheduler(), address, port);
    }

    /** `show sessions`: this terminal's suspended (and current) outgoing connections, `*` the one `resume` returns to. */
    private static void sessions(CommandContext cc) {
        Session s = cc.session();
        if (s.connections().isEmpty()) {
            cc.println("% No connections open");
            return;
        }
        long now = Shell.of(cc).scheduler().nanos();
        cc.println("Conn Host                Address             Byte  Idle Conn Name");
        for (var e : s.connections().entrySet()) {
            Session.Connection c = e.getValue();
            long idleMin = Math.max(0, now - c.lastActiveNanos()) / 60_000_000_000L;
            cc.println(String.format("%s%3d %-19s %-19s %4d %5d %s", c == s.lastConnection() ? "*" : " ", e.getKey(),
                c.host(), c.host(), c.waiting(), idleMin, c.host()));
        }
    }

    /** The connection a number names, or without one the last used (the `*`); null when there is none. */
    private static Session.Connection pick(Session s, Integer n) {
        return n == null ? s.lastConnection() : s.connections().get(n);
    }

    /** `resume [N]`: back to a suspended connection. */
    private static void resume(CommandContext cc, Integer n) {
        Session s = cc.session();
        Session.Connection c = pick(s, n);
        if (c == null) {
            cc.println(s.connections().isEmpty() ? "% No connection to resume" : "% Invalid connection number");
            return;
        }
        int number = 0;
        for (var e : s.connections().entrySet()) if (e.getValue() == c) number = e.getKey();
        Session.Background b = cc.background();
        int num = number;
        Shell.of(cc).scheduler().schedule(0, () -> {
            c.resume(num);
            b.done();
        });
    }

    /** `disconnect [N]`: ends a suspended connection after `[confirm]`. */
    private static void disconnect(CommandContext cc, Integer n) {
        Session s = cc.session();
        Session.Connection c = pick(s, n);
        if (c == null) {
            cc.println(s.connections().isEmpty() ? "% No connection to close" : "% Invalid connection number");
            return;
        }
        cc.ask("Closing connection to " + c.host() + " [confirm]", false, a -> {
            if (a == null || !(a.isBlank() || a.strip().toLowerCase(java.util.Locale.ROOT).startsWith("y"))) return;
            c.close();
        });
    }

    /** `ip http server` before the static routes, as IOS writes it. */
    public static void sections(RunningConfigWriter w) {
        w.global(RunningConfigWriter.ROUTING - 5, (c, sb) -> {
            if (c.ipHttpServer) sb.append("ip http server\n");
        });
    }

    private static void show(S_tcpContext c, CommandContext cc) {
        TcpEngine tcp = Shell.router(cc).tcp();
        if (c.tcp_brief() != null) cc.print(brief(tcp, c.tcp_brief().ALL() != null));
        else cc.print(statistics(tcp.stats()));
    }

    /** `show tcp brief [all]`: one line per TCB (with all, the listeners too). */
    static String brief(TcpEngine tcp, boolean all) {
        StringBuilder sb = new StringBuilder("TCB       Local Address               Foreign Address             (state)\n");
        for (Tcb t : tcp.connections()) {
            row(sb, t.id(), Ipv4Address.toString(t.localAddress()) + "." + t.localPort(),
                Ipv4Address.toString(t.remoteAddress()) + "." + t.remotePort(), t.state().ios);
        }
        if (all) for (TcpEngine.Listener l : tcp.listening()) row(sb, l.id(), "0.0.0.0." + l.port(), "*.*", "LISTEN");
        return sb.toString();
    }

    private static void row(StringBuilder sb, int id, String local, String foreign, String state) {
        sb.append(String.format("%08X  %-27s %-27s %s%n", id, local, foreign, state).replace(System.lineSeparator(), "\n"));
    }

    /** `show tcp statistics`: IOS's lines for the counters the engine keeps. */
    static String statistics(TcpEngine.Stats s) {
        return "Rcvd: " + s.received + " Total, " + s.noPort + " no port\n"
            + "      " + s.badChecksum + " checksum error, " + s.badOffset + " bad offset, " + s.tooShort + " too short\n"
            + "      " + s.inSequenceSegments + " packets (" + s.inSequenceBytes + " bytes) in sequence\n"
            + "      " + s.duplicates + " dup packets\n"
            + "      " + s.outOfOrder + " out-of-order packets\n"
            + "Sent: " + s.sent + " Total\n"
            + "      " + s.dataSegments + " data packets (" + s.dataBytes + " bytes)\n"
            + "      " + s.retransmitted + " packets retransmitted\n"
            + "      " + s.acks + " ack only packets\n"
            + "      " + s.windowProbes + " window probe packets\n"
            + s.connectionsInitiated + " Connections initiated, " + s.connectionsAccepted + " connections accepted, "
            + s.connectionsEstablished + " connections established\n"
            + s.connectionsClosed + " Connections closed (including " + s.resetsReceived + " reset by peer, "
            + s.overflowDrops + " embryonic dropped)\n"
            + s.timeouts + " Total rxmt timeout, " + s.timeouts + " connections dropped in rxmt timeout\n";
    }
}
