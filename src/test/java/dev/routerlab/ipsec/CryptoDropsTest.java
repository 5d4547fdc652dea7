package dev.routerlab.ipsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.ip.Net;
import dev.routerlab.packet.Ipv4;
import dev.routerlab.packet.Ipv4Address;
import org.junit.jupiter.api.Test;

/** ESP nobody can decrypt is counted where `show crypto ipsec sa` shows it and logged, at most once a minute. */
class CryptoDropsTest {
    private static byte[] esp(String src, String dst, int spi, int espLen) {
        byte[] p = new byte[20 + espLen];
        p[0] = 0x45;
        p[2] = (byte) (p.length >> 8);
        p[3] = (byte) p.length;
        p[8] = 64;
        p[9] = 50;
        int s = Ipv4Address.parse(src), d = Ipv4Address.parse(dst);
        for (int i = 0; i < 4; i++) {
            p[12 + i] = (byte) (s >>> (24 - 8 * i));
            p[16 + i] = (byte) (d >>> (24 - 8 * i));
        }
        for (int i = 0; i < 4 && i < espLen; i++) p[20 + i] = (byte) (spi >>> (24 - 8 * i));
        Ipv4.updateChecksum(p, 0);
        return p;
    }

    @Test
    void unknownSpiAndShortEspAreShownAndLoggedRateLimited() {
        Net n = CryptoLab.withMaps();
        Net.Node r1 = n.get("R1");
        assertTrue(r1.exec("ping 3.3.3.3 source 1.1.1.1").contains("Success rate is 80 percent"));
        r1.pending();
        var gi0 = r1.iface("GigabitEthernet0/0");
        int spi = 0xDEADBEEF;
        for (int i = 0; i < 5; i++) {
            byte[] p = esp("10.23.0.3", "10.12.0.1", spi, 64);
            r1.ip().inject(gi0, p, 0, p.length);
        }
        byte[] shortEsp = esp("10.23.0.3", "10.12.0.1", spi, 6);
        r1.ip().inject(gi0, shortEsp, 0, shortEsp.length);
        n.clock.runDue();
        String log = r1.pending();
        String line = "%CRYPTO-4-RECVD_PKT_INV_SPI: decaps: rec'd IPSEC packet has invalid spi for destaddr=10.12.0.1, prot=50, "
            + "spi=0xDEADBEEF(3735928559), srcaddr=10.23.0.3, input interface=GigabitEthernet0/0";
        assertEquals(1, log.split(java.util.regex.Pattern.quote(line), -1).length - 1, log);
        String detail = r1.exec("show crypto ipsec sa detail");
        assertTrue(detail.contains("    #pkts no sa (send) 1, #pkts invalid sa (rcv) 5\n"), detail);
        assertTrue(detail.contains("    #pkts invalid identity (recv) 0, #pkts invalid len (rcv) 1\n"), detail);
        assertTrue(r1.exec("show crypto ipsec sa").contains("#recv errors 6\n"));
        // 30 s later: counted, not logged; after a minute: logged again
        n.run(30);
        byte[] p = esp("10.23.0.3", "10.12.0.1", spi, 64);
        r1.ip().inject(gi0, p, 0, p.length);
        n.clock.runDue();
        assertTrue(!r1.pending().contains("RECVD_PKT_INV_SPI"));
        n.run(31);
        r1.ip().inject(gi0, p, 0, p.length);
        n.clock.runDue();
        assertTrue(r1.pending().contains(line));
        assertTrue(r1.exec("show crypto ipsec sa detail").contains("#pkts invalid sa (rcv) 7\n"));
    }
}
