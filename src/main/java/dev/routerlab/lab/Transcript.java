package dev.routerlab.lab;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.routerlab.cli.Session;
import dev.routerlab.cli.Terminal;

/**
 * A recorded console session and its replay. A line that starts with a router prompt holds a
 * typed command; the lines up to the next prompt are its expected output. The prompt's
 * hostname names the router. In expected lines `{*}` matches any text. Lines starting with
 * `!! ` (two bangs and a space, so that ping's `!!!!!` stays output) are directives:
 * `!! answer TEXT` supplies the next hidden answer (a password); `!! wait 40s` lets that much
 * (virtual) time pass after the command before it (units ms, s, m, h; a bare number is
 * seconds); `!! lab NAME` names the lab a transcript runs on; anything else is a comment.
 */
public final class Transcript {
    /** hostname, then `>` `#` or `(mode)#`, then what was typed. */
    static final Pattern PROMPT = Pattern.compile("^([A-Za-z][A-Za-z0-9._-]*)((?:\\([a-z0-9-]+\\))?[>#])(.*)$");
    static final String WILDCARD = "{*}";

    /** One mismatch between the expected and the replayed output; command is the prompt line it follows. */
    public record Mismatch(int line, String expected, String actual, String command) {
        public Mismatch(int line, String expected, String actual) {
            this(line, expected, actual, null);
        }

        @Override public String toString() {
            return "line " + line + (command == null ? "" : " (output of `" + command + "`)")
                + ":\n  expected: " + expected + "\n  actual:   " + actual;
        }
    }

    /** `!! wait DURATION`. */
    static final Pattern WAIT = Pattern.compile("^!!\\s*wait\\s+(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?\\s*$");

    private final List<String> lines = new ArrayList<>();
    private final List<Integer> numbers = new ArrayList<>();
    private final Deque<String> hidden = new ArrayDeque<>();

    public Transcript(String text) {
        String[] raw = text.split("\r?\n", -1);
        int n = text.endsWith("\n") ? raw.length - 1 : raw.length;
        for (int i = 0; i < n; i++) {
            lines.add(raw[i]);
            numbers.add(i + 1);
        }
    }

    /**
     * Replays against the sessions that `sessionFor` gives for each hostname; `settle` runs
     * pending router work after each command. Returns the mismatches (empty when all match).
     */
    public List<Mismatch> replay(Function<String, Session> sessionFor, Runnable settle) {
        return replay(sessionFor, settle, s -> "", nanos -> { });
    }

    /**
     * As {@link #replay(Function, Runnable)}, for labs: {@code backlog} gives what a session's
     * console printed unasked since its last command (shown before the next command's output),
     * and {@code wait} lets virtual time pass for `!! wait` directives.
     */
    public List<Mismatch> replay(Function<String, Session> sessionFor, Runnable settle,
                                 Function<Session, String> backlog, LongConsumer wait) {
        List<Mismatch> out = new ArrayList<>();
        int i = 0;
        while (i < lines.size() && directive(lines.get(i))) {
            long w = waitNanos(lines.get(i));
            if (w > 0) wait.accept(w);
            i++;
        }
        while (i < lines.size()) {
            String l = lines.get(i);
            Matcher m = PROMPT.matcher(l);
            if (!m.matches()) {
                out.add(new Mismatch(numbers.get(i), l, "(a prompt line)"));
                return out;
            }
            Session s = sessionFor.apply(m.group(1));
            if (s == null) {
                out.add(new Mismatch(numbers.get(i), l, "(no router named " + m.group(1) + ")"));
                return out;
            }
            String expectedPrompt = m.group(1) + m.group(2);
            String rest = m.group(3);
            // text kept on the line after `?` that the next line does not repeat was erased (Ctrl-U)
            if (!rest.startsWith(s.pending())) s.clearPending();
            if (!expectedPrompt.equals(s.prompt())) {
                out.add(new Mismatch(numbers.get(i), l, s.prompt() + s.pending()));
                return out;
            }
            // collect the expected block up to the next prompt line
            int j = i + 1;
            List<Integer> block = new ArrayList<>();
            long waitAfter = 0;
            while (j < lines.size() && !isPrompt(lines.get(j))) {
                if (lines.get(j).startsWith("!! answer ")) hidden.addLast(lines.get(j).substring(10));
                else if (directive(lines.get(j))) waitAfter += Math.max(0, waitNanos(lines.get(j)));
                else block.add(j);
                j++;
            }
            if (j >= lines.size() && block.isEmpty() && rest.isEmpty() && waitAfter == 0) break;
            Recorder rec = new Recorder(block);
            Terminal saved = swap(s, rec);
            try {
                rec.write(backlog.apply(s));
                s.type(rest.substring(s.pending().length()));
                // questions are answered from the expected lines before the routers run on; a
                // command that waits in the background (`crypto pki authenticate`) asks only then
                do {
                    for (Session.Question q; (q = s.question()) != null; ) s.answer(q, rec.answer(q));
                    settle.run();
                } while (s.question() != null);
            } finally {
                swap(s, saved);
            }
            String[] actual = rec.text().split("\n", -1);
            int na = rec.text().isEmpty() ? 0 : rec.text().endsWith("\n") ? actual.length - 1 : actual.length;
            for (int k = 0; k < Math.max(na, block.size()); k++) {
                String e = k < block.size() ? lines.get(block.get(k)) : "(nothing)";
                String a = k < na ? actual[k] : "(nothing)";
                if (!matches(e, a)) {
                    out.add(new Mismatch(k < block.size() ? numbers.get(block.get(k)) : numbers.get(i), e, a, l));
                    return out;
                }
            }
            if (waitAfter > 0) wait.accept(waitAfter);
            i = j;
        }
        return out;
    }

