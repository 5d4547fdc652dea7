package dev.routerlab.cli;

import java.util.function.Consumer;

/**
 * The shared, immutable CLI machinery: the grammar-driven parser and the command registry.
 * The entry point builds one with every feature's registrations; the CLI itself knows none.
 * The parser (the grammar's ATN, help.txt) is built when a line first needs it: a console prints
 * its first prompt without it (the entry point may build it ahead, on a thread of its own).
 */
public final class Cli {
    /** Built at first need (not a FutureTask: its VarHandles would be set up before the first prompt). */
    private volatile CommandParser parser;
    private final CommandRegistry registry;

    /** A CLI whose features register their handlers now. */
    public Cli(Consumer<CommandRegistry> features) {
        this(new CommandRegistry());
        features.accept(registry);
    }

    /**
     * A CLI over a registry (whose layers may register on first need), with the session's own
     * commands, registered when the registry is first used.
     */
    public Cli(CommandRegistry registry) {
        this.registry = registry;
        registry.onFirstUse(new Consumer<CommandRegistry>() {
            @Override public void accept(CommandRegistry r) { ExecCommands.register(r); }
        });
    }

    /** The parser, built now if no thread has built it yet, else once that thread is done. */
    public CommandParser parser() {
        CommandParser p = parser;
        if (p != null) return p;
        synchronized (this) {
            if (parser == null) parser = new CommandParser(HelpCatalog.load());   // a failure: met again by the next caller
            return parser;
        }
    }

    public CommandRegistry registry() { return registry; }
}
