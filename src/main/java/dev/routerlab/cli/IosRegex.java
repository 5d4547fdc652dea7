package dev.routerlab.cli;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * IOS regular expressions, run by RE2/J: matching time is linear in the line's length whatever
 * the expression (`(.*a){60}$` cannot stall the router). IOS syntax on top of RE2's: `_` matches
 * a delimiter (start or end of the line, space, comma, braces, parentheses); `\_` and `_` inside
 * a bracket expression stay a literal underscore.
 */
public final class IosRegex {
    private static final String DELIMITER = "(?:^|$|[ ,{}()])";

    private IosRegex() {}

    /** Compiles an IOS regular expression; null when it is invalid. */
    public static Pattern compile(String ios) {
        try {
            return Pattern.compile(translate(ios));
        } catch (PatternSyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Whether the expression matches anywhere in {@code line}. */
    public static boolean find(Pattern p, CharSequence line) {
        return p.matcher(line).find();
    }

    /** IOS syntax to RE2 syntax (only `_` differs). */
    static String translate(String ios) {
        StringBuilder sb = new StringBuilder(ios.length() + 16);
        boolean inClass = false;
        for (int i = 0; i < ios.length(); i++) {
            char c = ios.charAt(i);
            if (c == '\\' && i + 1 < ios.length()) {
                sb.append(c).append(ios.charAt(++i));
            } else if (inClass) {
                if (c == ']') inClass = false;
                sb.append(c);
            } else if (c == '[') {
                inClass = true;
                sb.append(c);
                // a `]` right after `[` or `[^` is a literal member of the class
                if (i + 1 < ios.length() && ios.charAt(i + 1) == '^') sb.append(ios.charAt(++i));
                if (i + 1 < ios.length() && ios.charAt(i + 1) == ']') sb.append(ios.charAt(++i));
            } else if (c == '_') {
                sb.append(DELIMITER);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
