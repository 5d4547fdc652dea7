package dev.routerlab.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An HTTP response (RFC 9112 section 4), or, with status 0, a request that got none: the reason
 * then says why in IOS's words (`Connection refused by remote host`, `Connection timed out`).
 */
public record HttpResponse(int status, String reason, Map<String, String> headers, byte[] body) {
    public HttpResponse {
        headers = Map.copyOf(headers);
    }

    public static HttpResponse of(int status, String contentType, byte[] body) {
        return new HttpResponse(status, Http.reasonPhrase(status), Map.of("content-type", contentType), body);
    }

    public static HttpResponse text(int status, String text) {
        return of(status, "text/plain", text.getBytes(StandardCharsets.UTF_8));
    }

    /** No response: the transport failed. */
    public static HttpResponse failure(String why) { return new HttpResponse(0, why, Map.of(), new byte[0]); }

    public boolean ok() { return status >= 200 && status < 300; }

    public String header(String name) { return headers.get(name.toLowerCase(java.util.Locale.ROOT)); }
}
