package dev.routerlab.cli;

import java.util.ArrayList;
import java.util.List;

/** A word of a command line and where it starts (for the `^` marker). */
record Word(String text, int start) {
    static List<Word> split(String line) {
        List<Word> out = new ArrayList<>();
        int i = 0, n = line.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(line.charAt(i))) i++;
            int s = i;
            while (i < n && !Character.isWhitespace(line.charAt(i))) i++;
            if (i > s) out.add(new Word(line.substring(s, i), s));
        }
        return out;
    }
}
