package dev.routerlab.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.tree.ParseTree;

/**
 * Maps grammar rules to the code that runs them. Feature packages register handlers for their
 * rules; a parsed line runs the handler of its first (outermost) registered rule.
 *
 * <p>Registrations come in layers (a feature's command layer). A layer registers when a line
 * first needs one of its rules, as an index made from all layers' registrations says
 * ({@link #index}): a launch that only reaches the first prompt loads no feature's handlers.
 * Layers' parts and appended handlers run in layer order, whatever order the layers loaded in,
 * so that the result is the same as registering every layer at once. Safe to share between threads.
 */
public final class CommandRegistry {
    /** A group of registrations (a feature's command layer), made on first need. */
    public record Layer(String name, Consumer<CommandRegistry> register) {}

    /** One registration: its kind (on, part, after), its place in layer order, and the handler. */
    private record Entry(char kind, long order, Object when, CommandHandler<?> handler) {}

    /** Registrations by context class name: the handler (kind 'o') first if any, then parts and appended in order. */
    private final Map<String, List<Entry>> byRule = new ConcurrentHashMap<>();
    private final List<Layer> layers;
    /**
     * Class name → the layers that register it (a bit each) and whether any of them dispatches it;
     * read from indexText when first needed (a launch prints its first prompt before).
     */
    private volatile Map<String, long[]> index;
    private final Supplier<String> indexText;
    /** The layers registered so far, a bit each. */
    private volatile long loaded;
    private int current = -1;   // the layer registering now (-1: registrations made directly)
    private long seq;
    /** Direct registrations made when the registry is first used (see {@link #onFirstUse}). */
    private Consumer<CommandRegistry> first;

    /** A registry whose registrations are all made directly (`on`, `onPart`, `after`). */
    public CommandRegistry() {
        this(List.of(), () -> "");
    }

    private CommandRegistry(List<Layer> layers, Supplier<String> indexText) {
        if (layers.size() > 63) throw new IllegalArgumentException("at most 63 layers");
        this.layers = List.copyOf(layers);
        this.indexText = indexText;
    }

