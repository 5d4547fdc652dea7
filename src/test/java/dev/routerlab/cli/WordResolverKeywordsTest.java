package dev.routerlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import dev.routerlab.grammar.IosParser;
import org.junit.jupiter.api.Test;

/**
 * The keyword index answers as the scan over the expected tokens it replaced: the same exact
 * keyword, the same unique abbreviation, the same ambiguous list in the same order, or nothing.
 */
class WordResolverKeywordsTest {
    /** The scan, as WordResolver did it before the index. */
    static WordResolver.Resolution scan(String w, Map<Integer, Set<Integer>> expected) {
        String lw = w.toLowerCase(java.util.Locale.ROOT);
        List<String> prefixed = new ArrayList<>();
        int best = -1;
        for (int tok : expected.keySet()) {
            String lit = HelpCatalog.literal(tok);
            if (lit == null) continue;
            if (lit.equals(lw)) return new WordResolver.Resolution(tok, lit, 1, null, 0);
            if (lit.startsWith(lw)) {
                prefixed.add(lit);
                best = tok;
            }
        }
        if (prefixed.size() == 1) return new WordResolver.Resolution(best, prefixed.get(0), 1, null, 0);
        if (prefixed.size() > 1) return new WordResolver.Resolution(WordResolver.INVALID, w, 1, prefixed, 0);
        return null;
    }

    /** The address check as it was, over String.split. */
    static boolean splitIsIpAddress(String w) {
        String[] p = w.split("\\.", -1);
        if (p.length != 4) return false;
        for (String s : p) {
            if (s.isEmpty() || s.length() > 3 || !s.chars().allMatch(Character::isDigit)) return false;
            if (Integer.parseInt(s) > 255) return false;
        }
        return true;
    }

    @Test
    void addressCheckAnswersAsTheSplit() {
        SplittableRandom rnd = new SplittableRandom(4);
        String alphabet = "0123456789..2559\u0663a ";
        for (String w : List.of("1.2.3.4", "255.255.255.255", "256.1.1.1", "1.2.3", "1.2.3.4.", ".1.2.3", "1..2.3", "0001.2.3.4", "\u0661.2.3.4", "")) {
            assertEquals(splitIsIpAddress(w), WordResolver.isIpAddress(w), w);
        }
        for (int k = 0; k < 200_000; k++) {
            StringBuilder b = new StringBuilder();
            int n = 1 + rnd.nextInt(16);
            for (int j = 0; j < n; j++) b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            String w = b.toString();
            assertEquals(splitIsIpAddress(w), WordResolver.isIpAddress(w), w);
        }
    }

    @Test
    void indexAnswersAsTheScan() {
        int max = IosParser.VOCABULARY.getMaxTokenType();
        List<Integer> keywords = new ArrayList<>();
        for (int t = 0; t <= max; t++) if (HelpCatalog.literal(t) != null) keywords.add(t);
        SplittableRandom rnd = new SplittableRandom(14);
        int compared = 0;
        for (int round = 0; round < 400; round++) {
            // an expected set: a random subset in random order, some value tokens among them
            Map<Integer, Set<Integer>> expected = new LinkedHashMap<>();
            int size = 1 + rnd.nextInt(round % 4 == 0 ? keywords.size() : 60);
            for (int k = 0; k < size; k++) expected.put(keywords.get(rnd.nextInt(keywords.size())), Set.of(0));
            if (rnd.nextBoolean()) expected.put(IosParser.WORD, Set.of(0));
            if (rnd.nextBoolean()) expected.put(IosParser.IP_ADDRESS, Set.of(0));
            WordResolver.Keywords index = WordResolver.Keywords.of(expected);
            for (int k = 0; k < 60; k++) {
                String lit = HelpCatalog.literal(keywords.get(rnd.nextInt(keywords.size())));
                String w = switch (rnd.nextInt(5)) {
                    case 0 -> lit;
                    case 1 -> lit.toUpperCase(java.util.Locale.ROOT);
                    case 2 -> lit.substring(0, 1 + rnd.nextInt(lit.length()));
                    case 3 -> lit.substring(0, 1 + rnd.nextInt(Math.min(2, lit.length())));
                    default -> lit + "x";
                };
                assertEquals(scan(w, expected), index.match(w, w.toLowerCase(java.util.Locale.ROOT)), w + " in " + expected.keySet());
                compared++;
            }
        }
        assertEquals(400 * 60, compared);
    }
}
