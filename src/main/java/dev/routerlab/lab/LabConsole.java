package dev.routerlab.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import dev.routerlab.cli.JLineConsole;
import dev.routerlab.cli.Session;
import dev.routerlab.cli.Terminal;

/**
 * The console of a running lab: one router's console at a time, starting with the first node.
 * A line starting with {@code @} talks to the lab, not to the router:
 * <pre>
 * &#64;R2        switch to R2's console (a node name or a hostname)
 * &#64;          list the routers
 * &#64;quit      stop the lab (so does the end of input); with unsaved configurations it asks first
 * </pre>
 * Ctrl-D at an interactive prompt says how to leave rather than leaving.
 * While you are on R1, what R2 logs waits on R2's console and is shown when you switch to it.
 * `exit` on a console ends that EXEC session as on IOS ("R1 con0 is now available"); RETURN
 * starts a new one.
 */
public final class LabConsole {
    private final Lab lab;
    private final PrintStream out;
    private java.io.PrintWriter msg;
    private String current;
    private boolean quit;

    public LabConsole(Lab lab, PrintStream out) {
        this.lab = lab;
        this.out = out;
        this.current = lab.nodes().get(0);
        this.msg = new java.io.PrintWriter(out, true);
    }

    /** The banner printed when a lab console starts. */
    String banner() {
        StringBuilder sb = new StringBuilder();
        boolean one = lab.nodes().size() == 1;
        if (!one) {
            sb.append("Lab ").append(lab.topology().name()).append(": ").append(String.join(", ", lab.nodes()))
              .append(lab.paced() ? " (wall-clock time)" : " (virtual time)").append('\n');
        }
        for (String e : lab.bootErrors()) sb.append("% ").append(e).append('\n');
        if (!one) sb.append("Type @NODE to switch router, @ to list them, @quit to leave.\n\n");
        return sb.toString();
    }

    /** Handles an `@` line; returns false when the line is for the router. */
    boolean escape(String line) {
        String l = line.strip();
        if (!l.startsWith("@")) return false;
        String arg = l.substring(1).strip();
        if (arg.isEmpty() || arg.equals("?")) {
            for (String n : lab.nodes()) {
                String h = lab.call(n, () -> lab.router(n).hostname());
                msg.println((n.equals(current) ? "* " : "  ") + n + (h.equals(n) ? "" : " (" + h + ")"));
            }
            long drops = lab.clock().inboxDrops();
            if (drops > 0) msg.println("  (" + drops + " frames or tasks between routers dropped: a router's inbox was full)");
            msg.println("  @NODE switches, @wait 30s lets time pass, @quit leaves");
            msg.flush();
            return true;
        }
        if (arg.equalsIgnoreCase("quit") || arg.equalsIgnoreCase("exit")) {
            quit = true;
            return true;
        }
        long wait = Transcript.waitNanos("!! " + arg);    // `@wait 40s`: as a script's `!! wait 40s`
        if (wait >= 0) {
            lab.advance(wait);
            return true;
        }
        Session s = lab.session(arg);
        if (s == null) {
            msg.println("% No router " + arg + " (routers: " + String.join(", ", lab.nodes()) + ")");
            msg.flush();
            return true;
        }
        current = lab.nodeOf(s);
        return true;
    }

    /** Interactive on a JLine terminal until @quit or Ctrl-D. */
    public void runJLine(org.jline.terminal.Terminal term) {
        JLineConsole jc = new JLineConsole(term);
        msg = term.writer();
        boolean[] escaped = new boolean[1];
        jc.labHooks(this::onClock, line -> {
            escaped[0] = escape(line);
            return escaped[0];
        });
        msg.print(banner());
        msg.flush();
        while (!quit) {
            Session s = lab.console(current);
            String backlog = lab.call(s, () -> {
                s.host().detach(s);   // JLineConsole.run attaches it with the terminal
                return lab.backlog(s);
            });
            term.writer().print(backlog.replace("\n", "\r\n"));
            term.writer().flush();
            Terminal port = lab.port(s);
            lab.exec(s, () -> s.swapTerminal(jc));
            escaped[0] = false;
            try {
                jc.run(s, () -> { });
            } finally {
                lab.exec(s, () -> {
                    s.swapTerminal(port);
                    s.host().attach(s);
                });
            }
            if (quit) {
                quit = confirmQuit(q -> readAnswer(term, q));
                if (quit) break;
                continue;
            }
            if (!escaped[0]) {
                if (!s.closed()) {
                    if (inputEnded(term)) break;
                    term.writer().print("\r\n% To leave the lab, type @quit\r\n");   // Ctrl-D
                    term.writer().flush();
                    continue;
                }
                endedSession(term, s);
            }
        }
    }

