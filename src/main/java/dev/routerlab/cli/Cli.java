package dev.routerlab.cli;

import java.util.function.Consumer;

/**
 * The shared, immutable CLI machinery: the grammar-driven parser and the command registry.
 * The entry point builds one with every feature's registrations; the CLI itself knows none.
 */
public final class Cli {
    private final CommandParser parser;
    private final CommandRegistry registry;

    /** A CLI whose features register their handlers now. */
    public Cli(Consumer<CommandRegistry> features) {
        this(new CommandRegistry());
        features.accept(registry);
    }

    /** A CLI over a registry (whose layers may register on first need), with the session's own commands. */
    public Cli(CommandRegistry registry) {
        parser = new CommandParser(HelpCatalog.load());
        this.registry = registry;
        ExecCommands.register(registry);
    }

    public CommandParser parser() { return parser; }

    public CommandRegistry registry() { return registry; }
}
