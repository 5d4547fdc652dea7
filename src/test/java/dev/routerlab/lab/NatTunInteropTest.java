package dev.routerlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.routerlab.Interop;
import org.junit.jupiter.api.Test;

/**
 * Root only. Internet-style PAT for real Linux peers (labs/nat-pat): a host in one namespace
 * (192.168.2.10, behind R1's inside Gi0/2 bound to a TUN) reaches a server in another
 * (198.51.100.9, on R1's outside Gi0/3, another TUN) that has no route back to 192.168.0.0/16.
 * Checked from both ends: the host gets ICMP, UDP and TCP answers; the server saw the flows come
 * from R1's global address 203.0.113.1 (the UDP and TCP servers echo the peer they saw, its
 * ICMP counters grew); R1 shows the three translations.
 */
class NatTunInteropTest {
    private static final String SERVER = String.join("\n",
        "import socket, sys, threading",
        "u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(('198.51.100.9', 5353))",
        "t = socket.socket(); t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); t.bind(('198.51.100.9', 8080)); t.listen(1)",
        "def udp():",
        "    d, a = u.recvfrom(100); u.sendto(('udp seen from %s:%d' % a).encode(), a)",
        "threading.Thread(target=udp, daemon=True).start()",
        "c, a = t.accept(); c.recv(100); c.sendall(('tcp seen from %s:%d' % a).encode()); c.close()",
        "import time; time.sleep(1)");
    private static final String CLIENT = String.join("\n",
        "import socket",
        "u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.settimeout(5); u.bind(('192.168.2.10', 40001))",
        "u.sendto(b'hi', ('198.51.100.9', 5353)); print(u.recvfrom(100)[0].decode())",
        "t = socket.create_connection(('198.51.100.9', 8080), timeout=5); t.sendall(b'hi'); print(t.recv(100).decode())");

    @Test
    void linuxHostBehindPatReachesALinuxServer() throws Exception {
        String why = Netns.unavailable();
        if (why == null && Netns.tool("ping") == null) why = "ping (iputils-ping) is not installed";
        if (why == null && Netns.tool("python3") == null) why = "python3 is not installed";
        if (why != null) Interop.skip("NatTunInteropTest: " + why);

        Topology base = Topology.load(Path.of("labs/nat-pat"));
        long pid = ProcessHandle.current().pid() % 100000;
        String hostDev = "rlnh" + pid, srvDev = "rlns" + pid;
        Topology t = new Topology(base.name(), base.dir(), base.nodes(), base.links(),
            Map.of(Topology.endpoint("R1:GigabitEthernet0/2"), hostDev, Topology.endpoint("R1:GigabitEthernet0/3"), srvDev), Map.of());
        try (Netns n = new Netns()) {
            String host = n.create("rlnath"), srv = n.create("rlnats");
            try (Lab lab = Lab.boot(t, new Lab.Options())) {
                assertEquals(List.of(), lab.bootErrors());
                setUp(host, hostDev, "192.168.2.10/24", "default", "192.168.2.1");
                // the server knows R1's global addresses only: untranslated traffic gets no answer
                setUp(srv, srvDev, "198.51.100.9/24", "203.0.113.0/24", "198.51.100.1");
                Thread.sleep(1200);   // a new TUN may drop what is written to it at first
                Netns.tryRun(List.of("ip", "netns", "exec", host, "ping", "-c", "1", "-W", "1", "198.51.100.9"), 30);  // ARP on R1
                long echoesBefore = inEchos(srv);
                Netns.Result ping = Netns.tryRun(List.of("ip", "netns", "exec", host, "ping", "-c", "5", "-i", "0.3", "-W", "2", "198.51.100.9"), 60);
                Matcher m = Pattern.compile("(\\d+) received").matcher(ping.output());
                assertTrue(m.find(), ping.output());
                assertEquals(5, Integer.parseInt(m.group(1)), ping.output());
                assertTrue(inEchos(srv) - echoesBefore >= 5, "the server answered the host's echoes");

                Process server = new ProcessBuilder("ip", "netns", "exec", srv, "python3", "-c", SERVER).redirectErrorStream(true).start();
                Thread.sleep(800);
                Netns.Result client = Netns.tryRun(List.of("ip", "netns", "exec", host, "python3", "-c", CLIENT), 30);
                server.waitFor();
                System.out.println(client.output());
                assertTrue(client.output().contains("udp seen from 203.0.113.1:40001"), client.output());
                assertTrue(Pattern.compile("tcp seen from 203\\.0\\.113\\.1:\\d+").matcher(client.output()).find(), client.output());

                String nat = LabShell.show(lab, "R1", "show ip nat translations");
                System.out.println(nat);
                assertTrue(nat.contains("udp 203.0.113.1:40001  192.168.2.10:40001 198.51.100.9:5353  198.51.100.9:5353\n"), nat);
                assertTrue(Pattern.compile("(?m)^tcp 203\\.0\\.113\\.1:\\d+ +192\\.168\\.2\\.10:\\d+ +198\\.51\\.100\\.9:8080").matcher(nat).find(), nat);
                assertTrue(Pattern.compile("(?m)^icmp 203\\.0\\.113\\.1:\\d+ +192\\.168\\.2\\.10:\\d+ +198\\.51\\.100\\.9").matcher(nat).find(), nat);
            }
        }
    }

    private static void setUp(String ns, String dev, String addr, String dst, String via) throws Exception {
        Netns.run(List.of("ip", "link", "set", dev, "netns", ns));
        Netns.exec(ns, "ip", "addr", "add", addr, "dev", dev);
        Netns.exec(ns, "ip", "link", "set", dev, "up");
        Netns.exec(ns, "ip", "route", "add", dst, "via", via);
    }

    /** The namespace kernel's count of echo requests received (/proc/net/snmp, Icmp InEchos). */
    private static long inEchos(String ns) throws Exception {
        List<String> lines = Netns.exec(ns, "cat", "/proc/net/snmp").lines().filter(l -> l.startsWith("Icmp:")).toList();
        List<String> names = List.of(lines.get(0).split(" ")), values = List.of(lines.get(1).split(" "));
        return Long.parseLong(values.get(names.indexOf("InEchos")));
    }
}
