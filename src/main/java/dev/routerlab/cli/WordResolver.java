package dev.routerlab.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.grammar.IosParser;
import dev.routerlab.packet.Ipv6Address;

/**
 * Decides what one typed word is, given the tokens the grammar expects at that point: an exact
 * or unique-prefix keyword (IOS abbreviation), else a value (address, number in the range the
 * help catalog gives, interface name, word, rest of line).
 */
final class WordResolver {
    /** Token type for a word that fits nothing: no rule matches it, so the parse fails there. */
    static final int INVALID = 100_000;

    /** The outcome for one word; span > 1 when it swallowed following words (TEXT, "Gi 0/0"). */
    record Resolution(int type, String text, int span, List<String> ambiguous, int caret) {}

    private final HelpCatalog help;

    WordResolver(HelpCatalog help) {
        this.help = help;
    }

    Resolution resolve(List<Word> words, int i, String line, Map<Integer, Set<Integer>> expected) {
        return resolve(words, i, line, expected, Keywords.of(expected));
    }

    /** As above, with the keywords of {@code expected} already indexed. */
    Resolution resolve(List<Word> words, int i, String line, Map<Integer, Set<Integer>> expected, Keywords keywords) {
        String w = words.get(i).text();
        String lw = w.toLowerCase(Locale.ROOT);
        if (expected.containsKey(IosParser.TEXT)) {
            return new Resolution(IosParser.TEXT, line.substring(words.get(i).start()).strip(), words.size() - i, null, 0);
        }
        Resolution k = keywords.match(w, lw);
        if (k != null) return k;

        if (expected.containsKey(IosParser.IP_ADDRESS) && isIpAddress(w)) {
            return new Resolution(IosParser.IP_ADDRESS, w, 1, null, 0);
        }
        if (expected.containsKey(IosParser.IPV6_ADDRESS) && Ipv6Address.tryParse(w) != null) {
            return new Resolution(IosParser.IPV6_ADDRESS, w, 1, null, 0);
        }
        if (expected.containsKey(IosParser.IPV6_PREFIX) && isIpv6Prefix(w)) {
            return new Resolution(IosParser.IPV6_PREFIX, w, 1, null, 0);
        }
        if (expected.containsKey(IosParser.DEC) && allDigits(w) && w.length() < 19) {
            HelpCatalog.Entry e = help.lookup(IosParser.DEC, expected.get(IosParser.DEC));
            long v = Long.parseLong(w);
            if (v >= e.min() && v <= e.max()) return new Resolution(IosParser.DEC, w, 1, null, 0);
        }
        if (expected.containsKey(IosParser.INTERFACE_NAME)) {
            InterfaceName n = InterfaceName.parse(w);
            if (n != null) return new Resolution(IosParser.INTERFACE_NAME, n.toString(), 1, null, 0);
            if (i + 1 < words.size() && InterfaceName.typesMatching(w).size() == 1) {
                n = InterfaceName.parse(w + words.get(i + 1).text());
                if (n != null) return new Resolution(IosParser.INTERFACE_NAME, n.toString(), 2, null, 0);
            }
        }
        if (expected.containsKey(IosParser.WORD) && w.indexOf('?') < 0) {
            return new Resolution(IosParser.WORD, w, 1, null, 0);
        }
        return new Resolution(INVALID, w, 1, null, caretWithin(lw, expected));
    }

    /**
     * The keywords among a set of expected tokens, for {@link #resolve}: an exact literal found by
     * hash, the literals a word abbreviates by binary search over them sorted, reported in the
     * expected set's order (the order a scan over it would give).
     */
    static final class Keywords {
        private final Map<String, Integer> exact = new java.util.HashMap<>();
        private final String[] sorted;      // literals, sorted
        private final int[] order;          // each sorted literal's position in the expected set
        private final int[] token;          // and its token type

