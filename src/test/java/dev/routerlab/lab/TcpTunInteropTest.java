package dev.routerlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import dev.routerlab.Interop;
import dev.routerlab.http.HttpResponse;
import dev.routerlab.packet.Ipv4Address;
import org.junit.jupiter.api.Test;

/**
 * Root only. The router's TCP against the Linux kernel's through a TUN (labs/nat-pat's R1, its
 * Gi0/2 192.168.2.1 bound to a TUN in a namespace holding 192.168.2.10): curl GETs and POSTs
 * (200 KB, many windows) to `ip http server`; a connection to a closed port is refused (the
 * router's RST); a Python client logs in on a vty by telnet with the line password, runs `show
 * ip interface brief` and exits; the router's HTTP client fetches a file from Python's
 * http.server; tshark dissects the captured segments with no expert warning or error.
 */
class TcpTunInteropTest {
    private static final String TELNET = String.join("\n",
        "import socket, sys",
        "s = socket.create_connection(('192.168.2.1', 23), timeout=10)",
        "buf = b''",
        "def until(t):",
        "    global buf",
        "    while t not in buf:",
        "        d = s.recv(4096)",
        "        if not d: break",
        "        buf += d",
        "until(b'Password: '); s.sendall(b'cisco\\r\\n')",
        "until(b'R1>'); s.sendall(b'show ip interface brief\\r\\n')",
        "buf = b''; until(b'R1>'); out = buf; s.sendall(b'exit\\r\\n')",
        "buf = b''; until(b'never')",
        "sys.stdout.write(out.decode('latin-1') + '\\n')",
        "try:",
        "    socket.create_connection(('192.168.2.1', 81), timeout=5); print('open')",
        "except ConnectionRefusedError: print('refused')");

