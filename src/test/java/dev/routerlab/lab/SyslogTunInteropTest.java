package dev.routerlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import dev.routerlab.Interop;
import org.junit.jupiter.api.Test;

/**
 * Root only. `logging host` to a Linux UDP socket through a TUN (labs/nat-pat's R1, its Gi0/2
 * 192.168.2.1 bound to a TUN in a namespace holding 192.168.2.10): the kernel takes the
 * datagrams on port 514 from the router's port 514, and Python reads IOS's RFC 3164 text; with
 * tshark, its syslog dissector reads facility local7 and the severity from the PRI.
 */
class SyslogTunInteropTest {
    private static final String RECEIVER = String.join("\n",
        "import socket, sys",
        "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
        "s.bind(('192.168.2.10', 514)); s.settimeout(20)",
        "print('ready', flush=True)",
        "while True:",
        "    d, a = s.recvfrom(2048)",
        "    t = d.decode()",
        "    print('%s:%d %s' % (a[0], a[1], t), flush=True)",
        "    if 'CONFIG_I' in t: break");

    @Test
    void linuxReceivesTheRoutersSyslog() throws Exception {
        String why = Netns.unavailable();
        if (why == null && Netns.tool("python3") == null) why = "python3 is not installed";
        if (why != null) Interop.skip("SyslogTunInteropTest: " + why);

        Topology base = Topology.load(Path.of("labs/nat-pat"));
        long pid = ProcessHandle.current().pid() % 100000;
        String dev = "rlsl" + pid;
        Topology t = new Topology(base.name(), base.dir(), base.nodes(), base.links(),
            Map.of(Topology.endpoint("R1:GigabitEthernet0/2"), dev), Map.of());
        try (Netns n = new Netns()) {
            String host = n.create("rlslh");
            try (Lab lab = Lab.boot(t, new Lab.Options())) {
                assertEquals(List.of(), lab.bootErrors());
                Netns.run(List.of("ip", "link", "set", dev, "netns", host));
                Netns.exec(host, "ip", "addr", "add", "192.168.2.10/24", "dev", dev);
                Netns.exec(host, "ip", "link", "set", dev, "up");
                Thread.sleep(1200);   // a new TUN may drop what is written to it at first
                Process rx = new ProcessBuilder("ip", "netns", "exec", host, "python3", "-c", RECEIVER)
                    .redirectErrorStream(true).start();
                var out = new java.io.BufferedReader(new java.io.InputStreamReader(rx.getInputStream()));
                assertEquals("ready", out.readLine());
                Process capture = null;
                Path pcap = java.nio.file.Files.createTempFile("rlsyslog", ".pcap");
                if (Netns.tool("tshark") != null) {
                    capture = new ProcessBuilder("ip", "netns", "exec", host, "tshark", "-q", "-i", dev, "-w", pcap.toString(),
                        "-f", "udp port 514").redirectErrorStream(true).start();
                    Thread.sleep(2000);
                }
                config(lab, "service timestamps log datetime msec", "logging host 192.168.2.10");
                config(lab, "interface Loopback9", "description syslog");
                StringBuilder got = new StringBuilder();
                for (String l; (l = out.readLine()) != null; ) got.append(l).append('\n');
                rx.waitFor();
                assertTrue(got.toString().matches("(?s).*192\\.168\\.2\\.1:514 <189>\\d+: \\*\\w{3} +\\d+ \\d\\d:\\d\\d:\\d\\d\\.\\d{3}: "
                    + "%SYS-5-CONFIG_I: Configured from console by console\n.*"), got.toString());
                if (capture != null) {
                    Thread.sleep(1000);
                    capture.destroy();
                    capture.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
                    Netns.Result f = Netns.tryRun(List.of("tshark", "-r", pcap.toString(), "-Y", "syslog", "-T", "fields",
                        "-e", "syslog.facility", "-e", "syslog.level", "-e", "syslog.msg"), 60);
                    System.out.println(f.output());
                    assertTrue(f.output().lines().anyMatch(l -> l.matches("23\t5\t.*%SYS-5-CONFIG_I: Configured from console by console")),
                        f.output());
                } else {
                    System.out.println("SyslogTunInteropTest: tshark not installed, dissection not checked");
                }
            }
        }
    }

    /** Configuration lines in a console session of R1. */
    private static void config(Lab lab, String... lines) {
        dev.routerlab.cli.Terminal term = text -> { };
        var s = lab.call(() -> dev.routerlab.device.cli.Shell.of(lab.router("R1")).session(term, "con 0", null, null, 15));
        lab.exec(() -> s.type("configure terminal"));
        for (String cmd : lines) {
            lab.exec(() -> s.type(cmd));
            s.awaitIdle();
        }
        lab.exec(() -> s.type("end"));
        s.awaitIdle();
    }
}
