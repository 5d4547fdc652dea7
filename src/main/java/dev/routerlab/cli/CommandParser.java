package dev.routerlab.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.grammar.IosParser;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Parses one command line in a mode, word by word against the grammar, and answers `?` and TAB
 * from the same grammar. Thread-safe: holds no per-line state.
 */
public final class CommandParser {
    /** Result of parsing a whole line. */
    public sealed interface Outcome permits Parsed, Invalid, Incomplete, Ambiguous {}

    public record Parsed(ParserRuleContext tree) implements Outcome {}

    /** caret: offset in the line of the first bad character; word: index of the bad word. */
    public record Invalid(int caret, int word) implements Outcome {}

    public record Incomplete() implements Outcome {}

    public record Ambiguous(String typed) implements Outcome {}

    /** One line of `?` output: the keyword or value form and its help. */
    public record HelpItem(String display, String help) {}

    private final HelpCatalog help;
    private final WordResolver resolver;

    public CommandParser(HelpCatalog help) {
        this.help = help;
        this.resolver = new WordResolver(help);
    }

    public HelpCatalog help() { return help; }

    public Outcome parse(Mode mode, String line) {
        List<Word> words = Word.split(line);
        WordStream in = new WordStream(line, words, resolver, -1);
        try {
            ParserRuleContext tree = run(mode, in);
            if (in.lookedAhead) throw new IllegalStateException("grammar is not LL(1) at: " + line);
            return new Parsed(tree);
        } catch (ParseCancellationException e) {
            Token bad = e.getCause() instanceof RecognitionException re ? re.getOffendingToken() : null;
            if (in.ambiguous != null && (bad == null || bad.getTokenIndex() >= in.ambiguousWord)) {
                int end = in.word(in.ambiguousWord).start() + in.word(in.ambiguousWord).text().length();
                return new Ambiguous(line.substring(0, end).strip());
            }
            if (bad == null || bad.getType() == Token.EOF) return new Incomplete();
            int idx = bad.getTokenIndex();
            return new Invalid(in.caret[idx], idx);
        }
    }

    /**
     * `?` at the end of `typed`: the items that may come next (after a space), or the keywords
     * that complete a partial last word. Returns an Outcome when the words before are not valid.
     */
    public Object help(Mode mode, String typed) {
        boolean partial = !typed.isEmpty() && !Character.isWhitespace(typed.charAt(typed.length() - 1));
        List<Word> words = Word.split(typed);
        int at = partial ? words.size() - 1 : words.size();
        Map<Integer, Set<Integer>> exp = expectedAt(mode, typed, words, at);
        if (exp == null) {
            HelpItem number = interfaceNumberHelp(mode, typed, words, partial);
            return number != null ? List.of(number) : parse(mode, typed);
        }
        List<HelpItem> items = new ArrayList<>();
        if (partial) {
            String w = words.get(at).text().toLowerCase(Locale.ROOT);
            for (int tok : exp.keySet()) {
                if (tok == IosParser.INTERFACE_NAME) {
                    for (InterfaceName.Type t : InterfaceName.typesMatching(w)) items.add(new HelpItem(t.ios, t.help));
                    continue;
                }
                String lit = HelpCatalog.literal(tok);
                if (lit != null && lit.startsWith(w)) items.add(new HelpItem(lit, ""));
            }
            items.sort(Comparator.comparing(HelpItem::display));
            return items;
        }
        boolean cr = false;
        List<HelpItem> values = new ArrayList<>(), keywords = new ArrayList<>();
        HelpItem pipe = null;
        for (Map.Entry<Integer, Set<Integer>> e : exp.entrySet()) {
            int tok = e.getKey();
            if (tok == Token.EOF) { cr = true; continue; }
            HelpCatalog.Entry h = help.lookup(tok, e.getValue());
            if (tok == IosParser.INTERFACE_NAME) {
                for (InterfaceName.Type t : InterfaceName.Type.values()) keywords.add(new HelpItem(t.ios, t.help));
            } else if (tok == IosParser.PIPE) {
                pipe = new HelpItem(h.display(), h.help());
            } else if (HelpCatalog.literal(tok) == null) {
                values.add(new HelpItem(h.display(), h.help()));
            } else {
                keywords.add(new HelpItem(h.display(), h.help()));
            }
        }
        keywords.sort(Comparator.comparing(i -> i.display().toLowerCase(Locale.ROOT)));
        items.addAll(values);
        items.addAll(keywords);
        if (pipe != null) items.add(pipe);
        if (cr) items.add(new HelpItem("<cr>", ""));
        return items;
    }

    /** `interface Tunnel ?`: after a bare interface type IOS lists its number range. */
    private HelpItem interfaceNumberHelp(Mode mode, String typed, List<Word> words, boolean partial) {
        if (partial || words.isEmpty()) return null;
        int last = words.size() - 1;
        List<InterfaceName.Type> types = InterfaceName.typesMatching(words.get(last).text());
        if (types.size() != 1) return null;
        Map<Integer, Set<Integer>> before = expectedAt(mode, typed, words, last);
        if (before == null || !before.containsKey(IosParser.INTERFACE_NAME)) return null;
        InterfaceName.Type t = types.get(0);
        return new HelpItem(t.physical ? "<0-0>" : "<0-2147483647>", t.ios + " interface number");
    }