    @Test
    void linuxTalksTcpToTheRouterAndTheRouterToLinux() throws Exception {
        String why = Netns.unavailable();
        if (why == null && Netns.tool("curl") == null) why = "curl is not installed";
        if (why == null && Netns.tool("python3") == null) why = "python3 is not installed";
        if (why != null) Interop.skip("TcpTunInteropTest: " + why);
        boolean tshark = Netns.tool("tshark") != null;

        Topology base = Topology.load(Path.of("labs/nat-pat"));
        long pid = ProcessHandle.current().pid() % 100000;
        String dev = "rltc" + pid;
        Topology t = new Topology(base.name(), base.dir(), base.nodes(), base.links(),
            Map.of(Topology.endpoint("R1:GigabitEthernet0/2"), dev), Map.of());
        Path dir = Files.createTempDirectory("rltcp");
        Files.writeString(dir.resolve("hello.txt"), "hello from the linux kernel's TCP\n");
        try (Netns n = new Netns()) {
            String host = n.create("rltcph");
            try (Lab lab = Lab.boot(t, new Lab.Options())) {
                assertEquals(List.of(), lab.bootErrors());
                Netns.run(List.of("ip", "link", "set", dev, "netns", host));
                Netns.exec(host, "ip", "addr", "add", "192.168.2.10/24", "dev", dev);
                Netns.exec(host, "ip", "link", "set", dev, "up");
                Netns.exec(host, "ip", "link", "set", "lo", "up");
                show(lab, "configure terminal", "ip http server", "line vty 0 4", "password cisco", "login",
                    "transport input telnet", "end");
                lab.exec(() -> lab.router("R1").http().handle("/echo", (req, respond) ->
                    respond.accept(HttpResponse.text(200, req.method() + " " + req.body().length + " bytes from "
                        + Ipv4Address.toString(req.remoteAddress()) + "\n"))));
                Thread.sleep(1200);   // a new TUN may drop what is written to it at first
                Netns.tryRun(List.of("ip", "netns", "exec", host, "ping", "-c", "1", "-W", "1", "192.168.2.1"), 30);
                Process capture = null;
                Path pcap = dir.resolve("tcp.pcap");
                if (tshark) {
                    capture = new ProcessBuilder("ip", "netns", "exec", host, "tshark", "-q", "-i", dev, "-w", pcap.toString(), "-f", "tcp")
                        .redirectErrorStream(true).start();
                    Thread.sleep(2000);
                }
                Netns.Result get = Netns.tryRun(List.of("ip", "netns", "exec", host, "curl", "-s", "-m", "20", "http://192.168.2.1/echo"), 30);
                assertEquals("GET 0 bytes from 192.168.2.10\n", get.output());
                Path big = dir.resolve("big.bin");
                byte[] data = new byte[200_000];
                new java.util.Random(3).nextBytes(data);
                Files.write(big, data);
                Netns.Result post = Netns.tryRun(List.of("ip", "netns", "exec", host, "curl", "-s", "-m", "30",
                    "-H", "Expect:", "--data-binary", "@" + big, "http://192.168.2.1/echo"), 40);
                assertEquals("POST 200000 bytes from 192.168.2.10\n", post.output());
                Netns.Result notFound = Netns.tryRun(List.of("ip", "netns", "exec", host, "curl", "-s", "-o", "/dev/null",
                    "-w", "%{http_code}", "-m", "20", "http://192.168.2.1/nothing"), 30);
                assertEquals("404", notFound.output());

                Netns.Result telnet = Netns.tryRun(List.of("ip", "netns", "exec", host, "python3", "-c", TELNET), 40);
                System.out.println(telnet.output());
                assertTrue(telnet.output().contains("Interface                  IP-Address      OK? Method Status                Protocol"),
                    telnet.output());
                assertTrue(telnet.output().contains("GigabitEthernet0/2         192.168.2.1     YES NVRAM  up                    up"),
                    telnet.output());
                assertTrue(telnet.output().strip().endsWith("refused"), "a closed port answers RST: " + telnet.output());

                Process server = new ProcessBuilder("ip", "netns", "exec", host, "python3", "-m", "http.server", "8000",
                    "--bind", "192.168.2.10", "--directory", dir.toString()).redirectErrorStream(true).start();
                try {
                    // python's start-up takes seconds on a loaded machine: wait until it listens
                    for (int i = 0; i < 60 && !Netns.tryRun(List.of("ip", "netns", "exec", host, "ss", "-Hltn", "sport = :8000"), 10)
                            .output().contains("LISTEN"); i++) {
                        Thread.sleep(250);
                    }
                    CompletableFuture<HttpResponse> got = new CompletableFuture<>();
                    lab.exec(() -> lab.router("R1").http().request("GET", "http://192.168.2.10:8000/hello.txt", null, null, got::complete));
                    HttpResponse r = got.get(40, TimeUnit.SECONDS);
                    assertEquals(200, r.status(), r.reason());
                    assertEquals("hello from the linux kernel's TCP\n", new String(r.body(), StandardCharsets.UTF_8));
                } finally {
                    server.destroy();
                }
                String brief = show(lab, "show tcp statistics");
                System.out.println(brief);
                if (tshark) {
                    Thread.sleep(1500);
                    capture.destroy();
                    capture.waitFor(10, TimeUnit.SECONDS);
                    System.out.println(Netns.tryRun(List.of("tshark", "-r", pcap.toString(), "-q", "-z", "expert,note"), 60).output());
                    Netns.Result segs = Netns.tryRun(List.of("tshark", "-r", pcap.toString(), "-Y", "ip.src==192.168.2.1 && tcp"), 60);
                    assertTrue(segs.output().lines().filter(l -> l.contains("192.168.2.1 ")).count() > 20, segs.output());
                    // our segments: none malformed, no warning but the RST the closed port sends on purpose
                    // (Linux's filling our 4128-byte window is flagged on its own segments)
                    Netns.Result bad = Netns.tryRun(List.of("tshark", "-r", pcap.toString(), "-Y",
                        "_ws.malformed || ip.src==192.168.2.1 && _ws.expert.severity >= \"Warning\" && tcp.flags.reset == 0"), 60);
                    assertEquals(List.of(), bad.output().lines().filter(l -> !l.startsWith("Running as user")).toList());
                } else {
                    System.out.println("TcpTunInteropTest: tshark not installed, dissection not checked");
                }
            }
        }
    }

    /** Types lines in one console session of R1; returns what it printed. */
    private static String show(Lab lab, String... lines) {
        StringBuilder sb = new StringBuilder();
        dev.routerlab.cli.Terminal term = new dev.routerlab.cli.Terminal() {
            @Override public void write(String text) { sb.append(text); }
        };
        var s = lab.call(() -> dev.routerlab.device.cli.Shell.of(lab.router("R1")).session(term, "con 0", null, null, 15));
        for (String cmd : lines) {
            lab.exec(() -> s.type(cmd));
            s.awaitIdle();
        }
        return lab.call(sb::toString);
    }
}
