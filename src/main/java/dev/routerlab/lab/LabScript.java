package dev.routerlab.lab;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import dev.routerlab.cli.Mode;
import dev.routerlab.cli.Session;
import dev.routerlab.cli.Terminal;

/**
 * `routerlab lab labs/NAME --script FILE`: runs a multi-router command script and prints the
 * transcript. A script line is a prompt and a command, `R1#show ip route` or
 * `R2(config-if)#shutdown`: the prompt's hostname picks the router. When the router's console is
 * not in the mode the prompt shows, the runner first types what gets it there (`enable`,
 * `configure terminal`, `end`, `exit`, `disable`), and those lines appear in the transcript as
 * typed. Lines that are not prompts answer the questions of the command before them
 * (`Destination filename [startup-config]?`); `!! answer TEXT` answers a hidden question;
 * `!! wait 40s` lets virtual time pass; other `!! ` lines are comments; blank lines are
 * skipped. All of these `!! ` lines are copied to the transcript, which replays as is.
 */
public final class LabScript {
    private final Lab lab;
    private final PrintStream out;
    private Session last;

    public LabScript(Lab lab, PrintStream out) {
        this.lab = lab;
        this.out = out;
    }

    /** A script line the runner cannot use. */
    public static final class ScriptException extends Exception {
        private static final long serialVersionUID = 1L;

        ScriptException(String m) { super(m); }
    }

    /** Runs the script; the transcript goes to out. */
    public void run(String text) throws ScriptException {
        String[] lines = text.split("\r?\n", -1);
        int n = text.endsWith("\n") ? lines.length - 1 : lines.length;
        int i = 0;
        while (i < n) {
            String l = lines[i];
            if (l.isBlank()) {
                i++;
                continue;
            }
            if (Transcript.directive(l)) {
                if (l.startsWith("!! answer ")) throw new ScriptException("line " + (i + 1) + ": `!! answer` must follow a command");
                out.println(l);
                long w = Transcript.waitNanos(l);
                if (w > 0) lab.advance(w);
                i++;
                continue;
            }
            Matcher m = Transcript.PROMPT.matcher(l);
            if (!m.matches()) {
                throw new ScriptException("line " + (i + 1) + ": expected HOST#command (or HOST>, HOST(config)#...), found: " + l);
            }
            Session s = lab.call(() -> lab.session(m.group(1)));
            if (s == null) {
                throw new ScriptException("line " + (i + 1) + ": no router named " + m.group(1)
                    + " (routers: " + String.join(", ", hostnames()) + ")");
            }
            int j = i + 1;
            Deque<String> answers = new ArrayDeque<>();
            Deque<String> hidden = new ArrayDeque<>();
            List<String> directives = new ArrayList<>();
            while (j < n && !Transcript.isPromptLine(lines[j])) {
                String a = lines[j];
                if (a.startsWith("!! answer ")) {
                    hidden.add(a.substring(10));
                    directives.add(a);
                } else if (Transcript.directive(a)) {
                    break;
                } else if (!a.isBlank()) {
                    answers.add(a);
                }
                j++;
            }
            navigate(s, m.group(2), hidden);
            type(s, m.group(3), answers, hidden);
            for (String d : directives) out.println(d);
            if (!answers.isEmpty()) {
                throw new ScriptException("line " + (i + 2) + ": `" + answers.peek() + "` is not a prompt line and the command asked nothing");
            }
            i = j;
        }
        if (last != null) out.println(lab.call(last, last::prompt));
        out.flush();
    }

    private List<String> hostnames() {
        List<String> h = new ArrayList<>();
        for (String node : lab.nodes()) h.add(lab.call(node, () -> lab.router(node).hostname()));
        return h;
    }

    /** Types what brings the session to the mode the prompt suffix shows, when that is clear. */
    private void navigate(Session s, String suffix, Deque<String> hidden) {
        for (int guard = 0; guard < 4; guard++) {
            Mode now = lab.call(s, s::mode);
            if (now.promptSuffix().equals(suffix)) return;
            String step;
            switch (suffix) {
                case ">" -> step = now == Mode.PRIV_EXEC ? "disable" : "end";
                case "#" -> step = now == Mode.USER_EXEC ? "enable" : "end";
                case "(config)#" -> step = now == Mode.USER_EXEC ? "enable" : now == Mode.PRIV_EXEC ? "configure terminal" : "exit";
                default -> {
                    // a sub-mode: only from global configuration can we not guess the object; leave it
                    return;
                }
            }
            type(s, step, new ArrayDeque<>(), hidden);
        }
    }

    private void type(Session s, String line, Deque<String> answers, Deque<String> hidden) {
        // after `?` IOS keeps the typed text on the line: the next script line may go on from it
        String pending = lab.call(s, s::pending);
        if (line.startsWith(pending)) {
            line = line.substring(pending.length());
        } else {   // the line does not repeat the text `?` left: it was erased (Ctrl-U)
            lab.exec(s, s::clearPending);
            pending = "";
        }
        out.println(lab.call(s, s::prompt) + pending + line);
        out.print(lab.call(s, () -> lab.backlog(s)));
        Terminal rec = t -> out.print(t);
        Terminal saved = lab.call(s, () -> s.swapTerminal(rec));
        try {
            lab.type(s, line);
            // each question takes the script's next answer (hidden ones from `!! answer`), else ""
            for (Session.Question q; (q = lab.call(s, s::question)) != null; ) {
                out.print(q.text());
                String a = q.hidden() ? hidden.pollFirst() : answers.pollFirst();
                out.println(q.hidden() || a == null ? "" : a);
                Session.Question asked = q;
                if (a == null && q.text().isEmpty()) lab.exec(s, () -> s.answer(asked, null));   // banner text ends with the script's
                else lab.type(s, a == null ? "" : a);
            }
        } finally {
            lab.exec(s, () -> s.swapTerminal(saved));
        }
        last = s;
    }
}
