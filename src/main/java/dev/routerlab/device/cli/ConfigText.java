package dev.routerlab.device.cli;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The one decoder of configuration files (`--config FILE`, lab startup-configs, NVRAM): UTF-8
 * per line, so a line with an encoding error is reported with its number and the rest loads; a
 * leading byte-order mark is dropped; LF, CRLF and CR-only line ends are all line ends.
 */
public final class ConfigText {
    private ConfigText() {}

    /** Decoded lines; {@code bad[i]} is true when line i+1 was not valid UTF-8 (its text then has U+FFFD). */
    public record Lines(String[] lines, boolean[] bad) {
        public static Lines of(String text) {
            String[] l = split(text);
            return new Lines(l, new boolean[l.length]);
        }
    }

    /** Splits text at LF, CRLF or CR (the last line may be empty), dropping a leading BOM. */
    public static String[] split(String text) {
        int start = text.startsWith("\uFEFF") ? 1 : 0;
        List<String> out = new ArrayList<>();
        int n = text.length();
        for (int i = start; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                out.add(text.substring(start, i));
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') i++;
                start = i + 1;
            }
        }
        out.add(text.substring(start));
        return out.toArray(String[]::new);
    }

    /** Decodes file bytes line by line (see the class comment). */
    public static Lines decode(byte[] b) {
        int start = b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF ? 3 : 0;
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        List<String> lines = new ArrayList<>();
        List<Boolean> bad = new ArrayList<>();
        int n = b.length;
        for (int i = start; ; i++) {
            if (i == n || b[i] == '\n' || b[i] == '\r') {
                ByteBuffer line = ByteBuffer.wrap(b, start, i - start);
                try {
                    lines.add(strict.reset().decode(line).toString());
                    bad.add(false);
                } catch (CharacterCodingException e) {
                    lines.add(new String(b, start, i - start, StandardCharsets.UTF_8));
                    bad.add(true);
                }
                if (i == n) break;
                if (b[i] == '\r' && i + 1 < n && b[i + 1] == '\n') i++;
                start = i + 1;
            }
        }
        boolean[] flags = new boolean[bad.size()];
        for (int i = 0; i < flags.length; i++) flags[i] = bad.get(i);
        return new Lines(lines.toArray(String[]::new), flags);
    }

    /** Decoded text with LF line ends (for display: `show startup-config`), BOM dropped. */
    public static String text(byte[] b) {
        return String.join("\n", decode(b).lines());
    }
}
