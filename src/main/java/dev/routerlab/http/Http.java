package dev.routerlab.http;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.sim.Scheduler;
import dev.routerlab.tcp.Tcb;
import dev.routerlab.tcp.TcpEngine;
import dev.routerlab.tcp.TcpHandler;

/**
 * One router's HTTP/1.x (RFC 9110/9112) over its own TCP: a server (`ip http server`, port 80)
 * whose resources are features' handlers by path prefix (the longest prefix wins), and a client
 * whose {@link #request} answers through a callback on the router's scheduler. One request per
 * connection (`Connection: close`); messages bounded by {@link HttpParser}; every exchange is
 * bounded in time ({@link #TIMEOUT_NANOS}).
 */
public final class Http {
    public static final int PORT = 80;
    /** How long a connection may take for its whole exchange, either side. */
    public static final long TIMEOUT_NANOS = 30_000_000_000L;
    static final String SERVER = "cisco-IOS";

    private final TcpEngine tcp;
    private final Scheduler scheduler;
    private final TreeMap<String, HttpHandler> handlers = new TreeMap<>();
    private TcpEngine.Listener listener;
    private long served, failed;

    public Http(TcpEngine tcp, Scheduler scheduler) {
        this.tcp = tcp;
        this.scheduler = scheduler;
    }

    // ---------------------------------------------------------------- server

    /** The handler registered for exactly this path prefix, or null. */
    public HttpHandler handler(String pathPrefix) { return handlers.get(pathPrefix); }

    /** Registers the handler of a path prefix ("/cgi-bin/pkiclient.exe"); null removes it. */
    public void handle(String pathPrefix, HttpHandler h) {
        if (h == null) handlers.remove(pathPrefix);
        else handlers.put(pathPrefix, h);
    }

    /** `ip http server`: listens on port 80 or stops (open exchanges finish). */
    public void server(boolean on) {
        if (on && listener == null) listener = tcp.listen(PORT, c -> new ServerExchange(c));
        else if (!on && listener != null) {
            listener.close();
            listener = null;
        }
    }

    public boolean serverOn() { return listener != null; }

    /** Requests answered and exchanges that failed (bad request, timeout). */
    public long served() { return served; }

    public long failed() { return failed; }

    private HttpHandler handlerFor(String path) {
        for (Map.Entry<String, HttpHandler> e = handlers.floorEntry(path); e != null; e = handlers.lowerEntry(e.getKey())) {
            if (path.startsWith(e.getKey())) return e.getValue();
        }
        return null;
    }

    /** One connection to the server: a request read, dispatched, answered, then the close. */
    private final class ServerExchange implements TcpHandler {
        private final HttpParser parser = new HttpParser(false);
        private final Scheduler.Timer timer;
        private boolean answered;
        private Sender sender;

        ServerExchange(Tcb c) { timer = scheduler.schedule(TIMEOUT_NANOS, c::abort); }

        @Override
        public void received(Tcb c, byte[] data) {
            if (answered) return;
            HttpParser.Status s = parser.feed(data);
            if (s == HttpParser.Status.BAD) {
                failed++;
                send(c, HttpResponse.text(400, "Bad Request\n"), false);
            } else if (s == HttpParser.Status.DONE) {
                dispatch(c);
            }
        }

        @Override
        public void remoteClosed(Tcb c) {
            if (!answered && parser.closed() != HttpParser.Status.DONE) {
                failed++;
                answered = true;
            }
            if (answered) c.close();
        }

        @Override public void writable(Tcb c) { if (sender != null) sender.pump(); }

        @Override public void closed(Tcb c, Reason why) { timer.cancel(); }

        private void dispatch(Tcb c) {
            String[] line = parser.startLine();
            String method = line[0], target = line[1];
            boolean head = method.equals("HEAD");
            if (!method.equals("GET") && !method.equals("POST") && !head) {
                send(c, HttpResponse.text(501, "Not Implemented\n"), false);
                return;
            }
            int q = target.indexOf('?');
            String path = q < 0 ? target : target.substring(0, q);
            HttpHandler h = handlerFor(path);
            if (h == null) {
                send(c, HttpResponse.text(404, "Not Found\n"), head);
                return;
            }
            HttpRequest req = new HttpRequest(method, path, q < 0 ? null : target.substring(q + 1), parser.headers(),
                parser.body(), c.remoteAddress());
            answered = true;      // the handler answers, now or later
            h.handle(req, r -> {
                served++;
                send(c, r, head);
            });
        }

        private void send(Tcb c, HttpResponse r, boolean head) {
            answered = true;
            StringBuilder sb = new StringBuilder("HTTP/1.1 ").append(r.status()).append(' ').append(r.reason()).append("\r\n");
            sb.append("Server: ").append(SERVER).append("\r\n");
            for (Map.Entry<String, String> e : new TreeMap<>(r.headers()).entrySet()) {
                if (!e.getKey().equals("content-length") && !e.getKey().equals("connection")) {
                    sb.append(canonical(e.getKey())).append(": ").append(e.getValue()).append("\r\n");
                }
            }
            sb.append("Content-Length: ").append(r.body().length).append("\r\nConnection: close\r\n\r\n");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (!head) out.writeBytes(r.body());
            sender = new Sender(c, out.toByteArray(), true);
            sender.pump();
        }
    }

    /** Writes a whole message as the send buffer frees up (bounded by the exchange's timer), then maybe closes. */
    private static final class Sender {
        private final Tcb c;
        private final byte[] data;
        private final boolean closeWhenDone;
        private int pos;

