package dev.routerlab.cli;

import java.util.ArrayList;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import dev.routerlab.grammar.IosParser;
import dev.routerlab.sim.Scheduler;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.tree.ParseTree;

/**
 * One CLI session (console line or vty): its mode, privilege, terminal settings and history.
 * Takes typed lines, runs them through the grammar and the command registry, and writes what
 * IOS would print. Runs on the router's event loop.
 */
public final class Session {
    private static final int HISTORY_SIZE = 10;

    private final Host host;
    private Terminal terminal;
    private final Cli cli;
    private final String lineName;
    private String user;
    private final String from;
    private Mode mode;
    private Object target;
    private String pending = "";
    private final Deque<String> execHistory = new ArrayDeque<>();
    private final Deque<String> configHistory = new ArrayDeque<>();
    private int length = 24;
    private int width = 80;
    private boolean closed;
    private boolean monitor;
    private long lastInput;
    private final long started;

    /**
     * @param lineName "con 0" or "vty 0"; @param user the logged-in user or null;
     * @param from the peer address for vty sessions, else null
     */
    public Session(Host host, Terminal terminal, String lineName, String user, String from, int privilege) {
        this.host = host;
        this.terminal = terminal;
        this.cli = host.cli();
        this.lineName = lineName;
        this.user = user;
        this.from = from;
        this.mode = privilege >= 15 ? Mode.PRIV_EXEC : Mode.USER_EXEC;
        this.lastInput = host.scheduler().nanos();
        this.started = lastInput;
    }

    /** Time since the session started (`show terminal`). */
    public long activeNanos() { return host.scheduler().nanos() - started; }

    /** Time since the last typed line. */
    public long idleNanos() { return host.scheduler().nanos() - lastInput; }

    /** After a reload the console starts over in user EXEC. */
    public void reset() {
        Asked a = asked;
        if (a != null) {   // the command that asked is gone with the old boot: dropped, not answered
            drop(a);
            terminal.questionExpired();
        }
        enter(Mode.USER_EXEC, null);
        pending = "";
    }

    public Host host() { return host; }

    public Terminal terminal() { return terminal; }

    /** Replaces the terminal (transcript replay records each command's output); returns the old one. */
    public Terminal swapTerminal(Terminal t) {
        Terminal old = terminal;
        terminal = t;
        return old;
    }

    public Mode mode() { return mode; }

    public Object target() { return target; }

    public String lineName() { return lineName; }

    public String user() { return user; }

    public String from() { return from; }

    public boolean isVty() { return lineName.startsWith("vty"); }

    public boolean closed() { return closed; }

    /** Ends the session; a question still open is abandoned (its command sees no answer). */
    public void close() {
        closed = true;
        if (gate != null) {
            gate = null;
            question = null;
        }
        Terminal t = terminal;
        Asked a = asked;
        if (a != null) resume(a, null);
        for (Connection c : new ArrayList<>(connections.values())) c.close();
        Connection conn = connection;
        if (conn != null) conn.close();
        if (t != null) t.sessionClosed();
    }

    // ---- the line's login (`User Access Verification`) ---------------------------------------

    /** Where the answer to a login question goes; null once the session is past its login. */
    private Consumer<String> gate;

    /**
     * Before the first prompt: asks {@code text} (masked when hidden) as the session's
     * {@link #question()}; the line typed or answered (null: none, e.g. the end of input) goes to
     * {@code then} on the router's scheduler, which asks again, {@link #admit}s or closes.
     */
    public void gate(String text, boolean hidden, Consumer<String> then) {
        gate = then;
        question = new Question(text, hidden);
    }

    /** True while the session waits at its login. */
    public boolean atLogin() { return gate != null; }

    /** The login passed: the session starts in EXEC at privilege (15: privileged), as user. */
    public void admit(String user, int privilege) {
        this.user = user;
        mode = privilege >= 15 ? Mode.PRIV_EXEC : Mode.USER_EXEC;
        target = null;
        lastInput = host.scheduler().nanos();
    }

