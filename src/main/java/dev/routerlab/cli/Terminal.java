package dev.routerlab.cli;

/** Where a CLI session writes and asks: a JLine console, an SSH channel, a pipe, a replay. */
public interface Terminal {
    /** Writes text; lines end with "\n" (terminals translate to CRLF themselves). */
    void write(String text);

    /**
     * Asks a question (`Password: `, `Destination filename [startup-config]? `) and returns the
     * typed answer, or null at end of input. Hidden answers are not echoed.
     */
    String ask(String question, boolean hidden);

    /** True on a real terminal: the pager runs and `?`/TAB come from keys. */
    default boolean interactive() { return false; }

    /** Reads one key for the pager (space, enter, q); -1 at end of input. */
    default int readKey() { return -1; }
}
