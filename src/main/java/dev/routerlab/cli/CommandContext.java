package dev.routerlab.cli;

/** What a command handler sees: the session, its host, `no`/`default`, output. */
public final class CommandContext {
    private final Session session;
    private final boolean negated;
    private final boolean defaulted;
    private final StringBuilder out = new StringBuilder();

    CommandContext(Session session, boolean negated, boolean defaulted) {
        this.session = session;
        this.negated = negated;
        this.defaulted = defaulted;
    }

    public Session session() { return session; }

    /** The device the session runs on (its feature layers know the type). */
    public Host host() { return session.host(); }

    /** True for `no ...` and for `default ...` (both restore the default). */
    public boolean negated() { return negated || defaulted; }

    public boolean isDefault() { return defaulted; }

    public CommandContext print(String s) {
        out.append(s);
        return this;
    }

    public CommandContext println(String s) {
        out.append(s).append('\n');
        return this;
    }

    public CommandContext printf(String fmt, Object... args) {
        out.append(String.format(fmt, args));
        return this;
    }

    /** IOS `% Incomplete command.` for a command that needs more words (non-`no` form). */
    public void incomplete() { out.append("% Incomplete command.\n\n"); }

    /** `% Invalid input detected at '^' marker.` under the given token of the line. */
    public void invalid(org.antlr.v4.runtime.tree.TerminalNode at) {
        int col = session.prompt().length() + at.getSymbol().getStartIndex();
        out.append(" ".repeat(col)).append("^\n% Invalid input detected at '^' marker.\n\n");
    }

    /**
     * `% Invalid input` with the caret where the typed word stops matching the keywords IOS
     * would take there (`group 3` puts it under the `3`).
     */
    public void invalid(org.antlr.v4.runtime.tree.TerminalNode at, java.util.Collection<String> keywords) {
        String w = at.getText().toLowerCase(java.util.Locale.ROOT);
        int best = 0;
        for (String k : keywords) {
            int i = 0;
            while (i < w.length() && i < k.length() && w.charAt(i) == k.charAt(i)) i++;
            best = Math.max(best, i);
        }
        best = Math.min(best, Math.max(0, w.length() - 1));
        org.antlr.v4.runtime.CommonToken t = new org.antlr.v4.runtime.CommonToken(at.getSymbol());
        t.setStartIndex(at.getSymbol().getStartIndex() + best);
        invalid(new org.antlr.v4.runtime.tree.TerminalNodeImpl(t));
    }

    /** An IOS error line: `% text`. */
    public void error(String text) { out.append("% ").append(text).append('\n'); }

    /** The sub-mode's object (the interface being configured, the policy, ...). */
    public <T> T target(Class<T> type) { return type.cast(session.target()); }

    public void enter(Mode mode, Object target) { session.enter(mode, target); }

    /**
     * Prints pending output, then asks a question (`Password: `, `[confirm]`; "" for a line of
     * multi-line input such as a banner) and returns at once: the router goes on while the
     * session waits for the answer. {@code then} runs with the answer when the session's next
     * line arrives, or with null when the question times out, is abandoned (Ctrl-C) or the
     * session ends. What {@code then} prints is this command's output; it may ask again. Asking
     * must be the last thing a handler (or continuation) does.
     */
    public void ask(String question, boolean hidden, java.util.function.Consumer<String> then) {
        flush();
        session.ask(this, question, hidden, then);
    }

    /**
     * Turns this command into one that finishes later on the router's scheduler (ping,
     * traceroute): what was printed so far goes out now, later output through the handle, and
     * the session is {@link Session#busy()} until {@link Session.Background#done()}.
     */
    public Session.Background background() {
        flush();
        return session.begin();
    }

    void flush() {
        if (out.length() > 0) {
            session.terminal().write(out.toString());
            out.setLength(0);
        }
    }

    String output() { return out.toString(); }

    void clearOutput() { out.setLength(0); }
}
