package dev.routerlab.cli;

import java.util.HashMap;
import java.util.Map;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.tree.ParseTree;

/**
 * Maps grammar rules to the code that runs them. Feature packages register handlers for their
 * rules; a parsed line runs the handler of its first (outermost) registered rule.
 */
public final class CommandRegistry {
    private final Map<Class<?>, CommandHandler<?>> handlers = new HashMap<>();

    public <C extends ParserRuleContext> CommandRegistry on(Class<C> rule, CommandHandler<C> h) {
        if (handlers.put(rule, h) != null) throw new IllegalStateException("two handlers for " + rule.getSimpleName());
        return this;
    }

    public boolean handles(Class<?> rule) { return handlers.containsKey(rule); }

    /** Finds the outermost registered rule under tree and runs it; false when none is registered. */
    public boolean dispatch(ParseTree tree, CommandContext cc) {
        ParserRuleContext hit = find(tree);
        if (hit == null) return false;
        run(hit, cc);
        return true;
    }

    @SuppressWarnings("unchecked")
    private <C extends ParserRuleContext> void run(C ctx, CommandContext cc) {
        ((CommandHandler<C>) handlers.get(ctx.getClass())).run(ctx, cc);
    }

    ParserRuleContext find(ParseTree tree) {
        if (tree instanceof ParserRuleContext p) {
            if (handlers.containsKey(p.getClass())) return p;
            for (int i = 0; i < p.getChildCount(); i++) {
                ParserRuleContext hit = find(p.getChild(i));
                if (hit != null) return hit;
            }
        }
        return null;
    }
}
