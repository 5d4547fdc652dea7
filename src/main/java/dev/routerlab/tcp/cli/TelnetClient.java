package dev.routerlab.tcp.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import dev.routerlab.cli.CommandContext;
import dev.routerlab.cli.Session;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.sim.Scheduler;
import dev.routerlab.tcp.Tcb;
import dev.routerlab.tcp.TcpEngine;
import dev.routerlab.tcp.TcpHandler;
import dev.routerlab.telnet.TelnetCodec;
import dev.routerlab.text.Printable;

/**
 * IOS's telnet client (`telnet HOST [PORT]`, an address typed alone) in line mode: `Trying ...
 * Open` (or IOS's refusal and time-out texts), then the session's terminal talks to the other
 * host ({@link Session#connect}): typed lines go out with CR LF, what comes back is shown, and
 * when the host goes quiet its last partial line is the prompt. It echoes itself (it answers the
 * server's WILL ECHO with DONT ECHO) and masks a line typed at a password prompt. The escape
 * sequence closes the connection; the host closing it gives `[Connection to ... closed by
 * foreign host]`. Runs on the router's scheduler and never holds it.
 */
final class TelnetClient implements TcpHandler, Session.Connection {
    /** How long the other host must be quiet before its partial line counts as a prompt. */
    static final long QUIET_NANOS = 100_000_000L;
    /** How long a typed line may go unanswered before the prompt shows anyway. */
    static final long ANSWER_NANOS = 2_000_000_000L;
    private static final int MAX_PARTIAL = 4096;
    /** What a suspended connection keeps of the host's output until it is resumed. */
    private static final int MAX_HELD = 65536;

    private final Session session;
    private final Scheduler scheduler;
    private final String host;
    private final TelnetCodec codec = new TelnetCodec(false);
    private final StringBuilder partial = new StringBuilder();
    private Session.Background opening;
    private Tcb tcb;
    private Scheduler.Timer quiet;
    private boolean open, over;
    /** Ctrl-Shift-6 x: the terminal is back at the local prompt; what the host sends waits here (bounded). */
    private boolean suspended;
    private final StringBuilder held = new StringBuilder();
    /** How the host closed a suspended connection, told when it is resumed. */
    private String closedText = "";
    private int heldBytes;
    private long lastActive;

    private TelnetClient(Session session, Scheduler scheduler, int address) {
        this.session = session;
        this.scheduler = scheduler;
        this.host = Ipv4Address.toString(address);
    }

    /** `telnet A.B.C.D [port]`. */
    static void open(CommandContext cc, TcpEngine tcp, Scheduler scheduler, int address, int port) {
        TelnetClient t = new TelnetClient(cc.session(), scheduler, address);
        cc.print("Trying " + t.host + (port == TelnetVty.PORT ? "" : ", " + port) + " ... ");
        t.opening = cc.background();
        t.opening.onAbort(() -> {
            if (t.tcb != null) t.tcb.abort();
        });
        t.tcb = tcp.connect(0, address, port, t);
        if (t.tcb == null) t.fail("% Destination unreachable; gateway or host down");
    }

    private void fail(String text) {
        opening.print("\n" + text + "\n\n");
        opening.done();
        over = true;
    }

    @Override
    public void connected(Tcb c) {
        open = true;
        lastActive = scheduler.nanos();
        session.opened(this);
        opening.print("Open\n");
        session.connect(this);
        opening.done();
    }

    @Override
    public void received(Tcb c, byte[] data) {
        ByteArrayOutputStream replies = new ByteArrayOutputStream();
        byte[] d = codec.decode(data, replies);
        if (replies.size() > 0) c.write(replies.toByteArray());
        String text = new String(d, StandardCharsets.UTF_8).replace("\r", "").replace("\0", "");
        lastActive = scheduler.nanos();
        if (suspended) {                        // shown when the connection is resumed
            if (held.length() + text.length() <= MAX_HELD) {
                held.append(text);
                heldBytes += d.length;
            }
            return;
        }
        int nl = text.lastIndexOf('\n');
        if (nl >= 0) {
            String lines = partial + text.substring(0, nl + 1);
            partial.setLength(0);
            StringBuilder shown = new StringBuilder();
            for (String l : lines.split("\n", -1)) shown.append(Printable.printable(l)).append('\n');
            shown.setLength(shown.length() - 1);
            session.deliver(shown.toString());
            text = text.substring(nl + 1);
        }
        if (partial.length() + text.length() <= MAX_PARTIAL) partial.append(text);
        quietIn(QUIET_NANOS);
    }

    /** The host's prompt shows once it has been quiet that long. */
    private void quietIn(long nanos) {
        if (quiet != null) quiet.cancel();
        quiet = scheduler.schedule(nanos, () -> {
            quiet = null;
            if (over || session.connection() != this) return;
            String p = Printable.printable(partial.toString());
            partial.setLength(0);
            session.connectionQuiet(p, p.strip().toLowerCase(Locale.ROOT).endsWith("password:"));
        });
    }

    @Override
    public void line(String typed) {
        if (over) return;
        tcb.write(TelnetCodec.encode((typed + "\r\n").getBytes(StandardCharsets.UTF_8)));
        quietIn(ANSWER_NANOS);
    }

    /** Ctrl-Shift-6 x: as IOS, the connection is suspended, the local prompt back (`resume`, `disconnect`). */
    @Override
    public void escape() {
        if (over || suspended) return;
        if (!open) {
            end("");
            tcb.abort();
            return;
        }
        suspended = true;
        if (quiet != null) quiet.cancel();
        quiet = null;
        held.append(partial);
        partial.setLength(0);
        session.disconnect(this);
    }

    @Override
    public void close() {
        if (over) return;
        suspended = false;
        held.setLength(0);
        end("");
        tcb.close();
    }

    @Override
    public void resume(int number) {
        if (!suspended) return;
        if (over) {                             // closed while suspended: what it sent, then the closure
            suspended = false;
            String text = held.toString();
            held.setLength(0);
            heldBytes = 0;
            session.ended(this);
            session.deliver("[Resuming connection " + number + " to " + host + " ... ]\n\n" + Printable.printable(text) + closedText);
            return;
        }
        suspended = false;
        String text = held.toString();
        held.setLength(0);
        heldBytes = 0;
        session.deliver("[Resuming connection " + number + " to " + host + " ... ]\n\n");
        session.connect(this);
        int nl = text.lastIndexOf('\n');
        if (nl >= 0) session.deliver(Printable.printable(text.substring(0, nl + 1)));
        partial.append(text.substring(nl + 1));
        quietIn(QUIET_NANOS);
    }

    @Override
    public String host() { return host; }

    @Override
    public int waiting() { return heldBytes; }

    @Override
    public long lastActiveNanos() { return lastActive; }

    @Override
    public void remoteClosed(Tcb c) {
        c.close();
        end("\n[Connection to " + host + " closed by foreign host]\n");
    }

    @Override
    public void closed(Tcb c, Reason why) {
        if (!open) {
            if (!over) fail(why == Reason.TIMED_OUT ? "% Connection timed out; remote host not responding"
                : "% Connection refused by remote host");
            return;
        }
        end("\n[Connection to " + host + " closed by foreign host]\n");
    }

    private void end(String text) {
        if (over) return;
        over = true;
        if (quiet != null) quiet.cancel();
        String rest = partial.toString();
        partial.setLength(0);
        if (suspended) {                        // IOS tells of it when the user next looks (resume)
            held.append(rest);
            closedText = text;
            return;
        }
        session.ended(this);
        session.disconnect(this);
        session.deliver(Printable.printable(rest) + text);
    }
}
