package dev.routerlab.cli;

import dev.routerlab.Features;

/** The shared, immutable CLI machinery: the grammar-driven parser and the command registry. */
public final class Cli {
    private static volatile Cli instance;

    private final CommandParser parser;
    private final CommandRegistry registry;

    private Cli() {
        parser = new CommandParser(HelpCatalog.load());
        registry = new CommandRegistry();
        Features.register(registry);
    }

    public static Cli get() {
        Cli c = instance;
        if (c == null) {
            synchronized (Cli.class) {
                if (instance == null) instance = new Cli();
                c = instance;
            }
        }
        return c;
    }

    public CommandParser parser() { return parser; }

    public CommandRegistry registry() { return registry; }
}
