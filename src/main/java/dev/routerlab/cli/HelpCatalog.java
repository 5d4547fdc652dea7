package dev.routerlab.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import dev.routerlab.grammar.IosParser;
import org.antlr.v4.runtime.Vocabulary;

/**
 * Help texts from grammar/help.txt, beside the grammar they describe. A line is
 * {@code TOKEN: text}, or {@code rule/TOKEN: text} for the token inside one rule, or with a
 * display form {@code rule/DEC <1-10000>: text} (a number range is also enforced).
 */
public final class HelpCatalog {
    /** What `?` shows for one token, and the number range a DEC accepts there. */
    public record Entry(String display, String help, long min, long max) {}

    /** The entries, read when first looked up: a line without a number or `?` needs none (a launch's `exit`). */
    private volatile Map<String, Entry> entries;
    private final Supplier<String> text;
    private final Vocabulary vocab = IosParser.VOCABULARY;

    public static HelpCatalog load() {
        return new HelpCatalog(() -> {
            try (InputStream in = HelpCatalog.class.getResourceAsStream("/help.txt")) {
                if (in == null) throw new IllegalStateException("help.txt missing from the classpath");
                // read whole, then cut into lines: a Reader decoding char by char is most of a launch's reading
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    HelpCatalog(Supplier<String> text) {
        this.text = text;
    }

    private Map<String, Entry> entries() {
        Map<String, Entry> m = entries;
        if (m == null) {
            synchronized (this) {
                m = entries;
                if (m == null) entries = m = parse(text.get());
            }
        }
        return m;
    }

    private static Map<String, Entry> parse(String text) {
        Map<String, Entry> entries = new HashMap<>();
        for (int at = 0; at < text.length(); ) {
            int eol = text.indexOf('\n', at);
            if (eol < 0) eol = text.length();
            int end = eol > at && text.charAt(eol - 1) == '\r' ? eol - 1 : eol;   // as readLine, a CR LF ends a line too
            String line = text.substring(at, end);
            at = eol + 1;
            if (line.isBlank() || line.startsWith("#")) continue;
            int colon = line.indexOf(": ");
            String key = colon < 0 ? line.strip() : line.substring(0, colon).strip();
            String help = colon < 0 ? "" : line.substring(colon + 2).strip();
            String display = null;
            int sp = key.indexOf(' ');
            if (sp > 0) {
                display = key.substring(sp + 1).strip();
                key = key.substring(0, sp);
            }
            long min = 0, max = 4294967295L;
            int dash = display == null ? -1 : range(display);
            if (dash > 0) {
                min = Long.parseLong(display.substring(1, dash));
                max = Long.parseLong(display.substring(dash + 1, display.length() - 1));
            }
            entries.put(key, new Entry(display, help, min, max));
        }
        return entries;
    }

    /**
     * Where the dash of a range `<DIGITS-DIGITS>` is, else -1. Not String.matches: that compiles
     * a regex per line, a good part of loading the catalog at launch.
     */
    static int range(String d) {
        int n = d.length();
        if (n < 5 || d.charAt(0) != '<' || d.charAt(n - 1) != '>') return -1;
        int dash = d.indexOf('-');
        if (dash < 2 || dash > n - 3) return -1;
        for (int i = 1; i < n - 1; i++) if (i != dash && (d.charAt(i) < '0' || d.charAt(i) > '9')) return -1;
        return dash;
    }

    /** The entry for token in the most specific of the given rules, else the token's own. */
    public Entry lookup(int token, Set<Integer> rules) {
        String name = vocab.getSymbolicName(token);
        if (rules != null) {
            for (int r : rules) {
                Entry e = entries().get(IosParser.ruleNames[r] + "/" + name);
                if (e != null) return withDisplay(token, e);
            }
        }
        Entry e = entries().get(name);
        return withDisplay(token, e == null ? new Entry(null, "", 0, 4294967295L) : e);
    }

    /** True when some entry exists for token (a test keeps every keyword documented). */
    public boolean has(int token) {
        String name = vocab.getSymbolicName(token);
        if (entries().containsKey(name)) return true;
        return entries().keySet().stream().anyMatch(k -> k.endsWith("/" + name));
    }

    private Entry withDisplay(int token, Entry e) {
        if (e.display() != null) return e;
        return new Entry(defaultDisplay(token), e.help(), e.min(), e.max());
    }

    static String defaultDisplay(int token) {
        return switch (token) {
            case IosParser.WORD -> "WORD";
            case IosParser.DEC -> "<0-4294967295>";
            case IosParser.IP_ADDRESS -> "A.B.C.D";
            case IosParser.IPV6_ADDRESS -> "X:X:X:X::X";
            case IosParser.IPV6_PREFIX -> "X:X:X:X::X/<0-128>";
            case IosParser.TEXT -> "LINE";
            case IosParser.INTERFACE_NAME -> "INTERFACE";
            default -> {
                String lit = IosParser.VOCABULARY.getLiteralName(token);
                yield lit == null ? IosParser.VOCABULARY.getSymbolicName(token) : lit.substring(1, lit.length() - 1);
            }
        };
    }

    /** The keyword a token stands for, or null for value tokens (and EOF). */
    static String literal(int token) {
        return token >= 0 && token < LITERALS.length ? LITERALS[token] : null;
    }

    private static final String[] LITERALS = new String[IosParser.VOCABULARY.getMaxTokenType() + 1];

    static {
        for (int t = 0; t < LITERALS.length; t++) {
            String lit = IosParser.VOCABULARY.getLiteralName(t);
            LITERALS[t] = lit == null ? null : lit.substring(1, lit.length() - 1);
        }
    }
}