    /** TAB: the typed line with its last word completed when exactly one keyword fits, else null. */
    public String complete(Mode mode, String typed) {
        List<Word> words = Word.split(typed);
        if (words.isEmpty() || Character.isWhitespace(typed.charAt(typed.length() - 1))) return null;
        int at = words.size() - 1;
        Map<Integer, Set<Integer>> exp = expectedAt(mode, typed, words, at);
        if (exp == null) return null;
        String w = words.get(at).text();
        String lw = w.toLowerCase(Locale.ROOT);
        List<String> fits = new ArrayList<>();
        for (int tok : exp.keySet()) {
            String lit = HelpCatalog.literal(tok);
            if (lit != null && lit.startsWith(lw)) fits.add(lit);
            if (tok == IosParser.INTERFACE_NAME) {
                InterfaceName n = InterfaceName.parse(w);
                if (n != null) fits.add(n.toString());
                else for (InterfaceName.Type t : InterfaceName.typesMatching(w)) fits.add(t.ios);
            }
        }
        if (fits.contains(lw)) fits = List.of(lw);
        if (fits.size() != 1) return null;
        String done = fits.get(0);
        boolean isType = done.chars().noneMatch(Character::isDigit) && Character.isUpperCase(done.charAt(0));
        return typed.substring(0, words.get(at).start()) + done + (isType ? "" : " ");
    }

    /** Expected tokens at word index `at`, or null when the words before it do not parse. */
    private Map<Integer, Set<Integer>> expectedAt(Mode mode, String typed, List<Word> words, int at) {
        WordStream in = new WordStream(typed, words, resolver, at);
        try {
            run(mode, in);
        } catch (WordStream.Stop s) {
            return in.stopExpected;
        } catch (ParseCancellationException e) {
            return null;
        }
        return null;
    }

    private ParserRuleContext run(Mode mode, WordStream in) {
        IosParser p = new IosParser(in);
        in.attach(p);
        p.removeErrorListeners();
        p.setErrorHandler(new BailErrorStrategy());
        p.getInterpreter().setPredictionMode(PredictionMode.SLL);
        return entry(mode, p);
    }

    /**
     * Runs the mode's entry rule ({@link Mode#entryRule()}) on p. A switch rather than reflection:
     * looking the method up by name would load every rule's context class at the first parse.
     */
    static ParserRuleContext entry(Mode mode, IosParser p) {
        return switch (mode) {
            case USER_EXEC -> p.user_exec_line();
            case PRIV_EXEC -> p.exec_line();
            case CONFIG -> p.config_line();
            case CONFIG_IF -> p.if_line();
            case CONFIG_ISAKMP -> p.isakmp_line();
            case CRYPTO_TRANS -> p.transform_line();
            case IPSEC_PROFILE -> p.ipsec_profile_line();
            case CRYPTO_MAP -> p.crypto_map_line();
            case CONFIG_ROUTER -> p.router_line();
            case CONFIG_LINE -> p.line_line();
            case EXT_NACL -> p.ext_nacl_line();
            case STD_NACL -> p.std_nacl_line();
            case CONFIG_KEYRING -> p.keyring_line();
            case CONFIG_ISAKMP_PROFILE -> p.isakmp_profile_line();
            case CONFIG_KEYCHAIN -> p.keychain_line();
            case CONFIG_KEYCHAIN_KEY -> p.keychain_key_line();
            case CONFIG_VRF -> p.vrf_line();
            case VRF_AF -> p.vrf_af_line();
            case ROUTER_NAMED -> p.router_named_line();
            case ROUTER_AF -> p.router_af_line();
            case ROUTER_AF_INTERFACE -> p.router_af_if_line();
            case ROUTER_AF_TOPOLOGY -> p.router_af_topology_line();
            case ROUTER_CLASSIC_AF -> p.router_eigrp_af_line();
            case CONFIG_IKEV2_PROPOSAL -> p.ikev2_proposal_line();
            case CONFIG_IKEV2_POLICY -> p.ikev2_policy_line();
            case CONFIG_IKEV2_KEYRING -> p.ikev2_keyring_line();
            case CONFIG_IKEV2_KEYRING_PEER -> p.ikev2_peer_line();
            case CONFIG_IKEV2_PROFILE -> p.ikev2_profile_line();
            case CONFIG_CA_TRUSTPOINT -> p.trustpoint_line();
            case CONFIG_CERT_CHAIN -> p.cert_chain_line();
            case CONFIG_CERT_MAP -> p.cert_map_line();
            case CONFIG_CS_SERVER -> p.cs_server_line();
        };
    }
}
