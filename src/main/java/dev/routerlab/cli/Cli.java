package dev.routerlab.cli;

import java.util.function.Consumer;

/**
 * The shared, immutable CLI machinery: the grammar-driven parser and the command registry.
 * The entry point builds one with every feature's registrations; the CLI itself knows none.
 */
public final class Cli {
    private final CommandParser parser;
    private final CommandRegistry registry;

    public Cli(Consumer<CommandRegistry> features) {
        parser = new CommandParser(HelpCatalog.load());
        registry = new CommandRegistry();
        ExecCommands.register(registry);
        features.accept(registry);
    }

    public CommandParser parser() { return parser; }

    public CommandRegistry registry() { return registry; }
}
