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
 * configuration mode, Ctrl-C to abandon a line, and the --More-- pager.
 */
public final class JLineConsole implements Terminal {
    private final org.jline.terminal.Terminal term;
    private final LineReader reader;
    private Session session;
    private boolean reading;
    private boolean ctrlZ;

    public JLineConsole(org.jline.terminal.Terminal term) {
        this.term = term;
        this.reader = LineReaderBuilder.builder().terminal(term)
            .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
            .option(LineReader.Option.AUTO_FRESH_LINE, false)
            .variable(LineReader.HISTORY_SIZE, 20)
            .build();
        reader.getWidgets().put("ios-help", this::helpWidget);
        reader.getWidgets().put("ios-complete", this::completeWidget);
        reader.getWidgets().put("ios-ctrl-z", this::ctrlZWidget);
        KeyMap<org.jline.reader.Binding> main = reader.getKeyMaps().get(LineReader.MAIN);
        main.bind(new Reference("ios-help"), "?");
        main.bind(new Reference("ios-complete"), "\t");
        main.bind(new Reference("ios-ctrl-z"), KeyMap.ctrl('Z'));
        term.handle(Signal.TSTP, s -> { });
    }

    /** Runs the session until the user leaves it. */
    public void run(Session s, Runnable onLine) {
        this.session = s;
        s.router().attach(s);
        try {
            while (!s.closed()) {
                String line;
                try {
                    reading = true;
                    line = reader.readLine(s.prompt(), null, (org.jline.reader.MaskingCallback) null, null);
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    break;
                } finally {
                    reading = false;
                }
                if (ctrlZ) {
                    ctrlZ = false;
                    s.endConfig();
                } else {
                    s.type(line);
                }
                onLine.run();
            }
        } finally {
            s.router().detach(s);
        }
    }

    private boolean helpWidget() {
        String typed = reader.getBuffer().toString();
        term.writer().println("?");
        reading = false;
        session.help(typed);
        reading = true;
        reader.getBuffer().clear();
        reader.getBuffer().write(session.pending());
        session.clearPending();
        reader.callWidget(LineReader.REDRAW_LINE);
        reader.callWidget(LineReader.REDISPLAY);
        return true;
    }

    private boolean completeWidget() {
        String typed = reader.getBuffer().toString();
        String done = session.complete(typed);
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

    @Override
    public String ask(String question, boolean hidden) {
        try {
            return reader.readLine(question, hidden ? (char) 0 : null);
        } catch (UserInterruptException | EndOfFileException e) {
            return null;
        }
    }

    @Override public boolean interactive() { return true; }

    @Override
    public int readKey() {
        try {
            return term.reader().read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
