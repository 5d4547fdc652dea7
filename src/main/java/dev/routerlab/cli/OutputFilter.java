package dev.routerlab.cli;

import com.google.re2j.Pattern;
import dev.routerlab.grammar.IosParser;

/** `| include`, `| exclude`, `| begin`, `| section`, `| count` over a command's output lines. */
final class OutputFilter {
    private OutputFilter() {}

    static String apply(IosParser.Output_filterContext f, String text) {
        // `| count` without a regular expression counts every line
        Pattern re = Session.regex(f.TEXT() == null ? "" : f.TEXT().getText());
        if (re == null) return "% Invalid regular expression\n";
        StringBuilder sb = new StringBuilder();
        String[] lines = text.split("\n", -1);
        int n = text.endsWith("\n") ? lines.length - 1 : lines.length;
        boolean begun = false, inSection = false;
        int count = 0;
        for (int i = 0; i < n; i++) {
            String l = lines[i];
            boolean hit = re.matcher(l).find();
            boolean keep;
            if (f.COUNT() != null) {
                if (hit) count++;
                continue;
            }
            if (f.INCLUDE() != null) keep = hit;
            else if (f.EXCLUDE() != null) keep = !hit;
            else if (f.BEGIN() != null) keep = begun |= hit;
            else {
                // section: a matching unindented line and the indented lines under it
                boolean indented = l.startsWith(" ");
                if (!indented) inSection = hit;
                keep = inSection || (indented && hit);
            }
            if (keep) sb.append(l).append('\n');
        }
        return f.COUNT() != null ? "Number of lines which match regexp = " + count + "\n" : sb.toString();
    }
}
