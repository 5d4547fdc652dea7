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
        String w = words.get(i).text();
        String lw = w.toLowerCase(Locale.ROOT);
        if (expected.containsKey(IosParser.TEXT)) {
            return new Resolution(IosParser.TEXT, line.substring(words.get(i).start()).strip(), words.size() - i, null, 0);
        }
        List<String> prefixed = new ArrayList<>();
        int best = -1;
        for (int tok : expected.keySet()) {
            String lit = HelpCatalog.literal(tok);
            if (lit == null) continue;
            if (lit.equals(lw)) return new Resolution(tok, lit, 1, null, 0);
            if (lit.startsWith(lw)) {
                prefixed.add(lit);
                best = tok;
            }
        }
        if (prefixed.size() == 1) return new Resolution(best, prefixed.get(0), 1, null, 0);
        if (prefixed.size() > 1) return new Resolution(INVALID, w, 1, prefixed, 0);

        if (expected.containsKey(IosParser.IP_ADDRESS) && isIpAddress(w)) {
            return new Resolution(IosParser.IP_ADDRESS, w, 1, null, 0);
        }
        if (expected.containsKey(IosParser.IPV6_ADDRESS) && Ipv6Address.tryParse(w) != null) {
            return new Resolution(IosParser.IPV6_ADDRESS, w, 1, null, 0);
        }
        if (expected.containsKey(IosParser.IPV6_PREFIX) && isIpv6Prefix(w)) {
            return new Resolution(IosParser.IPV6_PREFIX, w, 1, null, 0);
        }
        if (expected.containsKey(IosParser.DEC) && w.chars().allMatch(Character::isDigit) && w.length() < 19) {
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

    /** X:X:X:X::X/<0-128>. */
    static boolean isIpv6Prefix(String w) {
        int slash = w.indexOf('/');
        if (slash < 0 || Ipv6Address.tryParse(w.substring(0, slash)) == null) return false;
        String len = w.substring(slash + 1);
        return !len.isEmpty() && len.length() <= 3 && len.chars().allMatch(Character::isDigit) && Integer.parseInt(len) <= 128;
    }

    static boolean isIpAddress(String w) {
        String[] p = w.split("\\.", -1);
        if (p.length != 4) return false;
        for (String s : p) {
            if (s.isEmpty() || s.length() > 3 || !s.chars().allMatch(Character::isDigit)) return false;
            if (Integer.parseInt(s) > 255) return false;
        }
        return true;
    }
}
