package dev.routerlab.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import dev.routerlab.grammar.IosParser;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.ATN;
import org.antlr.v4.runtime.atn.ATNState;
import org.antlr.v4.runtime.atn.PredicateTransition;
import org.antlr.v4.runtime.atn.RuleStopState;
import org.antlr.v4.runtime.atn.RuleTransition;
import org.antlr.v4.runtime.atn.Transition;
import org.antlr.v4.runtime.misc.Interval;

/**
 * What the grammar accepts next from a parser state and its rule-invocation stack, and for each
 * token the rule that would match it (help texts and number ranges are keyed by that rule).
 * This is the LL(1) lookahead walk over the ATN, keeping rule names that ANTLR's own
 * {@code ATN.getExpectedTokens} throws away.
 */
final class ExpectedTokens {
    private ExpectedTokens() {}

    /** token type -> rule indexes that match it here (insertion order = grammar order). */
    static Map<Integer, Set<Integer>> at(Parser parser, int state, ParserRuleContext ctx) {
        return lookup(parser, state, ctx).tokens();
    }

    /** The expected tokens with their keyword index, made once per state, follow stack and `no` flag. */
    static Expected lookup(Parser parser, int state, ParserRuleContext ctx) {
        ATN atn = parser.getATN();
        Frame stack = followStack(atn, ctx);
        // The answer depends only on the state, the follow stack and the `no` flag the
        // grammar's one predicate reads; the grammar has no recursion, so this stays small.
        Key key = new Key(state, stack, parser instanceof IosParser p && p.negated);
        Expected hit = CACHE.get(key);
        if (hit == null) {
            Map<Integer, Set<Integer>> tokens = Collections.unmodifiableMap(new Walk(parser, atn, ctx).walk(atn.states.get(state), stack));
            hit = new Expected(tokens, WordResolver.Keywords.of(tokens));
            CACHE.put(key, hit);
        }
        return hit;
    }

    /** What the grammar accepts here, and its keywords indexed for {@link WordResolver}. */
    record Expected(Map<Integer, Set<Integer>> tokens, WordResolver.Keywords keywords) {}

    private static final Map<Key, Expected> CACHE = new ConcurrentHashMap<>();

    /** Equality written out (the same values as the record's): the record's generated equals and hashCode bootstrap java.lang.runtime.ObjectMethods at their first call, milliseconds of a launch. */
    private record Key(int state, Frame stack, boolean negated) {
        @Override public boolean equals(Object o) {
            return o instanceof Key k && k.state == state && k.negated == negated && java.util.Objects.equals(k.stack, stack);
        }

        @Override public int hashCode() { return (31 * state + java.util.Objects.hashCode(stack)) * 31 + Boolean.hashCode(negated); }
    }

    private static Frame followStack(ATN atn, RuleContext ctx) {
        List<ATNState> follows = new ArrayList<>();
        for (RuleContext c = ctx; c != null && c.invokingState >= 0; c = c.parent) {
            RuleTransition rt = (RuleTransition) atn.states.get(c.invokingState).transition(0);
            follows.add(rt.followState);
        }
        Frame f = null;
        for (int i = follows.size() - 1; i >= 0; i--) f = new Frame(follows.get(i), f);
        return f;
    }

    /** One lookahead walk; semantic predicates (rule `neg`) are evaluated on the live parser. */
    private static final class Walk {
        final Parser parser;
        final ATN atn;
        final ParserRuleContext ctx;
        final Set<Visit> seen = new HashSet<>();
        final Map<Integer, Set<Integer>> out = new LinkedHashMap<>();

        Walk(Parser parser, ATN atn, ParserRuleContext ctx) {
            this.parser = parser;
            this.atn = atn;
            this.ctx = ctx;
        }

        Map<Integer, Set<Integer>> walk(ATNState s, Frame stack) {
            if (!seen.add(new Visit(s.stateNumber, stack))) return out;
            if (s instanceof RuleStopState) {
                if (stack == null) out.computeIfAbsent(Token.EOF, k -> new HashSet<>()).add(s.ruleIndex);
                else walk(stack.follow, stack.next);
                return out;
            }
            for (int i = 0; i < s.getNumberOfTransitions(); i++) {
                Transition t = s.transition(i);
                if (t instanceof RuleTransition rt) {
                    walk(rt.target, new Frame(rt.followState, stack));
                } else if (t instanceof PredicateTransition pt) {
                    if (pt.getPredicate().eval(parser, ctx)) walk(t.target, stack);
                } else if (t.isEpsilon()) {
                    walk(t.target, stack);
                } else if (t.label() != null) {
                    for (Interval iv : t.label().getIntervals()) {
                        for (int tok = iv.a; tok <= iv.b; tok++) {
                            out.computeIfAbsent(tok, k -> new HashSet<>()).add(s.ruleIndex);
                        }
                    }
                }
            }
            return out;
        }
    }

    /** Equality written out, as Key's. */
    private record Frame(ATNState follow, Frame next) {
        @Override public boolean equals(Object o) {
            return o instanceof Frame f && java.util.Objects.equals(f.follow, follow) && java.util.Objects.equals(f.next, next);
        }

        @Override public int hashCode() { return 31 * java.util.Objects.hashCode(follow) + java.util.Objects.hashCode(next); }
    }

    /** Equality written out, as Key's. */
    private record Visit(int state, Frame stack) {
        @Override public boolean equals(Object o) {
            return o instanceof Visit v && v.state == state && java.util.Objects.equals(v.stack, stack);
        }

        @Override public int hashCode() { return 31 * state + java.util.Objects.hashCode(stack); }
    }
}
