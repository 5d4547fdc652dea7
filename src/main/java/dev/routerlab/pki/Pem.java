package dev.routerlab.pki;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The textual encodings certificates and requests take at the CLI: PEM (RFC 7468) as IOS prints
 * and reads it, bare base64 as `crypto pki authenticate` takes it, and the hex blocks of a
 * `crypto pki certificate chain` in the configuration. Pure functions.
 */
public final class Pem {
    private Pem() {}

    /** One PEM block: its label ("CERTIFICATE", "CERTIFICATE REQUEST") and its DER bytes. */
    public record Block(String label, byte[] der) {}

    /** RFC 7468 text: the label lines around base64 wrapped at 64 characters. */
    public static String encode(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
            + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
            + "\n-----END " + label + "-----\n";
    }

    /** The blocks of a PEM text; text with no BEGIN line is taken as bare base64 of one DER object. */
    public static List<Block> decode(String text) {
        List<Block> out = new ArrayList<>();
        String label = null;
        StringBuilder b64 = new StringBuilder();
        boolean sawBegin = false;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("-----BEGIN ") && line.endsWith("-----")) {
                label = line.substring(11, line.length() - 5);
                b64.setLength(0);
                sawBegin = true;
            } else if (line.startsWith("-----END ") && label != null) {
                byte[] der = base64(b64.toString());
                if (der != null) out.add(new Block(label, der));
                label = null;
            } else if (label != null || !sawBegin) {
                b64.append(line);
            }
        }
        if (!sawBegin && b64.length() > 0) {
            byte[] der = base64(b64.toString());
            if (der != null) out.add(new Block("CERTIFICATE", der));
        }
        return out;
    }

    private static byte[] base64(String s) {
        try {
            return Base64.getMimeDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** DER as IOS writes it in a certificate chain: upper-case hex, 4-byte words, 8 words a line, indented. */
    public static String hexLines(byte[] der, String indent) {
        String hex = HexFormat.of().withUpperCase().formatHex(der);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 64) {
            sb.append(indent);
            String line = hex.substring(i, Math.min(hex.length(), i + 64));
            for (int j = 0; j < line.length(); j += 8) {
                if (j > 0) sb.append(' ');
                sb.append(line, j, Math.min(line.length(), j + 8));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** The bytes of hex text (spaces and line breaks ignored), or null when it is not hex. */
    public static byte[] hex(String text) {
        String s = text.replaceAll("\\s+", "");
        if (s.length() % 2 != 0) return null;
        try {
            return HexFormat.of().parseHex(s.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public static String hex(byte[] b) { return HexFormat.of().withUpperCase().formatHex(b); }

    static byte[] ascii(String s) { return s.getBytes(StandardCharsets.US_ASCII); }
}
