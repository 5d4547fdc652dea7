package dev.routerlab.cli;

/**
 * Where a CLI session writes: a JLine console, an SSH channel, a pipe, a replay. Questions are
 * not asked through it: the front end that owns the terminal shows {@link Session#question()}
 * instead of the prompt and types the answer as the session's next line.
 */
public interface Terminal {
    /** Writes text; lines end with "\n" (terminals translate to CRLF themselves). */
    void write(String text);

    /**
     * The session's open {@link Session#question()} timed out (or went with a reload) and the
     * command went on without an answer: a line editor showing the question stops reading it
     * and shows the session's prompt again. Called on the router's scheduler; must not block.
     */
    default void questionExpired() { }

    /**
     * The router ended the session (exec-timeout, `clear line`, `reload` of a vty): a line editor
     * reading its next line stops. Called on the router's scheduler; must not block.
     */
    default void sessionClosed() { }

    /** Returns once what was written so far is out (a terminal that writes on another thread waits for it). */
    default void flush() { }

    /** True on a real terminal: the pager runs and `?`/TAB come from keys. */
    default boolean interactive() { return false; }

    /** Reads one key for the pager (space, enter, q); -1 at end of input. */
    default int readKey() { return -1; }
}
