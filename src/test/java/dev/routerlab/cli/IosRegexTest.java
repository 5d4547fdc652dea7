package dev.routerlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.TestRouter;
import org.junit.jupiter.api.Test;

class IosRegexTest {
    /** A line that counts how often the matcher reads it and stops the matcher past a budget. */
    private static final class Counted implements CharSequence {
        final String s;
        final long budget;
        long reads;

        Counted(String s, long budget) { this.s = s; this.budget = budget; }

        @Override public int length() { return s.length(); }
        @Override public char charAt(int i) {
            if (++reads > budget) throw new IllegalStateException("matcher read the line " + reads + " times");
            return s.charAt(i);
        }
        @Override public CharSequence subSequence(int a, int b) { return s.subSequence(a, b); }
        @Override public String toString() { return s; }
    }

    @Test
    void catastrophicBacktrackingIsLinear() {
        // java.util.regex needs about 2^40 steps for this; the router's thread never came back
        Counted line = new Counted("a".repeat(40), 200_000);
        assertFalse(IosRegex.find(IosRegex.compile("(.*a){60}$"), line));
        assertTrue(line.reads < 200_000, "reads " + line.reads);
        Counted longer = new Counted("a".repeat(400), 2_000_000);
        assertFalse(IosRegex.find(IosRegex.compile("(.*a){60}b"), longer));
    }

    @Test
    void includeWithHostileRegexReturns() {
        TestRouter r = new TestRouter();
        r.execAll("conf t", "interface Loopback0", "description " + "a".repeat(40), "end");
        assertEquals("", r.exec("show running-config | include (.*a){60}$"));
        assertEquals(" description " + "a".repeat(40) + "\n", r.exec("show running-config | include (.*a){40}$"));
    }

    @Test
    void underscoreMatchesIosDelimiters() {
        var p = IosRegex.compile("_100_");
        for (String s : new String[] {"100", "as 100 x", "(100)", "{100}", "1,100,2", "x 100"})
            assertTrue(IosRegex.find(p, s), s);
        for (String s : new String[] {"1000", "a100", "x_100_y"})
            assertFalse(IosRegex.find(p, s), s);
        assertTrue(IosRegex.find(IosRegex.compile("a\\_b"), "a_b"));
        assertTrue(IosRegex.find(IosRegex.compile("[_]"), "a_b"));
        assertFalse(IosRegex.find(IosRegex.compile("[_]"), "a b"));
        assertTrue(IosRegex.find(IosRegex.compile("^interface_Loop"), "interface Loopback0"));
    }

    @Test
    void invalidRegexKeepsIosError() {
        assertNull(IosRegex.compile("(abc"));
        TestRouter r = new TestRouter();
        assertEquals("% Invalid regular expression\n", r.exec("show running-config | include (abc"));
    }
}
