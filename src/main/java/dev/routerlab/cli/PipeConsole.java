package dev.routerlab.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/**
 * A console driven by lines (standard input from a pipe or file): each line is typed at the
 * prompt, and the output is what a terminal capture shows, prompts and echo included. That
 * output is itself a valid transcript.
 */
public final class PipeConsole implements Terminal {
    private final BufferedReader in;
    private final PrintStream out;
    private final Runnable settle;

    /** @param settle runs pending router work (virtual time) after each line */
    public PipeConsole(BufferedReader in, PrintStream out, Runnable settle) {
        this.in = in;
        this.out = out;
        this.settle = settle;
    }

    /** Runs the session until `exit` or the end of input. */
    public void run(Session s) {
        s.host().attach(s);
        try {
            while (!s.closed()) {
                Session.Question q = s.question();
                out.print(q != null ? q.text() : s.prompt() + s.pending());
                String line = readLine();
                if (line == null) {
                    out.println();
                    if (q == null) break;
                    s.answer(q, null);   // nobody is left to answer
                } else {
                    out.println(q != null && q.hidden() ? "" : line);
                    s.type(line);
                }
                // a question is answered before the router runs on, as the next line is already there
                if (s.question() == null) settle.run();
            }
        } finally {
            s.host().detach(s);
            out.flush();
        }
    }

    private String readLine() {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override public void write(String text) { out.print(text); }
}
