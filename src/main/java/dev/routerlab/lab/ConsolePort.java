package dev.routerlab.lab;

import dev.routerlab.cli.Terminal;

/**
 * A router's console line while nobody is looking at it: what the router prints unasked (log
 * messages) waits here, and is shown before the output of the next line typed on that console,
 * as it would be on a terminal that was left open. Holds the last {@link #MAX_CHARS} characters.
 */
public final class ConsolePort implements Terminal {
    static final int MAX_CHARS = 64 * 1024;

    private final StringBuilder backlog = new StringBuilder();

    @Override
    public synchronized void write(String text) {
        backlog.append(text);
        if (backlog.length() > MAX_CHARS) {
            int cut = backlog.indexOf("\n", backlog.length() - MAX_CHARS);
            backlog.delete(0, cut < 0 ? backlog.length() - MAX_CHARS : cut + 1);
        }
    }

    /** Returns and forgets what was printed since the last call. */
    public synchronized String drain() {
        String s = backlog.toString();
        backlog.setLength(0);
        return s;
    }
}