    private void passGate(String answer) {
        Consumer<String> then = gate;
        gate = null;
        question = null;
        lastInput = host.scheduler().nanos();
        then.accept(answer);
    }

    public int privilege() { return mode == Mode.USER_EXEC ? 1 : 15; }

    public String prompt() { return mode.prompt(host.hostname()); }

    /** Text kept on the line after `?` (IOS redisplays it after the help). */
    public String pending() { return pending; }

    /** For line editors that keep the typed text in their own buffer after `?`. */
    public void clearPending() { pending = ""; }

    public int length() { return length; }

    public void setLength(int length) { this.length = length; }

    public int width() { return width; }

    public void setWidth(int width) { this.width = width; }

    public boolean monitor() { return monitor; }

    public void setMonitor(boolean monitor) { this.monitor = monitor; }

    public List<String> history() { return List.copyOf(mode.isExec() ? execHistory : configHistory); }

    public void enter(Mode mode, Object target) {
        // the enclosing modes of a nested mode, innermost last: `exit` and fall-through go back to them
        while (!outer.isEmpty() && outer.peekLast().mode() != mode.parent()) outer.removeLast();
        if (mode.parent() != null && mode.parent() == this.mode) outer.addLast(new Enclosing(this.mode, this.target));
        this.mode = mode;
        this.target = target;
    }

    /** A mode this session is inside of, with its target. */
    private record Enclosing(Mode mode, Object target) {}

    private final java.util.ArrayDeque<Enclosing> outer = new java.util.ArrayDeque<>();

    /** Handles one typed line (what follows the prompt and the pending text). */
    public void type(String typed) {
        lastInput = host.scheduler().nanos();
        if (gate != null) {
            passGate(typed);
            return;
        }
        Connection conn = connection;
        if (conn != null) {          // the terminal talks to another host (telnet)
            connectionWaits();
            conn.line(typed);
            return;
        }
        Asked a = asked;
        if (a != null) {   // the line answers the open question
            resume(a, typed);
            return;
        }
        String full = pending + typed;
        pending = "";
        if (full.isBlank() && mode.isExec() && lastConnection != null) {   // IOS: Return resumes the last connection
            for (var e : connections.entrySet()) {
                if (e.getValue() == lastConnection) {
                    e.getValue().resume(e.getKey());
                    return;
                }
            }
        }
        if (full.endsWith("?")) {
            help(full.substring(0, full.length() - 1));
            return;
        }
        execute(full);
    }

