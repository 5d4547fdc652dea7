package dev.routerlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import dev.routerlab.features.Features;
import dev.routerlab.grammar.IosParser;
import org.antlr.v4.runtime.atn.ATN;
import org.antlr.v4.runtime.atn.ATNState;
import org.antlr.v4.runtime.atn.RuleStopState;
import org.antlr.v4.runtime.atn.RuleTransition;
import org.antlr.v4.runtime.atn.Transition;
import org.junit.jupiter.api.Test;

/**
 * Every command the grammar accepts runs a handler: a parsed line runs the handler of its
 * outermost registered rule, so each derivation of each mode's `*_cmd` rule must pass through a
 * rule with a handler. Walks the parser's ATN: a rule is covered when it has a handler or when
 * every path from its start to its end invokes a covered rule.
 */
class HandlerCoverageTest {
    /** The command rule of each CLI mode (mode_common's `do`/`exit`/`end` are the session's). */
    private static final List<String> MODE_COMMANDS = List.of(
        "user_exec_cmd", "exec_cmd", "global_cmd", "if_cmd", "isakmp_cmd", "transform_cmd", "ipsec_profile_cmd",
        "crypto_map_cmd", "router_cmd", "line_cmd", "ext_nacl_cmd", "std_nacl_cmd", "keyring_cmd");

    private final ATN atn = IosParser._ATN;
    private final BitSet covered = new BitSet();
    /** The rules each rule invokes directly. */
    private final BitSet[] invokes = new BitSet[atn.ruleToStartState.length];

    HandlerCoverageTest() {
        for (int r = 0; r < invokes.length; r++) invokes[r] = new BitSet();
        for (ATNState s : atn.states) {
            if (s == null) continue;
            for (Transition t : s.getTransitions()) if (t instanceof RuleTransition rt) invokes[s.ruleIndex].set(rt.ruleIndex);
        }
    }

    /** The shared registry answers from the command index, its layers not yet registered: checked against both. */
    @Test
    void everyCommandHasAHandler() {
        assertEquals(Set.of(), gaps(Features.cli().registry()), "command rules that can end a command without a handler");
        Cli eager = new Cli(r -> Features.layers().forEach(l -> l.register().accept(r)));
        assertEquals(Set.of(), gaps(eager.registry()), "command rules that can end a command without a handler");
    }

    /**
     * The index the shared registry loads layers by is what the layers register. After adding or
     * moving a handler: mvn -o -q test -Dtest=HandlerCoverageTest -Dregenerate=true
     */
    @Test
    void theCommandIndexIsCurrent() throws java.io.IOException {
        String want = CommandRegistry.index(Features.layers());
        java.nio.file.Path file = java.nio.file.Path.of("src/main/resources/dev/routerlab/features", Features.INDEX);
        if (Boolean.getBoolean("regenerate")) {
            java.nio.file.Files.writeString(file, want);
            return;
        }
        String have;
        try (var in = Features.class.getResourceAsStream(Features.INDEX)) {
            have = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertEquals(want, have, Features.INDEX + " is stale: mvn -o -q test -Dtest=HandlerCoverageTest -Dregenerate=true");
    }

    @Test
    void findsTheCommandsOfAFeatureLeftOut() {
        Set<String> gaps = gaps(new Cli(r -> { }).registry());    // the session's own commands only
        assertTrue(gaps.contains("global_cmd > g_hostname"), gaps::toString);
        assertTrue(gaps.contains("exec_cmd > x_show > show_cmd > s_version"), gaps::toString);
        assertFalse(gaps.stream().anyMatch(g -> g.endsWith("x_configure")), gaps::toString);
    }

    /** The paths from a mode's command rule to the rules where a derivation ends without a handler. */
    private Set<String> gaps(CommandRegistry registry) {
        covered.clear();
        for (int r = 0; r < atn.ruleToStartState.length; r++) if (registry.dispatches(contextClass(r))) covered.set(r);
        boolean changed = true;
        while (changed) {                          // least fixpoint: recursion needs a handler too
            changed = false;
            for (int r = 0; r < atn.ruleToStartState.length; r++) {
                if (!covered.get(r) && uncoveredPath(r) == null) {
                    covered.set(r);
                    changed = true;
                }
            }
        }
        Set<String> gaps = new TreeSet<>();
        for (String m : MODE_COMMANDS) gaps(index(m), m, new BitSet(), gaps);
        return gaps;
    }

    /** The rules invoked on a start-to-end path of rule r that invokes no covered rule; null when there is none. */
    private List<Integer> uncoveredPath(int r) {
        Deque<ATNState> todo = new ArrayDeque<>();
        Deque<List<Integer>> via = new ArrayDeque<>();
        BitSet seen = new BitSet();
        todo.add(atn.ruleToStartState[r]);
        via.add(List.of());
        while (!todo.isEmpty()) {
            ATNState s = todo.poll();
            List<Integer> calls = via.poll();
            if (s instanceof RuleStopState) return calls;
            if (seen.get(s.stateNumber)) continue;
            seen.set(s.stateNumber);
            for (Transition t : s.getTransitions()) {
                if (t instanceof RuleTransition rt) {
                    if (covered.get(rt.ruleIndex)) continue;
                    List<Integer> more = new ArrayList<>(calls);
                    more.add(rt.ruleIndex);
                    todo.add(rt.followState);
                    via.add(more);
                } else {
                    todo.add(t.target);
                    via.add(calls);
                }
            }
        }
        return null;
    }

    /** Follows an uncovered rule down to the rules where the handler is missing (the path's innermost rules). */
    private void gaps(int r, String path, BitSet visiting, Set<String> out) {
        if (covered.get(r) || visiting.get(r)) return;
        visiting.set(r);
        List<Integer> calls = uncoveredPath(r);
        boolean deeper = false;
        for (int i = invokes[r].nextSetBit(0); i >= 0; i = invokes[r].nextSetBit(i + 1)) {
            if (i != r && !covered.get(i)) {
                deeper = true;
                gaps(i, path + " > " + IosParser.ruleNames[i], visiting, out);
            }
        }
        if (!deeper || calls.isEmpty()) out.add(path);
        visiting.clear(r);
    }

    private int index(String rule) { return List.of(IosParser.ruleNames).indexOf(rule); }

    private static Class<?> contextClass(int r) {
        String n = IosParser.ruleNames[r];
        try {
            return Class.forName(IosParser.class.getName() + "$" + Character.toUpperCase(n.charAt(0)) + n.substring(1) + "Context");
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }
}
