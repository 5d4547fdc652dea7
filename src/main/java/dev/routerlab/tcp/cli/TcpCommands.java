package dev.routerlab.tcp.cli;

import dev.routerlab.cli.Args;
import dev.routerlab.cli.CommandContext;
import dev.routerlab.cli.CommandRegistry;
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
         // the vty lines take telnet or not: port 23 listens accordingly
         .after(L_transportContext.class, (c, cc) -> TelnetVty.of(Shell.router(cc)).reconcile());
    }

    private static void telnet(CommandContext cc, int address, int port) {
        Router r = Shell.router(cc);
        TelnetClient.open(cc, r.tcp(), Shell.of(cc).scheduler(), address, port);
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
