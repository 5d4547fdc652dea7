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

    /** Does a parsed line whose outermost registered rule is this one run code (a handler or a part)? */
    public boolean dispatches(Class<?> rule) { return handlers.containsKey(rule) || parts.containsKey(rule); }

    /** Handlers another feature adds to a shared rule: (when, handler) pairs tried before its own handler. */
    private final Map<Class<?>, java.util.List<Object[]>> parts = new HashMap<>();

    /**
     * Lets a feature take part of a rule another feature owns (`debug nhrp` under `x_debug`): when
     * the predicate holds for the parsed line, h runs instead of the rule's handler; h may also
     * return the line to the owner by returning false from when. A null predicate makes h a hook that
     * runs first and then lets the line go on (`undebug all` stops NHRP debugging, then the owner's
     * handler runs). Independent of registration order.
     */
    public <C extends ParserRuleContext> CommandRegistry onPart(Class<C> rule, java.util.function.Predicate<C> when,
                                                                CommandHandler<C> h) {
        parts.computeIfAbsent(rule, k -> new java.util.ArrayList<>()).add(new Object[] {when, h});
        return this;
    }

    /** Handlers other features append to a shared rule, run after its own handler in registration order. */
    private final Map<Class<?>, java.util.List<CommandHandler<?>>> appended = new HashMap<>();

    /**
     * Lets a feature add its block after a rule another feature owns (`show ip protocols`: the
     * routing layer prints the header, each protocol's layer its process).
     */
    public <C extends ParserRuleContext> CommandRegistry after(Class<C> rule, CommandHandler<C> h) {
        appended.computeIfAbsent(rule, k -> new java.util.ArrayList<>()).add(h);
        return this;
    }

    /** Finds the outermost registered rule under tree and runs it; false when none is registered. */
    public boolean dispatch(ParseTree tree, CommandContext cc) {
        ParserRuleContext hit = find(tree);
        if (hit == null) return false;
        run(hit, cc);
        return true;
    }

    @SuppressWarnings("unchecked")
    private <C extends ParserRuleContext> void run(C ctx, CommandContext cc) {
        java.util.List<Object[]> ps = parts.get(ctx.getClass());
        if (ps != null) {
            for (Object[] p : ps) {
                if (p[0] == null) {                 // a hook that runs before the owner's handler
                    ((CommandHandler<C>) p[1]).run(ctx, cc);
                    continue;
                }
                if (((java.util.function.Predicate<C>) p[0]).test(ctx)) {
                    ((CommandHandler<C>) p[1]).run(ctx, cc);
                    return;
                }
            }
        }
        CommandHandler<C> h = (CommandHandler<C>) handlers.get(ctx.getClass());
        if (h != null) h.run(ctx, cc);
        for (CommandHandler<?> a : appended.getOrDefault(ctx.getClass(), java.util.List.of())) ((CommandHandler<C>) a).run(ctx, cc);
    }

    ParserRuleContext find(ParseTree tree) {
        if (tree instanceof ParserRuleContext p) {
            if (handlers.containsKey(p.getClass()) || parts.containsKey(p.getClass())) return p;
            for (int i = 0; i < p.getChildCount(); i++) {
                ParserRuleContext hit = find(p.getChild(i));
                if (hit != null) return hit;
            }
        }
        return null;
    }
}
