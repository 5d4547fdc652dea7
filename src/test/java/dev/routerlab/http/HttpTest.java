package dev.routerlab.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import dev.routerlab.ip.Net;
import dev.routerlab.link.WireOptions;
import org.junit.jupiter.api.Test;

/** R1's HTTP client against R2's server (`ip http server`) over their TCP, in virtual time. */
class HttpTest {
    final Net net = new Net();
    final Net.Node r1 = net.router("R1"), r2 = net.router("R2");
    final List<HttpRequest> seen = new ArrayList<>();

    HttpTest() {
        net.wire(r1, "Gi0/0", r2, "Gi0/0", WireOptions.DEFAULT.withDelay(1_000_000));
        r1.config("interface GigabitEthernet0/0", "ip address 10.0.12.1 255.255.255.0", "no shutdown");
        r2.config("interface GigabitEthernet0/0", "ip address 10.0.12.2 255.255.255.0", "no shutdown");
        net.run(2);
        r1.exec("ping 10.0.12.2 repeat 1");
        r2.router.http().handle("/cgi-bin/pkiclient.exe", (req, respond) -> {
            seen.add(req);
            // answered later, as a CA that signs would
            net.clock.schedule(50_000_000L, () -> respond.accept(HttpResponse.of(200, "application/x-pki-message",
                (req.parameter("operation") + ":" + req.body().length).getBytes(StandardCharsets.US_ASCII))));
        });
    }

    HttpResponse request(String method, String url, byte[] body) {
        HttpResponse[] got = {null};
        r1.router.http().request(method, url, body, "application/x-pki-message", r -> got[0] = r);
        net.run(60);
        return got[0];
    }

    @Test
    void getAndPostReachTheHandlerOfTheirPrefixAndUnknownPathsAre404() {
        assertTrue(!r2.config("ip http server").contains("% "));
        assertTrue(r2.exec("show running-config").contains("\nip http server\n"));
        HttpResponse get = request("GET", "http://10.0.12.2/cgi-bin/pkiclient.exe?operation=GetCACert&message=CA", null);
        assertEquals(200, get.status());
        assertEquals("OK", get.reason());
        assertEquals("GetCACert:0", new String(get.body(), StandardCharsets.US_ASCII));
        assertEquals("application/x-pki-message", get.header("Content-Type"));
        assertEquals("cisco-IOS", get.header("server"));
        assertEquals("CA", seen.get(0).parameter("message"));
        assertEquals(net.get("R1").router.ip().interfaces().stream().filter(i -> i.hasAddress()).findFirst().get().address(),
            seen.get(0).remoteAddress());
        byte[] big = new byte[50_000];      // more than a send buffer: written as the window opens
        for (int i = 0; i < big.length; i++) big[i] = (byte) (i % 251);
        HttpResponse post = request("POST", "http://10.0.12.2/cgi-bin/pkiclient.exe?operation=PKIOperation", big);
        assertEquals("PKIOperation:50000", new String(post.body(), StandardCharsets.US_ASCII));
        assertArrayEquals(big, seen.get(1).body());
        assertEquals("POST", seen.get(1).method());
        assertEquals(404, request("GET", "http://10.0.12.2/index.html", null).status());
        assertEquals(2, r2.router.http().served());
        net.run(120);       // TIME-WAIT over: no TCB left on either side
        assertEquals(List.of(), r1.router.tcp().connections());
        assertEquals(List.of(), r2.router.tcp().connections());
    }

    @Test
    void withoutTheServerTheClientHearsRefusedAndBadUrlsFail() {
        HttpResponse r = request("GET", "http://10.0.12.2/cgi-bin/pkiclient.exe?operation=GetCACert", null);
        assertEquals(0, r.status());
        assertEquals("% Connection refused by remote host", r.reason());
        r2.config("ip http server");
        r2.config("no ip http server");
        assertEquals("% Connection refused by remote host", request("GET", "http://10.0.12.2/", null).reason());
        assertEquals(0, request("GET", "ftp://10.0.12.2/", null).status());
        assertEquals(0, request("GET", "http://r2.example/", null).status());
        assertEquals("% Connection timed out; remote host not responding", request("GET", "http://10.0.12.9/", null).reason());
        assertNull(seen.isEmpty() ? null : seen.get(0));
    }

    @Test
    void theParserReadsLengthChunkedAndCloseDelimitedBodiesAndRefusesOversizedOnes() {
        HttpParser p = new HttpParser(true);
        assertEquals(HttpParser.Status.MORE, p.feed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWi".getBytes()));
        assertEquals(HttpParser.Status.DONE, p.feed("ki\r\n5\r\npedia\r\n0\r\n\r\n".getBytes()));
        assertEquals("Wikipedia", new String(p.body()));
        HttpParser q = new HttpParser(true);
        assertEquals(HttpParser.Status.MORE, q.feed("HTTP/1.0 200 OK\r\n\r\nabc".getBytes()));
        assertEquals(HttpParser.Status.DONE, q.closed());
        assertEquals("abc", new String(q.body()));
        HttpParser r = new HttpParser(false);
        assertEquals(HttpParser.Status.BAD, r.feed(("POST / HTTP/1.1\r\nContent-Length: " + (HttpParser.MAX_BODY + 1) + "\r\n\r\n").getBytes()));
        assertEquals(HttpParser.Status.BAD, new HttpParser(false).feed(new byte[HttpParser.MAX_HEADER + 1]));
        assertEquals(HttpParser.Status.BAD, new HttpParser(false).feed("GET /\r\n\r\n".getBytes()));
    }
}
