package dev.routerlab.cdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.Interop;
import dev.routerlab.capture.PcapWriter;
import dev.routerlab.ip.Net;
import dev.routerlab.link.Wire;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** tshark dissects our CDPv2 frames (both parities of length) with no malformed or checksum warnings. */
class CdpTsharkTest {
    private static Path tshark() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(d, "tshark");
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }

    private static List<String> run(Path tshark, Path file, String filter, String... fields) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(tshark.toString(), "-n", "-r", file.toString(), "-T", "fields"));
        for (String f : fields) cmd.addAll(List.of("-e", f));
        if (filter != null) cmd.addAll(List.of("-Y", filter));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    @Test
    void tsharkDissectsOurAdverts() throws Exception {
        Path tshark = tshark();
        if (tshark == null) {
            Interop.skip("CdpTsharkTest: tshark is not installed");
            return;
        }
        Net net = new Net();
        Net.Node r1 = net.router("R1"), r2 = net.router("R12");
        Wire w = net.wire(r1, "Gi0/0", r2, "Gi0/1");
        Path file = Files.createTempFile("cdp", ".pcap");
        try (PcapWriter pw = PcapWriter.create(file, PcapWriter.LINKTYPE_ETHERNET, net.clock)) {
            w.capture(pw);
            r1.config("interface GigabitEthernet0/0", "ip address 10.0.12.1 255.255.255.0", "no shutdown");
            r2.config("interface GigabitEthernet0/1", "ip address 10.0.12.2 255.255.255.0", "no shutdown");
            net.run(61);
            w.capture(null);
        }
        try {
            assertEquals(List.of(), run(tshark, file, "_ws.malformed || _ws.expert.severity >= warning", "frame.number"),
                "no malformed frame, no warning");
            List<String> cdp = run(tshark, file, "cdp", "cdp.version", "cdp.ttl", "cdp.checksum.status", "cdp.deviceid",
                "cdp.portid", "cdp.platform", "cdp.nrgyz.ip_address", "cdp.duplex");
            assertEquals(4, cdp.size(), String.join("\n", cdp));
            assertTrue(cdp.contains("2\t180\t1\tR1\tGigabitEthernet0/0\tCisco IOSv\t10.0.12.1,10.0.12.1\t1"), String.join("\n", cdp));
            assertTrue(cdp.contains("2\t180\t1\tR12\tGigabitEthernet0/1\tCisco IOSv\t10.0.12.2,10.0.12.2\t1"), String.join("\n", cdp));
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
