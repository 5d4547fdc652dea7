package dev.routerlab.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.CommonTokenFactory;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenFactory;
import org.antlr.v4.runtime.TokenSource;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.misc.Interval;

/**
 * A token stream whose token types are decided lazily: when the parser first looks at a word,
 * the stream asks the ATN which tokens may come next from the parser's current state and
 * resolves the word against exactly those (so `sh` is `show` only where `show` may appear).
 * With an LL(1) grammar the parser never looks further than the word it stands on.
 */
final class WordStream implements TokenStream {
    /** Thrown to stop parsing at the help cursor once its expected set is known. */
    static final class Stop extends RuntimeException {
        Stop() { super(null, null, false, false); }
    }

    private final String line;
    private final List<Word> words;
    private final List<Token> tokens = new ArrayList<>();
    private final WordResolver resolver;
    private final int stopAt;
    private Parser parser;
    private int p;

    Map<Integer, Set<Integer>> stopExpected;
    List<String> ambiguous;
    int ambiguousWord = -1;
    int[] caret;
    boolean lookedAhead;

    /** @param stopAt word index where to capture the expected tokens and stop, or -1 */
    WordStream(String line, List<Word> words, WordResolver resolver, int stopAt) {
        this.line = line;
        this.words = new ArrayList<>(words);
        this.resolver = resolver;
        this.stopAt = stopAt;
        this.caret = new int[words.size() + 1];
    }

    void attach(Parser parser) { this.parser = parser; }

    int wordCount() { return words.size(); }

    Word word(int i) { return words.get(i); }

    @Override
    public Token LT(int k) {
        if (k == 0) return null;
        if (k < 0) return p + k >= 0 ? tokens.get(p + k) : null;
        int idx = p + k - 1;
        while (tokens.size() <= idx) {
            int i = tokens.size();
            if (i == stopAt && i == p) {
                stopExpected = ExpectedTokens.at(parser, parser.getState(), parser.getContext());
                throw new Stop();
            }
            if (i >= words.size() || i == stopAt) break;
            if (i > p) lookedAhead = true;
            resolve(i, i == p ? ExpectedTokens.lookup(parser, parser.getState(), parser.getContext()) : NOTHING);
        }
        if (idx < tokens.size()) return tokens.get(idx);
        CommonToken eof = new CommonToken(Token.EOF, "<EOF>");
        int end = line.length();
        eof.setStartIndex(end);
        eof.setStopIndex(end - 1);
        eof.setTokenIndex(words.size());
        return eof;
    }

    private static final ExpectedTokens.Expected NOTHING = new ExpectedTokens.Expected(Map.of(), WordResolver.Keywords.of(Map.of()));

    private void resolve(int i, ExpectedTokens.Expected expected) {
        WordResolver.Resolution r = resolver.resolve(words, i, line, expected.tokens(), expected.keywords());
        if (r.ambiguous() != null && ambiguous == null) {
            ambiguous = r.ambiguous();
            ambiguousWord = i;
        }
        Word w = words.get(i);
        if (r.span() > 1) {
            Word last = words.get(i + r.span() - 1);
            int end = last.start() + last.text().length();
            for (int j = 1; j < r.span(); j++) words.remove(i + 1);
            words.set(i, new Word(line.substring(w.start(), end), w.start()));
        }
        caret[i] = w.start() + r.caret();
        CommonToken t = new CommonToken(r.type(), r.text());
        t.setTokenIndex(i);
        t.setStartIndex(w.start());
        t.setStopIndex(w.start() + words.get(i).text().length() - 1);
        t.setCharPositionInLine(w.start());
        t.setLine(1);
        tokens.add(t);
    }

    @Override public int LA(int i) { Token t = LT(i); return t == null ? Token.INVALID_TYPE : t.getType(); }
    @Override public void consume() { p++; }
    @Override public int index() { return p; }
    @Override public void seek(int index) { p = index; }
    @Override public int mark() { return -1; }
    @Override public void release(int marker) {}
    @Override public int size() { return words.size() + 1; }
    @Override public Token get(int index) { return LT(index - p + 1); }
    @Override public String getSourceName() { return "cli"; }
    @Override public String getText() { return line; }
    @Override public String getText(Interval interval) { return line; }
    @Override public String getText(RuleContext ctx) { return ctx.getText(); }
    @Override public String getText(Token start, Token stop) { return line; }

    @Override
    public TokenSource getTokenSource() {
        return new TokenSource() {
            @Override public Token nextToken() { throw new UnsupportedOperationException(); }
            @Override public int getLine() { return 1; }
            @Override public int getCharPositionInLine() { return 0; }
            @Override public CharStream getInputStream() { return null; }
            @Override public String getSourceName() { return "cli"; }
            @Override public void setTokenFactory(TokenFactory<?> factory) {}
            @Override public TokenFactory<?> getTokenFactory() { return CommonTokenFactory.DEFAULT; }
        };
    }
}