        Sender(Tcb c, byte[] data, boolean closeWhenDone) {
            this.c = c;
            this.data = data;
            this.closeWhenDone = closeWhenDone;
        }

        void pump() {
            if (pos == data.length) return;
            pos += c.write(data, pos, data.length - pos);
            if (pos == data.length && closeWhenDone) c.close();
        }
    }

    // ---------------------------------------------------------------- client

    /**
     * Sends method (GET, POST) to url (`http://A.B.C.D[:port]/path?query`, an address: the router
     * has no resolver) with body (null: none) of contentType; done runs once, on the router's
     * scheduler, with the response, or with {@link HttpResponse#failure} (status 0) when the URL
     * is bad, there is no route, the peer refuses or the exchange exceeds its time.
     */
    public void request(String method, String url, byte[] body, String contentType, Consumer<HttpResponse> done) {
        Target t = Target.parse(url);
        if (t == null) {
            scheduler.execute(() -> done.accept(HttpResponse.failure("% Bad URL " + url)));
            return;
        }
        StringBuilder sb = new StringBuilder(method).append(' ').append(t.target).append(" HTTP/1.1\r\n")
            .append("Host: ").append(Ipv4Address.toString(t.address)).append(t.port == PORT ? "" : ":" + t.port).append("\r\n")
            .append("User-Agent: ").append(SERVER).append("\r\nConnection: close\r\n");
        if (body != null) {
            if (contentType != null) sb.append("Content-Type: ").append(contentType).append("\r\n");
            sb.append("Content-Length: ").append(body.length).append("\r\n");
        }
        sb.append("\r\n");
        ByteArrayOutputStream msg = new ByteArrayOutputStream();
        msg.writeBytes(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) msg.writeBytes(body);
        ClientExchange x = new ClientExchange(msg.toByteArray(), done);
        Tcb c = tcp.connect(0, t.address, t.port, x);
        if (c == null) {
            x.finish(null, HttpResponse.failure("% Destination unreachable; gateway or host down"));
            return;
        }
        x.timer = scheduler.schedule(TIMEOUT_NANOS, () -> x.finish(c, HttpResponse.failure("% Connection timed out; remote host not responding")));
    }

    /** The request's URL: address, port, request target. */
    private record Target(int address, int port, String target) {
        static Target parse(String url) {
            if (url == null || !url.toLowerCase(Locale.ROOT).startsWith("http://")) return null;
            String rest = url.substring(7);
            int slash = rest.indexOf('/');
            String authority = slash < 0 ? rest : rest.substring(0, slash);
            String target = slash < 0 ? "/" : rest.substring(slash);
            int colon = authority.indexOf(':');
            int port = PORT;
            try {
                if (colon >= 0) port = Integer.parseInt(authority.substring(colon + 1));
            } catch (NumberFormatException e) {
                return null;
            }
            String host = colon < 0 ? authority : authority.substring(0, colon);
            if (port < 1 || port > 65535 || !Ipv4Address.isValid(host)) return null;
            return new Target(Ipv4Address.parse(host), port, target);
        }
    }

    private final class ClientExchange implements TcpHandler {
        private final byte[] request;
        private final Consumer<HttpResponse> done;
        private final HttpParser parser = new HttpParser(true);
        private Sender sender;
        private boolean finished;
        Scheduler.Timer timer;

        ClientExchange(byte[] request, Consumer<HttpResponse> done) {
            this.request = request;
            this.done = done;
        }

        @Override
        public void connected(Tcb c) {
            sender = new Sender(c, request, false);
            sender.pump();
        }

        @Override public void writable(Tcb c) { if (sender != null) sender.pump(); }

        @Override
        public void received(Tcb c, byte[] data) {
            HttpParser.Status s = parser.feed(data);
            if (s == HttpParser.Status.DONE) finish(c, response());
            else if (s == HttpParser.Status.BAD) finish(c, HttpResponse.failure("% Bad response: " + parser.error()));
        }

        @Override
        public void remoteClosed(Tcb c) {
            finish(c, parser.closed() == HttpParser.Status.DONE ? response() : HttpResponse.failure("% Connection closed by foreign host"));
        }

        @Override
        public void closed(Tcb c, Reason why) {
            finish(null, switch (why) {
                case REFUSED -> HttpResponse.failure("% Connection refused by remote host");
                case TIMED_OUT -> HttpResponse.failure("% Connection timed out; remote host not responding");
                default -> HttpResponse.failure("% Connection closed by foreign host");
            });
        }

        private HttpResponse response() {
            String[] l = parser.startLine();
            int status;
            try {
                status = Integer.parseInt(l[1]);
            } catch (NumberFormatException e) {
                return HttpResponse.failure("% Bad response: status " + l[1]);
            }
            return new HttpResponse(status, l.length > 2 ? l[2] : "", parser.headers(), parser.body());
        }

        void finish(Tcb c, HttpResponse r) {
            if (finished) return;
            finished = true;
            if (timer != null) timer.cancel();
            if (c != null) c.close();
            if (!r.ok() && r.status() == 0) failed++;
            done.accept(r);
        }
    }

    // ---------------------------------------------------------------- words

    static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    private static String canonical(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        boolean up = true;
        for (char ch : name.toCharArray()) {
            sb.append(up ? Character.toUpperCase(ch) : ch);
            up = ch == '-';
        }
        return sb.toString();
    }

    /** RFC 9110 section 15's reason phrases for the codes the router sends. */
    static String reasonPhrase(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            default -> status < 300 ? "OK" : status < 500 ? "Client Error" : "Server Error";
        };
    }
}
