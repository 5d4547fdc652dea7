package dev.routerlab.text;

/**
 * Text from outside (SSH usernames, addresses, names typed or loaded) made safe for a log line or
 * a terminal, the IOS way: a control character shows in caret notation (`^[` for ESC, `^M` for
 * CR, `^J` for LF, `^?` for DEL), so it can neither start a forged line nor drive the terminal.
 * C1 controls (0x80-0x9F, e.g. the 8-bit CSI) show as `M-^[` and the like; Unicode format and
 * separator characters (bidi overrides, U+2028) as `<U+202E>`.
 */
public final class Printable {
    private Printable() {}

    /** {@code s} with every control character in caret notation; null stays null. */
    public static String printable(String s) {
        if (s == null) return null;
        int i = 0, n = s.length();
        while (i < n && plain(s.charAt(i))) i++;
        if (i == n) return s;
        StringBuilder sb = new StringBuilder(n + 8).append(s, 0, i);
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (plain(c)) sb.append(c);
            else if (c < 0x20) sb.append('^').append((char) (c + 0x40));
            else if (c == 0x7f) sb.append("^?");
            else if (c >= 0x80 && c < 0xa0) sb.append("M-^").append((char) (c - 0x80 + 0x40));
            else sb.append(String.format("<U+%04X>", (int) c));
        }
        return sb.toString();
    }

    private static boolean plain(char c) {
        if (c >= 0x20 && c < 0x7f) return true;
        if (c < 0xa0) return false;
        int t = Character.getType(c);
        return t != Character.FORMAT && t != Character.LINE_SEPARATOR && t != Character.PARAGRAPH_SEPARATOR
            && t != Character.CONTROL;
    }
}