        private Keywords(List<String> lits, List<Integer> toks) {
            Integer[] idx = new Integer[lits.size()];
            for (int j = 0; j < idx.length; j++) {
                idx[j] = j;
                exact.putIfAbsent(lits.get(j), toks.get(j));    // the first in order, as the scan returned
            }
            java.util.Arrays.sort(idx, (a, b) -> {
                int c = lits.get(a).compareTo(lits.get(b));
                return c != 0 ? c : Integer.compare(a, b);
            });
            sorted = new String[idx.length];
            order = new int[idx.length];
            token = new int[idx.length];
            for (int j = 0; j < idx.length; j++) {
                sorted[j] = lits.get(idx[j]);
                order[j] = idx[j];
                token[j] = toks.get(idx[j]);
            }
        }

        static Keywords of(Map<Integer, Set<Integer>> expected) {
            List<String> lits = new ArrayList<>();
            List<Integer> toks = new ArrayList<>();
            for (int tok : expected.keySet()) {
                String lit = HelpCatalog.literal(tok);
                if (lit == null) continue;
                lits.add(lit);
                toks.add(tok);
            }
            return new Keywords(lits, toks);
        }

        /** The keyword {@code lw} names exactly or abbreviates uniquely, an ambiguity, or null. */
        Resolution match(String w, String lw) {
            Integer tok = exact.get(lw);
            if (tok != null) return new Resolution(tok, HelpCatalog.literal(tok), 1, null, 0);
            int lo = 0, hi = sorted.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (sorted[mid].compareTo(lw) < 0) lo = mid + 1;
                else hi = mid;
            }
            int end = lo;
            while (end < sorted.length && sorted[end].startsWith(lw)) end++;
            if (end - lo == 1) return new Resolution(token[lo], sorted[lo], 1, null, 0);
            if (end - lo == 0) return null;
            int[] pos = new int[end - lo];
            for (int j = lo; j < end; j++) pos[j - lo] = j;
            // in the expected set's order
            pos = java.util.Arrays.stream(pos).boxed().sorted(java.util.Comparator.comparingInt(j -> order[j])).mapToInt(Integer::intValue).toArray();
            List<String> prefixed = new ArrayList<>(pos.length);
            for (int j : pos) prefixed.add(sorted[j]);
            return new Resolution(INVALID, w, 1, prefixed, 0);
        }
    }

    /** How far into the word the longest keyword match reaches: IOS puts `^` there. */
    private static int caretWithin(String lw, Map<Integer, Set<Integer>> expected) {
        int best = 0;
        for (int tok : expected.keySet()) {
            String lit = HelpCatalog.literal(tok);
            if (lit == null) continue;
            int k = 0;
            while (k < lw.length() && k < lit.length() && lw.charAt(k) == lit.charAt(k)) k++;
            best = Math.max(best, k);
        }
        return Math.min(best, Math.max(0, lw.length() - 1));
    }

    private static boolean allDigits(String w) {
        for (int k = 0; k < w.length(); k++) if (!Character.isDigit(w.charAt(k))) return false;
        return true;
    }

    /** X:X:X:X::X/<0-128>. */
    static boolean isIpv6Prefix(String w) {
        int slash = w.indexOf('/');
        if (slash < 0 || Ipv6Address.tryParse(w.substring(0, slash)) == null) return false;
        String len = w.substring(slash + 1);
        return !len.isEmpty() && len.length() <= 3 && len.chars().allMatch(Character::isDigit) && Integer.parseInt(len) <= 128;
    }

    static boolean isIpAddress(String w) {
        // four dot-separated parts of 1-3 digits (as Character.isDigit), each at most 255
        int parts = 0, len = 0, value = 0;
        for (int k = 0; k <= w.length(); k++) {
            char c = k < w.length() ? w.charAt(k) : '.';
            if (c == '.') {
                if (len == 0 || value > 255 || ++parts > 4) return false;
                len = 0;
                value = 0;
            } else if (Character.isDigit(c) && ++len <= 3) {
                value = value * 10 + Character.digit(c, 10);
            } else {
                return false;
            }
        }
        return parts == 4;
    }
}
