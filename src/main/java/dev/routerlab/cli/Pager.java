package dev.routerlab.cli;

/** The IOS ` --More-- ` pager: space shows a page, enter a line, anything else stops. */
public final class Pager {
    private static final String MORE = " --More-- ";

    private Pager() {}

    public static void page(Terminal t, String text, int length) {
        String[] lines = text.split("\n", -1);
        int n = text.endsWith("\n") ? lines.length - 1 : lines.length;
        int shown = 0, budget = length - 1;
        while (shown < n) {
            int upto = Math.min(n, shown + budget);
            StringBuilder sb = new StringBuilder();
            for (int i = shown; i < upto; i++) sb.append(lines[i]).append('\n');
            t.write(sb.toString());
            shown = upto;
            if (shown >= n) break;
            t.write(MORE);
            int k = t.readKey();
            t.write("\r" + " ".repeat(MORE.length()) + "\r");
            if (k == ' ') budget = length - 1;
            else if (k == '\r' || k == '\n') budget = 1;
            else break;
        }
    }
}
