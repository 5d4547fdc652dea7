package dev.routerlab.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.jline.keymap.KeyMap;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.Reference;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal.Signal;

/**
 * An interactive session on a JLine terminal (local console or SSH channel): line editing and
 * history, `?` help that keeps the typed text, TAB completion from the grammar, Ctrl-Z to leave
 * configuration mode, Ctrl-C to abandon a line, and the --More-- pager. While the session has
 * a question open, its text is the line's prompt (the typed answer masked when hidden), and
 * Ctrl-C or Ctrl-Z abandons it.
 */
public final class JLineConsole implements Terminal {
    private final org.jline.terminal.Terminal term;
    private final LineReader reader;
    private Session session;
    private volatile boolean reading;
    /** The question being read as the line's prompt, or null. */
    private volatile Session.Question asking;
    private boolean ctrlZ;
    /** Ctrl-C arrived as a signal (a terminal with ISIG) while no line was being read. */
    private volatile boolean interrupted;
    private java.util.function.Consumer<Runnable> runner = Runnable::run;
    private java.util.function.Predicate<String> escape = line -> false;

    public JLineConsole(org.jline.terminal.Terminal term) {
        this.term = term;
        this.reader = LineReaderBuilder.builder().terminal(term)
            .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
            .option(LineReader.Option.AUTO_FRESH_LINE, false)
            // IOS runs pasted lines one by one; and no escape sequences for automation to strip
            .option(LineReader.Option.BRACKETED_PASTE, false)
            .variable(LineReader.HISTORY_SIZE, 20)
            .build();
        reader.getWidgets().put("ios-help", this::helpWidget);
        reader.getWidgets().put("ios-complete", this::completeWidget);
        reader.getWidgets().put("ios-ctrl-z", this::ctrlZWidget);
        KeyMap<org.jline.reader.Binding> main = reader.getKeyMaps().get(LineReader.MAIN);
        main.bind(new Reference("ios-help"), "?");
        main.bind(new Reference("ios-complete"), "\t");
        main.bind(new Reference("ios-ctrl-z"), KeyMap.ctrl('Z'));
        // Ctrl-Z must reach the line editor as a key (IOS: leave configuration mode), not stop us.
        org.jline.terminal.Attributes attrs = term.getAttributes();
        attrs.setControlChar(org.jline.terminal.Attributes.ControlChar.VSUSP, 0);
        term.setAttributes(attrs);
        term.handle(Signal.TSTP, s -> { });
        // Ctrl-C outside the line editor (a command running, --More--) stops the command, never
        // the program; the line editor puts its own handler in place while it reads
        term.handle(Signal.INT, s -> interrupted = true);
    }

    /**
     * For labs: session work (typed lines, `?`, TAB, Ctrl-Z) runs through {@code runner}, which
     * runs it on the lab's clock thread and waits; a line for which {@code escape} is true (the
     * lab's `@R2`) is not typed but ends {@link #run}.
     */
    public JLineConsole labHooks(java.util.function.Consumer<Runnable> runner, java.util.function.Predicate<String> escape) {
        this.runner = runner;
        this.escape = escape;
        return this;
    }

    /** Runs the session until the user leaves it. */
    public void run(Session s, Runnable onLine) {
        this.session = s;
        s.host().attach(s);
        try {
            while (!s.closed()) {
                Session.Question q = s.question();
                String line;
                try {
                    reading = true;
                    asking = q;
                    line = q != null ? reader.readLine(q.text(), q.hidden() ? (char) 0 : null)
                        : reader.readLine(s.prompt(), null, (org.jline.reader.MaskingCallback) null, null);
                } catch (UserInterruptException e) {
                    if (s.closed()) break;     // the router ended the session (exec-timeout)
                    // IOS: Ctrl-C abandons a question (or, when it timed out, just shows the
                    // prompt again); at the prompt it abandons the line and leaves configuration mode
                    runner.accept(q != null ? () -> s.answer(q, null) : s::endConfig);
                    continue;
                } catch (EndOfFileException e) {
                    break;
                } finally {
                    reading = false;
                    asking = null;
                    // a Ctrl-C from here on is for what this line starts, even before awaitCommand
                    // waits on it (its first output may already be out)
                    interrupted = false;
                }
                if (ctrlZ) {
                    ctrlZ = false;
                    runner.accept(q != null ? () -> s.answer(q, null) : s::endConfig);
                } else if (q != null) {
                    runner.accept(() -> s.answer(q, line));
                } else if (escape.test(line)) {
                    break;
                } else {
                    String typed = line;
                    runner.accept(() -> s.type(typed));
                }
                awaitCommand(s);
                onLine.run();
            }
        } finally {
            s.host().detach(s);
        }
    }

