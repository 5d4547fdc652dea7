package dev.routerlab.cli;

import org.antlr.v4.runtime.ParserRuleContext;

/** Runs one parsed command; C is the grammar rule's context class it is registered for. */
@FunctionalInterface
public interface CommandHandler<C extends ParserRuleContext> {
    void run(C ctx, CommandContext cc);
}