    /**
     * `!! ` with a space: a ping's output line `!!!!!` (or `!!` for two echoes) is output, not a
     * directive.
     */
    public static boolean directive(String l) { return l.startsWith("!! "); }

    /** The time a `!! wait` line asks for, or -1 when the line is not one. */
    public static long waitNanos(String line) {
        Matcher m = WAIT.matcher(line);
        if (!m.matches()) return -1;
        double x = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double scale = switch (unit) {
            case "ms" -> 1e6;
            case "m" -> 60e9;
            case "h" -> 3600e9;
            default -> 1e9;
        };
        return Math.round(x * scale);
    }

    /** The lab a `!! lab NAME` line names, or null. */
    public static String labDirective(String text) {
        for (String l : text.split("\r?\n")) {
            if (!directive(l)) return null;
            Matcher m = Pattern.compile("^!!\\s*lab\\s+(\\S+)\\s*$").matcher(l);
            if (m.matches()) return m.group(1);
        }
        return null;
    }

    /** True for a line that starts with a router prompt (and is not a directive). */
    public static boolean isPromptLine(String l) { return isPrompt(l); }

    private static boolean isPrompt(String l) { return PROMPT.matcher(l).matches() && !directive(l); }

    /** Does an expected line (with `{*}` wildcards) match the actual one? */
    static boolean matches(String expected, String actual) {
        if (!expected.contains(WILDCARD)) return expected.equals(actual);
        StringBuilder re = new StringBuilder();
        for (String part : expected.split(Pattern.quote(WILDCARD), -1)) {
            if (re.length() > 0) re.append(".*");
            re.append(Pattern.quote(part));
        }
        return actual.matches(re.toString());
    }

    private static Terminal swap(Session s, Terminal t) {
        return s.swapTerminal(t);
    }

    /** Collects output; answers questions from the expected lines, as they were typed. */
    private final class Recorder implements Terminal {
        private final StringBuilder sb = new StringBuilder();
        private final List<Integer> block;

        Recorder(List<Integer> block) { this.block = block; }

        String text() { return sb.toString(); }

        @Override public void write(String text) { sb.append(text); }

        /** Records a question with its answer as typed (hidden ones from `!! answer`); null when none is left. */
        String answer(Session.Question q) {
            String question = q.text();
            sb.append(question);
            // the expected line holding this question is the one after what was written so far
            int lineIdx = (int) sb.chars().filter(c -> c == '\n').count();
            String answer;
            if (q.hidden()) {
                answer = hidden.isEmpty() ? "" : hidden.removeFirst();
                sb.append('\n');
                return answer;
            }
            if (lineIdx < block.size()) {
                String exp = lines.get(block.get(lineIdx));
                answer = exp.startsWith(question) ? exp.substring(question.length()) : "";
            } else {
                answer = null;
            }
            sb.append(answer == null ? "" : answer).append('\n');
            return answer;
        }
    }
}
