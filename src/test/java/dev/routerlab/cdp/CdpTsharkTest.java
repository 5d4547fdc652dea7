package dev.routerlab.cdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.capture.PcapWriter;
import dev.routerlab.ip.Net;
import dev.routerlab.link.Wire;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import dev.routerlab.packet.nhrp.Tshark;
import org.junit.jupiter.api.Test;

/** tshark dissects our CDPv2 frames (both parities of length) with no malformed or checksum warnings. */
class CdpTsharkTest {
    @Test
    void tsharkDissectsOurAdverts() throws Exception {
        String tshark = Tshark.require("CdpTsharkTest");
        if (tshark == null) return;
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
            assertEquals(List.of(), Tshark.rows(tshark, file, "_ws.malformed || _ws.expert.severity >= warning", "frame.number"),
                "no malformed frame, no warning");
            List<String> cdp = Tshark.rows(tshark, file, "cdp", "cdp.version", "cdp.ttl", "cdp.checksum.status", "cdp.deviceid",
                "cdp.portid", "cdp.platform", "cdp.nrgyz.ip_address", "cdp.duplex");
            assertEquals(4, cdp.size(), String.join("\n", cdp));
            assertTrue(cdp.contains("2\t180\t1\tR1\tGigabitEthernet0/0\tCisco IOSv\t10.0.12.1,10.0.12.1\t1"), String.join("\n", cdp));
            assertTrue(cdp.contains("2\t180\t1\tR12\tGigabitEthernet0/1\tCisco IOSv\t10.0.12.2,10.0.12.2\t1"), String.join("\n", cdp));
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