    /**
     * Leaving with configurations changed since their last `write memory` asks first; true to
     * leave. {@code ask} shows the question and returns the answer (null: no more input).
     */
    boolean confirmQuit(java.util.function.Function<String, String> ask) {
        java.util.List<String> unsaved = lab.unsaved();
        if (unsaved.isEmpty()) return true;
        String where = lab.nvramDir() != null ? "" : " (start the lab with --nvram DIR to keep saved configurations)";
        String a = ask.apply("Configuration of " + String.join(", ", unsaved) + " modified and not saved" + where
            + ".\nLeave the lab? [confirm]");
        return a == null || a.isBlank() || a.strip().toLowerCase(java.util.Locale.ROOT).startsWith("y");
    }

    /** Reads an answer on the terminal (Ctrl-C: no; the end of input: none). */
    private static String readAnswer(org.jline.terminal.Terminal term, String question) {
        int nl = question.lastIndexOf('\n');
        term.writer().print(question.substring(0, nl + 1).replace("\n", "\r\n"));
        try {
            return org.jline.reader.LineReaderBuilder.builder().terminal(term).build().readLine(question.substring(nl + 1));
        } catch (org.jline.reader.UserInterruptException e) {
            return "n";
        } catch (org.jline.reader.EndOfFileException e) {
            return null;
        }
    }

    /** After the line editor saw end of input: the terminal is gone, or it was Ctrl-D. */
    private static boolean inputEnded(org.jline.terminal.Terminal term) {
        try {
            return term.reader().peek(10) == org.jline.utils.NonBlockingReader.EOF;
        } catch (IOException e) {
            return true;
        }
    }

    private void endedSession(org.jline.terminal.Terminal term, Session s) {
        String node = lab.nodeOf(s);
        String host = lab.call(s, () -> s.host().hostname());
        term.writer().print("\r\n" + host + " con0 is now available\r\n\r\n\r\n\r\n\r\n\r\nPress RETURN to get started.\r\n");
        term.writer().flush();
        try {
            int c;
            do {
                c = term.reader().read();
            } while (c != '\r' && c != '\n' && c >= 0);
            if (c < 0) quit = true;
        } catch (IOException e) {
            quit = true;
        }
        lab.newConsole(node);
    }

    /**
     * Runs session work on the current router's turn (unpaced: then runs the routers until the
     * command ends; paced, the console waits for it and lets Ctrl-C stop it).
     */
    private void onClock(Runnable work) {
        if (!lab.paced()) {
            work.run();
            lab.settle();
            return;
        }
        lab.call(current, () -> {
            work.run();
            return null;
        });
    }

    /**
     * Lines from a pipe: each is typed at the current router's prompt and the output is what a
     * terminal capture shows; `@` lines switch routers as interactively.
     */
    public void runPipe(BufferedReader in) {
        out.print(banner());
        while (!quit) {
            Session s = lab.console(current);
            out.print(lab.call(s, () -> lab.backlog(s)));
            if (lab.call(s, s::closed)) {     // `exit`, a failed login, or the line's exec-timeout
                String host = lab.call(s, () -> s.host().hostname());
                out.print("\n" + host + " con0 is now available\n\n\n\n\n\nPress RETURN to get started.\n");
                if (readLine(in) == null) break;
                lab.newConsole(current);
                continue;
            }
            Session.Question q = lab.call(s, s::question);
            out.print(q != null ? q.text() : lab.call(s, () -> s.prompt() + s.pending()));
            String line = readLine(in);
            if (line == null) {
                out.println();
                if (q == null) break;
            } else {
                out.println(q != null && q.hidden() ? "" : line);
                if (q == null && escape(line)) {
                    if (quit) quit = confirmQuit(question -> {
                        out.print(question);
                        String a = readLine(in);
                        out.println(a == null ? "" : a);
                        return a;
                    });
                    continue;
                }
            }
            Terminal t = text -> out.print(text);
            Terminal saved = lab.call(s, () -> s.swapTerminal(t));
            try {
                if (line == null) {   // end of input at a question: nobody will answer it
                    lab.exec(s, () -> s.answer(q, null));
                    if (!lab.paced()) lab.settle();
                } else {
                    lab.type(s, line);
                }
            } finally {
                lab.exec(s, () -> s.swapTerminal(saved));
            }
        }
        out.flush();
    }

    private static String readLine(BufferedReader in) {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