    /**
     * A registry whose layers register on first need, as index (the text {@link #index} made from
     * the same layers) says. A layer the index does not name is an error: the index is stale.
     */
    public static CommandRegistry lazy(List<Layer> layers, BufferedReader index) {
        StringBuilder text = new StringBuilder();
        try {
            String line;
            while ((line = index.readLine()) != null) text.append(line).append('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String t = text.toString();
        return lazy(layers, () -> t);
    }

    /** As {@link #lazy(List, BufferedReader)}, the index's text read when a line first needs a handler. */
    public static CommandRegistry lazy(List<Layer> layers, Supplier<String> indexText) {
        return new CommandRegistry(layers, indexText);
    }

    private Map<String, long[]> index() {
        Map<String, long[]> i = index;
        if (i == null) {
            synchronized (this) {
                i = index;
                if (i == null) {
                    Consumer<CommandRegistry> f = first;
                    first = null;
                    if (f != null) f.accept(this);
                    index = i = parseIndex(layers, indexText.get());
                }
            }
        }
        return i;
    }

    /**
     * Makes these direct registrations when the registry is first used (a line first needs a
     * handler), before any layer's; at once if it is already in use. The session's own commands
     * register so, after the first prompt: their lambdas are the only ones a launch would link
     * before it (each call site's first link costs ≈ 0.15 ms on JDK 17, the first one ≈ 2 ms more).
     */
    public synchronized void onFirstUse(Consumer<CommandRegistry> registrations) {
        if (index != null) registrations.accept(this);
        else if (first == null) first = registrations;
        else {
            Consumer<CommandRegistry> before = first;
            first = new Consumer<>() {
                @Override public void accept(CommandRegistry r) {
                    before.accept(r);
                    registrations.accept(r);
                }
            };
        }
    }

    private static Map<String, long[]> parseIndex(List<Layer> layers, String text) {
        Map<String, Integer> number = new HashMap<>();
        for (int i = 0; i < layers.size(); i++) number.put(layers.get(i).name(), i);
        Map<String, long[]> idx = new HashMap<>();
        for (int at = 0; at < text.length(); ) {
            int eol = text.indexOf('\n', at);
            if (eol < 0) eol = text.length();
            String line = text.substring(at, eol);
            at = eol + 1;
            if (line.isBlank() || line.startsWith("#")) continue;
            List<String> f = words(line);
            long[] v = new long[2];     // [0] layers, [1] 1 when some layer dispatches the rule
            for (int i = 1; i < f.size(); i++) {
                String w = f.get(i);
                int colon = w.indexOf(':');
                Integer n = number.get(w.substring(0, colon));
                if (n == null) throw new IllegalStateException("command index names no such layer: " + w);
                v[0] |= 1L << n;
                if (w.indexOf('o', colon) > 0 || w.indexOf('p', colon) > 0) v[1] |= 1;
                if (w.indexOf('o', colon) > 0) v[1] |= 2;
            }
            idx.put(RULE_PACKAGE + f.get(0), v);
        }
        return Map.copyOf(idx);
    }

    /**
     * The words of an index line, split at spaces. Not String.split(" +"): that compiles a regex
     * per line, most of reading the index at launch.
     */
    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        int n = line.length();
        for (int i = 0; i < n; ) {
            while (i < n && Character.isWhitespace(line.charAt(i))) i++;
            int start = i;
            while (i < n && !Character.isWhitespace(line.charAt(i))) i++;
            if (i > start) words.add(line.substring(start, i));
        }
        return words;
    }

    /** Where the grammar's context classes are: the index names them without it. */
    private static final String RULE_PACKAGE = "dev.routerlab.grammar.";

    /**
     * The index of layers, one line per rule class any layer registers: the class (without its
     * package) and each layer registering it with the kinds it registers (o: `on`, p: `onPart`,
     * a: `after`), sorted, so that the text is the same for the same registrations.
     */
    public static String index(List<Layer> layers) {
        CommandRegistry r = new CommandRegistry(layers, () -> "");
        Map<String, Map<Integer, StringBuilder>> kinds = new TreeMap<>();
        for (int i = 0; i < layers.size(); i++) {
            r.current = i;
            layers.get(i).register().accept(r);
        }
        r.byRule.forEach((rule, entries) -> {
            for (Entry e : entries) {
                int layer = (int) (e.order() >> 40) - 1;
                if (layer < 0) continue;
                StringBuilder k = kinds.computeIfAbsent(rule, x -> new TreeMap<>()).computeIfAbsent(layer, x -> new StringBuilder());
                if (k.indexOf(String.valueOf(e.kind())) < 0) k.append(e.kind());
            }
        });
        StringBuilder sb = new StringBuilder();
        kinds.forEach((rule, byLayer) -> {
            sb.append(rule.startsWith(RULE_PACKAGE) ? rule.substring(RULE_PACKAGE.length()) : rule);
            byLayer.forEach((layer, k) -> sb.append(' ').append(layers.get(layer).name()).append(':').append(k));
            sb.append('\n');
        });
        return sb.toString();
    }

    public <C extends ParserRuleContext> CommandRegistry on(Class<C> rule, CommandHandler<C> h) {
        List<Entry> es = entries(rule);
        if (!es.isEmpty() && es.get(0).kind() == 'o') throw new IllegalStateException("two handlers for " + rule.getSimpleName());
        es.add(0, new Entry('o', order(), null, h));
        return this;
    }

    /**
     * Lets a feature take part of a rule another feature owns (`debug nhrp` under `x_debug`): when
     * the predicate holds for the parsed line, h runs instead of the rule's handler; h may also
     * return the line to the owner by returning false from when. A null predicate makes h a hook that
     * runs first and then lets the line go on (`undebug all` stops NHRP debugging, then the owner's
     * handler runs). Independent of registration order.
     */
    public <C extends ParserRuleContext> CommandRegistry onPart(Class<C> rule, java.util.function.Predicate<C> when,
                                                                CommandHandler<C> h) {
        add(entries(rule), new Entry('p', order(), when, h));
        return this;
    }

    /**
     * Lets a feature add its block after a rule another feature owns (`show ip protocols`: the
     * routing layer prints the header, each protocol's layer its process).
     */
    public <C extends ParserRuleContext> CommandRegistry after(Class<C> rule, CommandHandler<C> h) {
        add(entries(rule), new Entry('a', order(), null, h));
        return this;
    }

    /** Does the rule have a handler of its own (not counting parts)? */
    public boolean handles(Class<?> rule) {
        long[] v = index().get(rule.getName());
        if (v != null && (v[1] & 2) != 0) return true;
        List<Entry> es = ready(rule.getName());
        return es != null && !es.isEmpty() && es.get(0).kind() == 'o';
    }

    /** Does a parsed line whose outermost registered rule is this one run code (a handler or a part)? */
    public boolean dispatches(Class<?> rule) { return dispatches(rule.getName()); }

    private boolean dispatches(String rule) {
        long[] v = index().get(rule);
        if (v != null && v[1] != 0) return true;
        List<Entry> es = ready(rule);
        if (es == null) return false;
        for (Entry e : es) if (e.kind() != 'a') return true;
        return false;
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
        List<Entry> es = ready(ctx.getClass().getName());
        if (es == null) return;
        for (Entry e : es) {
            if (e.kind() != 'p') continue;
            if (e.when() == null) {                 // a hook that runs before the owner's handler
                ((CommandHandler<C>) e.handler()).run(ctx, cc);
                continue;
            }
            if (((java.util.function.Predicate<C>) e.when()).test(ctx)) {
                ((CommandHandler<C>) e.handler()).run(ctx, cc);
                return;
            }
        }
        if (es.get(0).kind() == 'o') ((CommandHandler<C>) es.get(0).handler()).run(ctx, cc);
        for (Entry e : es) if (e.kind() == 'a') ((CommandHandler<C>) e.handler()).run(ctx, cc);
    }

    ParserRuleContext find(ParseTree tree) {
        if (tree instanceof ParserRuleContext p) {
            if (dispatches(p.getClass().getName())) return p;
            for (int i = 0; i < p.getChildCount(); i++) {
                ParserRuleContext hit = find(p.getChild(i));
                if (hit != null) return hit;
            }
        }
        return null;
    }

    /** The rule's registrations, after registering every layer the index says takes part in it. */
    private List<Entry> ready(String rule) {
        long[] v = index().get(rule);
        if (v != null && (loaded & v[0]) != v[0]) load(v[0]);
        return byRule.get(rule);
    }

    private synchronized void load(long wanted) {
        for (int i = 0; i < layers.size(); i++) {
            long bit = 1L << i;
            if ((wanted & bit) == 0 || (loaded & bit) != 0) continue;
            current = i;
            registered.clear();
            try {
                layers.get(i).register().accept(this);
            } finally {
                current = -1;
            }
            for (String rule : registered) {
                long[] v = index().get(rule);
                if (v == null || (v[0] & bit) == 0) {
                    throw new IllegalStateException("the command index is stale: it lacks " + rule + " in " + layers.get(i).name());
                }
            }
            loaded |= bit;      // volatile: what the layer registered is visible to whoever sees the bit
        }
    }

    /** The rules the layer being loaded registers (to check the index against). */
    private final List<String> registered = new ArrayList<>();

    /** Place in layer order: the layer (direct registrations first), then registration order. */
    private long order() { return ((long) (current + 1) << 40) | seq++; }

    private List<Entry> entries(Class<?> rule) {
        if (current >= 0) registered.add(rule.getName());
        List<Entry> es = byRule.get(rule.getName());     // not computeIfAbsent's lambda (see onFirstUse)
        if (es == null) {
            List<Entry> fresh = new ArrayList<>();
            es = byRule.putIfAbsent(rule.getName(), fresh);
            if (es == null) es = fresh;
        }
        return es;
    }

    /** Inserts e after the entries before it in layer order (the handler stays first). */
    private static void add(List<Entry> es, Entry e) {
        int at = es.size();
        while (at > 0 && es.get(at - 1).kind() != 'o' && es.get(at - 1).order() > e.order()) at--;
        es.add(at, e);
    }
}
