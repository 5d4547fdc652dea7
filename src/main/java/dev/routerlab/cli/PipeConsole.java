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
                out.print(s.prompt() + s.pending());
                String line = readLine();
                if (line == null) {
                    out.println();
                    break;
                }
                out.println(line);
                s.type(line);
                settle.run();
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

    @Override
    public String ask(String question, boolean hidden) {
        out.print(question);
        String a = readLine();
        out.println(hidden || a == null ? "" : a);
        return a;
    }
}
