package dev.routerlab.http;

import java.util.function.Consumer;

/**
 * A feature's resource on the router's HTTP server ({@link Http#handle}): answers a request now
 * or later (on the router's scheduler) by calling respond once.
 */
@FunctionalInterface
public interface HttpHandler {
    void handle(HttpRequest request, Consumer<HttpResponse> respond);
}
