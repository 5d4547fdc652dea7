package dev.routerlab.lab;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.routerlab.cli.Session;
import dev.routerlab.cli.Terminal;

/**
 * A recorded console session and its replay. A line that starts with a router prompt holds a
 * typed command; the lines up to the next prompt are its expected output. The prompt's
 * hostname names the router. In expected lines `{*}` matches any text. Lines starting with
 * `!!` are directives, not output: `!! answer TEXT` supplies the next hidden answer (a
 * password), anything else is a comment.
 */
public final class Transcript {
    /** hostname, then `>` `#` or `(mode)#`, then what was typed. */
    static final Pattern PROMPT = Pattern.compile("^([A-Za-z][A-Za-z0-9._-]*)((?:\\([a-z0-9-]+\\))?[>#])(.*)$");
    static final String WILDCARD = "{*}";

    /** One mismatch between the expected and the replayed output. */
    public record Mismatch(int line, String expected, String actual) {
        @Override public String toString() {
            return "line " + line + ":\n  expected: " + expected + "\n  actual:   " + actual;
        }
    }

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
        List<Mismatch> out = new ArrayList<>();
        int i = 0;
        while (i < lines.size() && directive(lines.get(i))) i++;
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
            if (!expectedPrompt.equals(s.prompt()) || !rest.startsWith(s.pending())) {
                out.add(new Mismatch(numbers.get(i), l, s.prompt() + s.pending()));
                return out;
            }
            // collect the expected block up to the next prompt line
            int j = i + 1;
            List<Integer> block = new ArrayList<>();
            while (j < lines.size() && !isPrompt(lines.get(j))) {
                if (lines.get(j).startsWith("!! answer ")) hidden.addLast(lines.get(j).substring(10));
                else if (!directive(lines.get(j))) block.add(j);
                j++;
            }
            if (j >= lines.size() && block.isEmpty() && rest.isEmpty()) break;
            Recorder rec = new Recorder(block);
            Terminal saved = swap(s, rec);
            try {
                s.type(rest.substring(s.pending().length()));
                settle.run();
            } finally {
                swap(s, saved);
            }
            String[] actual = rec.text().split("\n", -1);
            int na = rec.text().endsWith("\n") ? actual.length - 1 : actual.length;
            for (int k = 0; k < Math.max(na, block.size()); k++) {
                String e = k < block.size() ? lines.get(block.get(k)) : "(nothing)";
                String a = k < na ? actual[k] : "(nothing)";
                if (!matches(e, a)) {
                    out.add(new Mismatch(k < block.size() ? numbers.get(block.get(k)) : numbers.get(i), e, a));
                    return out;
                }
            }
            i = j;
        }
        return out;
    }

    private static boolean directive(String l) { return l.startsWith("!!"); }

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

        @Override
        public String ask(String question, boolean hide) {
            sb.append(question);
            // the expected line holding this question is the one after what was written so far
            int lineIdx = (int) sb.chars().filter(c -> c == '\n').count();
            String answer;
            if (hide) {
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
