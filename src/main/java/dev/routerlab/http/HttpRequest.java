package dev.routerlab.http;

import java.util.Map;

/**
 * An HTTP request (RFC 9112 section 3): method, path and query of the request target, header
 * fields by lower-case name, body. {@code remoteAddress} is the client's IPv4 address (0 for a
 * request the router sends).
 */
public record HttpRequest(String method, String path, String query, Map<String, String> headers, byte[] body, int remoteAddress) {
    public HttpRequest {
        headers = Map.copyOf(headers);
    }

    /** A query parameter, percent-decoded (application/x-www-form-urlencoded), or null. */
    public String parameter(String name) {
        if (query == null) return null;
        for (String kv : query.split("&")) {
            int eq = kv.indexOf('=');
            String k = eq < 0 ? kv : kv.substring(0, eq);
            if (Http.decode(k).equals(name)) return eq < 0 ? "" : Http.decode(kv.substring(eq + 1));
        }
        return null;
    }
}
