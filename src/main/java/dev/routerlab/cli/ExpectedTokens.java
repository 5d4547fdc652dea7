package dev.routerlab.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.ATN;
import org.antlr.v4.runtime.atn.ATNState;
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
    static Map<Integer, Set<Integer>> at(ATN atn, int state, ParserRuleContext ctx) {
        Map<Integer, Set<Integer>> out = new LinkedHashMap<>();
        walk(atn, atn.states.get(state), followStack(atn, ctx), new HashSet<>(), out);
        return out;
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

    private static void walk(ATN atn, ATNState s, Frame stack, Set<Visit> seen,
                             Map<Integer, Set<Integer>> out) {
        if (!seen.add(new Visit(s.stateNumber, stack))) return;
        if (s instanceof RuleStopState) {
            if (stack == null) {
                out.computeIfAbsent(Token.EOF, k -> new HashSet<>()).add(s.ruleIndex);
            } else {
                walk(atn, stack.follow, stack.next, seen, out);
            }
            return;
        }
        for (int i = 0; i < s.getNumberOfTransitions(); i++) {
            Transition t = s.transition(i);
            if (t instanceof RuleTransition rt) {
                walk(atn, rt.target, new Frame(rt.followState, stack), seen, out);
            } else if (t.isEpsilon()) {
                walk(atn, t.target, stack, seen, out);
            } else if (t.label() != null) {
                for (Interval iv : t.label().getIntervals()) {
                    for (int tok = iv.a; tok <= iv.b; tok++) {
                        out.computeIfAbsent(tok, k -> new HashSet<>()).add(s.ruleIndex);
                    }
                }
            }
        }
    }

    private record Frame(ATNState follow, Frame next) {}

    private record Visit(int state, Frame stack) {}
}
