package dev.routerlab.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one HTTP/1.x message from bytes as they arrive (RFC 9112): the start line, header
 * fields, then a body of Content-Length bytes, chunked (section 7.1), or (a response with
 * neither) up to the connection's end. Bounded: 8 KB of header, {@link #MAX_BODY} of body. Pure.
 */
final class HttpParser {
    static final int MAX_HEADER = 8 * 1024, MAX_BODY = 1024 * 1024;

    enum Status { MORE, DONE, BAD }

    private final boolean response;
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private String[] startLine;
    private final Map<String, String> headers = new HashMap<>();
    /** Body bytes still expected (-1: until close; -2: chunked). */
    private long remaining;
    private boolean inBody;
    private Status status = Status.MORE;
    private String error;

    HttpParser(boolean response) { this.response = response; }

    String[] startLine() { return startLine; }

    Map<String, String> headers() { return headers; }

    byte[] body() { return body.toByteArray(); }

    String error() { return error; }

    Status status() { return status; }

    /** Feeds received bytes; the status says whether the message is whole. */
    Status feed(byte[] data) {
        if (status != Status.MORE) return status;
        buf.writeBytes(data);
        if (!inBody) {
            byte[] b = buf.toByteArray();
            int end = indexOf(b, "\r\n\r\n");
            int sep = 4;
            if (end < 0) {
                end = indexOf(b, "\n\n");
                sep = 2;
            }
            if (end < 0) return b.length > MAX_HEADER ? bad("header too long") : Status.MORE;
            if (end > MAX_HEADER) return bad("header too long");
            if (!head(new String(b, 0, end, StandardCharsets.ISO_8859_1))) return status;
            buf.reset();
            buf.write(b, end + sep, b.length - end - sep);
            inBody = true;
        }
        return bodyBytes();
    }

    /** The connection ended: a body read up to the close is whole; anything else is cut short. */
    Status closed() {
        if (status != Status.MORE) return status;
        if (inBody && remaining == -1) return status = Status.DONE;
        return bad("connection closed mid-message");
    }

    private boolean head(String text) {
        String[] lines = text.split("\r?\n");
        String[] first = lines[0].split(" ", 3);
        if (first.length < (response ? 2 : 3) || !(response ? first[0] : first[2]).startsWith("HTTP/1.")) {
            bad("bad start line");
            return false;
        }
        startLine = first;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                bad("bad header field");
                return false;
            }
            headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
        }
        String te = headers.get("transfer-encoding"), cl = headers.get("content-length");
        if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
            remaining = -2;
        } else if (cl != null) {
            try {
                remaining = Long.parseLong(cl);
            } catch (NumberFormatException e) {
                remaining = -3;
            }
            if (remaining < 0 || remaining > MAX_BODY) {
                bad("bad Content-Length");
                return false;
            }
        } else {
            // a request without a length has no body; a response's lasts until the close
            remaining = response && !(first[1].startsWith("1") || first[1].equals("204") || first[1].equals("304")) ? -1 : 0;
        }
        return true;
    }

    private Status bodyBytes() {
        byte[] b = buf.toByteArray();
        if (remaining == -2) return chunks(b);
        if (remaining == -1) {
            if (body.size() + b.length > MAX_BODY) return bad("body too long");
            body.writeBytes(b);
            buf.reset();
            return Status.MORE;
        }
        int n = (int) Math.min(remaining, b.length);
        body.write(b, 0, n);
        remaining -= n;
        buf.reset();
        return remaining == 0 ? (status = Status.DONE) : Status.MORE;
    }

    /** Chunked transfer coding: size line, data, CRLF; a 0 chunk (and trailers) ends it. */
    private Status chunks(byte[] b) {
        int pos = 0;
        while (true) {
            int eol = indexOf(b, pos, "\r\n");
            if (eol < 0) break;
            String size = new String(b, pos, eol - pos, StandardCharsets.ISO_8859_1);
            int semi = size.indexOf(';');
            long n;
            try {
                n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).strip(), 16);
            } catch (NumberFormatException e) {
                return bad("bad chunk size");
            }
            if (n < 0 || body.size() + n > MAX_BODY) return bad("body too long");
            if (n == 0) return status = Status.DONE;   // trailers are ignored
            if (b.length < eol + 2 + n + 2) break;
            body.write(b, eol + 2, (int) n);
            pos = eol + 2 + (int) n + 2;
        }
        buf.reset();
        buf.write(b, pos, b.length - pos);
        return buf.size() > MAX_HEADER + MAX_BODY ? bad("chunk too long") : Status.MORE;
    }

    private Status bad(String why) {
        error = why;
        return status = Status.BAD;
    }

    private static int indexOf(byte[] b, String s) { return indexOf(b, 0, s); }

    private static int indexOf(byte[] b, int from, String s) {
        outer:
        for (int i = from; i + s.length() <= b.length; i++) {
            for (int j = 0; j < s.length(); j++) if (b[i + j] != s.charAt(j)) continue outer;
            return i;
        }
        return -1;
    }
}