    /**
     * As IOS, the next prompt comes when the command typed is over: while it runs (ping,
     * traceroute) its output goes straight out, Ctrl-C or the escape sequence (Ctrl-Shift-6,
     * then x) stops it, and other keys wait as typeahead for the next line. A command runs at
     * most {@link Session#MAX_COMMAND_NANOS}; the end of input stops it too.
     */
    private void awaitCommand(Session s) {
        if (!s.busy()) return;
        long deadline = System.nanoTime() + Session.MAX_COMMAND_NANOS;
        org.jline.terminal.Attributes saved = term.enterRawMode();   // keys one by one; Ctrl-C stays a signal
        try {
            while (s.busy()) {
                if (interrupted || escapeTyped() || System.nanoTime() - deadline > 0) {
                    interrupted = false;
                    runner.accept(s::abort);
                } else {
                    s.awaitIdle(POLL_MILLIS);
                }
            }
        } finally {
            term.setAttributes(saved);
        }
        s.terminal().flush();
    }

    private static final int POLL_MILLIS = 50;
    private static final int CTRL_C = 3;
    /** Ctrl-^ (Ctrl-Shift-6): the first key of the IOS escape sequence. */
    private static final int ESCAPE = 0x1e;

    /** True when the next key is Ctrl-C or the escape sequence (consumed), or input has ended. */
    private boolean escapeTyped() {
        try {
            int c = term.reader().peek(1);
            if (c == org.jline.utils.NonBlockingReader.EOF) return true;
            if (c != CTRL_C && c != ESCAPE) return false;
            term.reader().read(1);
            if (c == ESCAPE && Character.toLowerCase(term.reader().peek(POLL_MILLIS * 10)) == 'x') term.reader().read(1);
            return true;
        } catch (IOException e) {
            return true;
        }
    }

    private boolean helpWidget() {
        if (asking != null) {   // an answer may hold a `?`
            reader.getBuffer().write('?');
            return true;
        }
        String typed = reader.getBuffer().toString();
        term.writer().println("?");
        reading = false;
        runner.accept(() -> session.help(typed));
        reading = true;
        reader.getBuffer().clear();
        reader.getBuffer().write(session.pending());
        session.clearPending();
        reader.callWidget(LineReader.REDRAW_LINE);
        reader.callWidget(LineReader.REDISPLAY);
        return true;
    }

    private boolean completeWidget() {
        if (asking != null) return true;
        String typed = reader.getBuffer().toString();
        String[] result = new String[1];
        runner.accept(() -> result[0] = session.complete(typed));
        String done = result[0];
        if (done != null) {
            reader.getBuffer().clear();
            reader.getBuffer().write(done);
        } else {
            reader.callWidget(LineReader.BEEP);
        }
        return true;
    }

    private boolean ctrlZWidget() {
        reader.getBuffer().clear();
        reader.getBuffer().write("^Z");
        ctrlZ = true;
        reader.callWidget(LineReader.ACCEPT_LINE);
        return true;
    }

    @Override
    public void write(String text) {
        if (reading) {
            reader.printAbove(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
        } else {
            term.writer().print(text.replace("\n", "\r\n").replace("\r\r\n", "\r\n"));
            term.writer().flush();
        }
    }

    /** The question timed out on the router: stop reading it (as Ctrl-C does) and show the prompt. */
    @Override
    public void questionExpired() {
        if (asking != null) term.raise(Signal.INT);
    }

    /** The router ended the session while its next line was being read: stop reading. */
    @Override
    public void sessionClosed() {
        if (reading) term.raise(Signal.INT);
    }

    @Override public boolean interactive() { return true; }

    @Override
    public int readKey() {
        term.flush();
        org.jline.terminal.Attributes saved = term.enterRawMode();
        try {
            for (;;) {
                int c = term.reader().read(POLL_MILLIS);
                if (c != org.jline.utils.NonBlockingReader.READ_EXPIRED) return c;
                if (interrupted) {                // stops the pager as any key but space and enter
                    interrupted = false;
                    return CTRL_C;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            term.setAttributes(saved);
        }
    }
}