    /** Runs a complete command line (also used to load configuration files). */
    public void execute(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || (!mode.isExec() && trimmed.startsWith("!"))) return;
        remember(trimmed);
        CommandParser.Outcome o = cli.parser().parse(mode, line);
        // IOS tries a line that fails in a nested mode in the enclosing modes, innermost first
        for (java.util.Iterator<Enclosing> up = outer.descendingIterator(); !(o instanceof CommandParser.Parsed) && up.hasNext(); ) {
            Enclosing e = up.next();
            if (cli.parser().parse(e.mode(), line) instanceof CommandParser.Parsed p) {
                enter(e.mode(), e.target());
                o = p;
            }
        }
        if (!(o instanceof CommandParser.Parsed) && mode.isConfigSubMode()) {
            CommandParser.Outcome global = cli.parser().parse(Mode.CONFIG, line);
            if (global instanceof CommandParser.Parsed) {
                enter(Mode.CONFIG, null);
                o = global;
            } else if (progress(global) > progress(o)) {
                o = global;
            }
        }
        if (o instanceof CommandParser.Parsed p) {
            new Runner().run(p.tree());
        } else {
            terminal.write(errorText(line, o));
        }
    }

    /** How far into the line a failed parse got: the error shown is the one that got furthest. */
    private static int progress(CommandParser.Outcome o) {
        if (o instanceof CommandParser.Invalid i) return i.caret();
        if (o instanceof CommandParser.Ambiguous a) return a.typed().length();
        return Integer.MAX_VALUE;
    }

    /** The IOS error text for a line that did not parse. */
    public String errorText(String line, CommandParser.Outcome o) {
        if (o instanceof CommandParser.Ambiguous a) return "% Ambiguous command:  \"" + a.typed() + "\"\n";
        if (o instanceof CommandParser.Incomplete) return "% Incomplete command.\n\n";
        if (!(o instanceof CommandParser.Invalid inv)) return "";
        if (mode.isExec() && inv.word() == 0 && !knownAsPrivileged(line)) {
            String word = line.strip().split("\\s+")[0].toLowerCase(Locale.ROOT);
            return host.unknownCommand(word);
        }
        return " ".repeat(prompt().length() + inv.caret()) + "^\n% Invalid input detected at '^' marker.\n\n";
    }

    private boolean knownAsPrivileged(String line) {
        if (mode != Mode.USER_EXEC) return false;
        CommandParser.Outcome o = cli.parser().parse(Mode.PRIV_EXEC, line);
        return !(o instanceof CommandParser.Invalid i) || i.word() > 0;
    }

    private void remember(String line) {
        Deque<String> h = mode.isExec() ? execHistory : configHistory;
        h.addLast(line);
        while (h.size() > HISTORY_SIZE) h.removeFirst();
    }

    /**
     * Runs a parsed line: its `no`/`default` prefix, the commands of every mode (`do`, `end`,
     * `exit`), else its handler. A class of its own: linking it loads ANTLR's tree types (the
     * verifier's checks of its calls), which the first prompt does without.
     */
    private final class Runner {
        void run(ParserRuleContext tree) {
            boolean no = false, def = false;
            ParseTree body = tree;
            for (int i = 0; i < tree.getChildCount(); i++) {
                ParseTree c = tree.getChild(i);
                if (c instanceof IosParser.Config_prefixContext pre) {
                    no = pre.NO() != null;
                    def = pre.DEFAULT() != null;
                } else if (c instanceof IosParser.Mode_commonContext common) {
                    runCommon(common);
                    return;
                }
            }
            CommandContext cc = new CommandContext(Session.this, no, def);
            step(new Step(cc, tree, !mode.isExec()), () -> {
                if (!cli.registry().dispatch(body, cc)) cc.error("Command not implemented yet");
            });
        }

        void runCommon(IosParser.Mode_commonContext c) {
            if (c.DO() != null) {
                CommandContext cc = new CommandContext(Session.this, false, false);
                step(new Step(cc, c, false), () -> cli.registry().dispatch(c.exec_cmd(), cc));
            } else if (c.END() != null) {
                endConfig();
            } else if (!outer.isEmpty()) {
                Enclosing e = outer.peekLast();
                enter(e.mode(), e.target());
            } else if (mode.isConfigSubMode()) {
                enter(Mode.CONFIG, null);
            } else {
                endConfig();
            }
        }
    }

    /** A command line being run: its context, its parse tree (output filter) and whether it configures. */
    private record Step(CommandContext cc, ParseTree tree, boolean configures) {}

    /** The step running now (its handler or a question's continuation); null between commands. */
    private Step step;

    /**
     * Runs one step of a command (the handler, or the continuation of a question it asked) and
     * prints what it printed through the command's output filter.
     */
    private void step(Step st, Runnable work) {
        Step outer = step;
        CommandContext outerRunning = running;
        step = st;
        running = st.cc();
        try {
            work.run();
        } finally {
            step = outer;
            running = outerRunning;
        }
        print(st.cc(), st.tree());
        // a configuration command that waits for an answer (banner text) is applied when it ends
        if (st.configures() && asked == null) host.configured(mode.isConfigSubMode() ? target : null);
    }

    // ---- questions (`Password:`, `[confirm]`, banner text) -----------------------------------

    /** A question open on the session: its next line is the answer. */
    public record Question(String text, boolean hidden) {}

    /** The open question and what to do with its answer. */
    private record Asked(Question question, Step step, Consumer<String> then, Scheduler.Timer timer) {}

    private volatile Question question;
    private Asked asked;
    private long askTimeoutNanos;

    /**
     * The question the session waits on, or null. Front ends show its text instead of the prompt
     * (and mask what is typed when it is hidden), then hand the line to {@link #type} or
     * {@link #answer}. Safe to read from a front end's thread.
     */
    public Question question() { return question; }

    /** How long a question waits for its answer before the command sees none (0: no bound; vty lines: 30 s). */
    public void askTimeout(long nanos) { this.askTimeoutNanos = nanos; }

    /**
     * Opens a question for the command running now: the session waits for the answer without
     * holding the router (other sessions, timers and packets go on); {@code then} runs on the
     * router's scheduler with the answer, or with null when the session ends, Ctrl-C is typed or
     * the question times out.
     */
    void ask(CommandContext cc, String text, boolean hidden, Consumer<String> then) {
        Step st = step;
        if (st == null || st.cc() != cc) throw new IllegalStateException("a question outside its command");
        if (asked != null) throw new IllegalStateException("a question is already open");
        if (closed) {
            then.accept(null);
            return;
        }
        Question q = new Question(text, hidden);
        Scheduler.Timer timer = askTimeoutNanos > 0 ? host.scheduler().schedule(askTimeoutNanos, () -> expire(q)) : null;
        asked = new Asked(q, st, then, timer);
        question = q;
    }

    /**
     * Answers question q (null: no answer, e.g. Ctrl-C or end of input). Does nothing when q is
     * no longer open (it timed out while the answer was being typed): the line is dropped rather
     * than run as a command, as it may be a password.
     */
    public void answer(Question q, String answer) {
        if (gate != null) {
            if (q == question) passGate(answer);
            return;
        }
        Connection conn = connection;
        if (conn != null && asked == null && q == question) {     // the other host's prompt
            if (answer == null) {
                conn.escape();
                return;
            }
            type(answer);
            return;
        }
        Asked a = asked;
        if (a == null || a.question() != q) return;
        lastInput = host.scheduler().nanos();
        resume(a, answer);
    }

    private void expire(Question q) {
        Asked a = asked;
        if (a == null || a.question() != q) return;
        resume(a, null);
        terminal.questionExpired();
    }

    private void resume(Asked a, String answer) {
        drop(a);
        step(a.step(), () -> a.then().accept(answer));
    }

    private void drop(Asked a) {
        asked = null;
        question = null;
        if (a.timer() != null) a.timer().cancel();
    }

    // ---- commands that finish later (ping, traceroute) -------------------------------------

    private volatile Background background;

    /**
     * True while a command started by the last line is still running on the router's scheduler
     * (ping, traceroute). Virtual-time drivers run the scheduler until it is false, e.g.
     * {@code clock.runUntil(() -> !session.busy(), Session.MAX_COMMAND_NANOS)}; live drivers
     * call {@link #awaitIdle()}. A session waiting on a {@link #question()} is not busy: it waits
     * for its next line, as at the prompt.
     */
    public boolean busy() { return background != null || connection != null && connectionWaiting; }

    /** The longest a background command may run in virtual time before a driver gives up. */
    public static final long MAX_COMMAND_NANOS = 24 * 3600 * 1_000_000_000L;

    /** Blocks the calling (console) thread until the running command finishes. */
    public void awaitIdle() {
        while (!awaitIdle(Long.MAX_VALUE / 2)) {
            if (Thread.currentThread().isInterrupted()) return;
        }
    }

    /** As {@link #awaitIdle()}, for at most about {@code millis}; true when the session is idle. */
    public boolean awaitIdle(long millis) {
        synchronized (this) {
            if (background != null) {
                try {
                    wait(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return background == null;
        }
    }

    /**
     * The escape sequence (Ctrl-Shift-6 x) or Ctrl-C while a command runs: it stops as on IOS
     * (ping prints its summary of the echoes sent so far). Runs on the router's scheduler.
     */
    public void abort() {
        Background b = background;
        if (b != null) b.abort();
        else if (connection != null) connection.escape();
    }

    // ---- an outgoing connection (telnet): the terminal talks to another host -------------------

    /** Where typed lines go while the session's terminal is connected to another host. Scheduler thread. */
    public interface Connection {
        /** A typed line for the other host. */
        void line(String typed);

        /** The escape sequence (Ctrl-Shift-6 x): back to the local prompt, the connection suspended (IOS). */
        void escape();

        /** Ends the connection (`disconnect`, the session ending). */
        default void close() { escape(); }

        /** `resume`: the terminal talks to the other host again, what it sent meanwhile shown. */
        default void resume(int number) {}

        /** The other host as `show sessions` names it. */
        default String host() { return ""; }

        /** Bytes received while suspended, not yet shown (`show sessions`' Byte). */
        default int waiting() { return 0; }

        /** When the connection last carried data (scheduler nanoseconds). */
        default long lastActiveNanos() { return 0; }
    }

    /** The open outgoing connections by number (IOS: `show sessions`, `resume N`, `disconnect N`). */
    private final java.util.TreeMap<Integer, Connection> connections = new java.util.TreeMap<>();
    /** The connection `resume` without a number goes back to (the `*` of `show sessions`). */
    private Connection lastConnection;

    /** A connection opened: its number, the lowest free one. */
    public int opened(Connection c) {
        int n = 1;
        while (connections.containsKey(n)) n++;
        connections.put(n, c);
        lastConnection = c;
        return n;
    }

    /** A connection ended: its number is free again. */
    public void ended(Connection c) {
        connections.values().remove(c);
        if (lastConnection == c) lastConnection = connections.isEmpty() ? null : connections.lastEntry().getValue();
    }

    /** The open connections by number. */
    public java.util.SortedMap<Integer, Connection> connections() { return java.util.Collections.unmodifiableSortedMap(connections); }

    /** The connection `resume` goes back to by default, or null. */
    public Connection lastConnection() { return lastConnection; }

    private Connection connection;
    private volatile boolean connectionWaiting;

    /**
     * Connects the terminal to another host: typed lines go to c; the session is busy while the
     * host is answering ({@link #connectionWaits}) and, when it has gone quiet
     * ({@link #connectionQuiet}), shows its last partial line as the {@link #question()}.
     */
    public void connect(Connection c) {
        connection = c;
        lastConnection = c;
        connectionWaits();
    }

    /** The other host is sending: drivers wait (busy) and no prompt shows. */
    public void connectionWaits() {
        connectionWaiting = true;
        question = null;
    }

    /** The other host has gone quiet with prompt (its partial line) on the screen; hidden: a password prompt. */
    public void connectionQuiet(String prompt, boolean hidden) {
        synchronized (this) {
            question = new Question(prompt, hidden);
            connectionWaiting = false;
            notifyAll();
        }
    }

    /** The connection is over or suspended: the local prompt again. */
    public void disconnect(Connection c) {
        if (connection != c) return;
        synchronized (this) {
            connection = null;
            connectionWaiting = false;
            question = null;
            notifyAll();
        }
    }

    public Connection connection() { return connection; }

    /** Starts a background command: its output goes straight to the terminal as it happens. */
    Background begin() {
        Background b = new Background(step);
        background = b;
        return b;
    }

    /** The handle of a command that finishes later; print and done run on the router's scheduler. */
    public final class Background {
        private Runnable onAbort = this::done;
        private final Step started;

        private Background(Step started) { this.started = started; }

        /** What stops the command when the user aborts it (by default it just ends). */
        public void onAbort(Runnable stop) { this.onAbort = stop; }

        void abort() {
            if (background == this) onAbort.run();
            done();
        }

        public void print(String text) {
            if (background == this && !text.isEmpty()) terminal.write(text);
        }

        /**
         * Ends the wait and runs the rest of the command as a step of it (an HTTP answer came):
         * it prints through the command's context and may ask a question. Nothing runs when the
         * command was aborted meanwhile.
         */
        public void resume(Runnable work) {
            if (background != this || started == null) return;
            done();
            step(started, work);
        }

        /** The command is over: the session takes the next line. */
        public void done() {
            synchronized (Session.this) {
                if (background == this) background = null;
                Session.this.notifyAll();
            }
        }
    }

    /** The command running now in this session, whose output log lines must follow. */
    private CommandContext running;

    /** Log lines for this session's console: after what the running command printed so far. */
    public void deliver(String text) {
        if (running != null) running.print(text);
        else terminal.write(text);
    }

    /** Leaves configuration mode as `end`, Ctrl-Z or `exit` from global config do. */
    public void endConfig() {
        if (mode.isExec()) return;
        enter(Mode.PRIV_EXEC, null);
        host.configuredFrom(this);
    }

    private void print(CommandContext cc, ParseTree tree) {
        String text = cc.output();
        IosParser.Output_filterContext f = findFilter(tree);
        if (f != null) text = OutputFilter.apply(f, text);
        cc.clearOutput();
        if (text.isEmpty()) return;
        if (terminal.interactive() && length > 0) {
            Pager.page(terminal, text, length);
        } else {
            terminal.write(text);
        }
    }

    private static IosParser.Output_filterContext findFilter(ParseTree t) {
        if (t instanceof IosParser.Output_filterContext f) return f;
        for (int i = 0; i < t.getChildCount(); i++) {
            IosParser.Output_filterContext f = findFilter(t.getChild(i));
            if (f != null) return f;
        }
        return null;
    }

    /** `?`: prints help for what may follow `typed` and keeps `typed` on the line. */
    public void help(String typed) {
        Object r = cli.parser().help(mode, typed);
        if (r instanceof CommandParser.Outcome && mode.isConfigSubMode() && !typed.isBlank()) {
            Object global = cli.parser().help(Mode.CONFIG, typed); // as commands fall through, so does help
            if (!(global instanceof CommandParser.Outcome)) r = global;
        }
        if (r instanceof CommandParser.Outcome o) {
            if (o instanceof CommandParser.Invalid inv && !typed.isBlank() && inv.word() == Word.split(typed).size() - 1
                && !Character.isWhitespace(typed.charAt(typed.length() - 1))) {
                terminal.write("% Unrecognized command\n");
            } else {
                terminal.write(errorText(typed, o));
            }
            pending = typed;
            return;
        }
        @SuppressWarnings("unchecked")
        List<CommandParser.HelpItem> items = (List<CommandParser.HelpItem>) r;
        boolean partial = !typed.isEmpty() && !Character.isWhitespace(typed.charAt(typed.length() - 1));
        StringBuilder sb = new StringBuilder();
        if (partial) {
            if (items.isEmpty()) {
                sb.append("% Unrecognized command\n");
            } else {
                for (CommandParser.HelpItem i : items) sb.append(i.display()).append("  ");
                sb.append("\n\n");
            }
        } else {
            int w = items.stream().filter(i -> !i.help().isEmpty()).mapToInt(i -> i.display().length()).max().orElse(0);
            for (CommandParser.HelpItem i : items) {
                if (i.help().isEmpty()) sb.append("  ").append(i.display()).append('\n');
                else sb.append("  ").append(pad(i.display(), w)).append("  ").append(i.help()).append('\n');
            }
            sb.append('\n');
        }
        terminal.write(sb.toString());
        pending = typed;
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s : s + " ".repeat(w - s.length());
    }

    /** TAB completion of the last word; returns the new line or null. */
    public String complete(String typed) {
        return cli.parser().complete(mode, typed);
    }

    /** Compiles an IOS output-filter regular expression (RE2/J, linear time); null when it is invalid. */
    static com.google.re2j.Pattern regex(String re) {
        return IosRegex.compile(re);
    }
}
