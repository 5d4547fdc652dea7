package dev.routerlab.ipsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.ip.Net;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Path-MTU learning for ESP in UDP 4500 (RFC 3948) through PAT:
 * <pre>
 *   R1 Lo0 1.1.1.1 Gi0/0 192.168.12.1 --- Gi0/0 [R2 PAT] Gi0/1 10.23.0.2 --- R3 (ip mtu 1400 towards R4) --- 10.34.0.4 R4 Lo0 4.4.4.4
 *                                        ip nat inside   ip nat outside overload
 * </pre>
 * IKE finds the NAT (RFC 3947 NAT-D) and the SA floats to UDP 4500. R3 refuses a 1500-byte ESP
 * packet with DF and answers "fragmentation needed" (RFC 1191) to R2's global address, quoting the
 * translated packet; R2 translates the error back (RFC 3022 §4.3, RFC 5508 §7) to R1, whose SA then
 * learns path MTU 1400: plaintext 1326 (1400 less IPv4, UDP, ESP, IV, ICV and padding), the DF
 * boundary of the protected path. `crypto ipsec df-bit clear`: R3 fragments the ESP, nothing is learned.
 */
class NatTraversalMtuTest {
    static Net lab() {
        Net n = new Net();
        Net.Node r1 = n.router("R1"), r2 = n.router("R2"), r3 = n.router("R3"), r4 = n.router("R4");
        n.wire(r1, "Gi0/0", r2, "Gi0/0", CryptoLab.HALF_MS);
        n.wire(r2, "Gi0/1", r3, "Gi0/0", CryptoLab.HALF_MS);
        n.wire(r3, "Gi0/1", r4, "Gi0/0", CryptoLab.HALF_MS);
        r1.config("interface Loopback0", "ip address 1.1.1.1 255.255.255.255",
            "interface GigabitEthernet0/0", "ip address 192.168.12.1 255.255.255.0", "no shutdown",
            "ip route 0.0.0.0 0.0.0.0 192.168.12.2");
        r2.config("interface GigabitEthernet0/0", "ip address 192.168.12.2 255.255.255.0", "ip nat inside", "no shutdown",
            "interface GigabitEthernet0/1", "ip address 10.23.0.2 255.255.255.0", "ip nat outside", "no shutdown",
            "access-list 1 permit 192.168.12.0 0.0.0.255",
            "ip nat inside source list 1 interface GigabitEthernet0/1 overload",
            "ip route 0.0.0.0 0.0.0.0 10.23.0.3");
        r3.config("interface GigabitEthernet0/0", "ip address 10.23.0.3 255.255.255.0", "no shutdown",
            "interface GigabitEthernet0/1", "ip address 10.34.0.3 255.255.255.0", "no shutdown");
        r4.config("interface Loopback0", "ip address 4.4.4.4 255.255.255.255",
            "interface GigabitEthernet0/0", "ip address 10.34.0.4 255.255.255.0", "no shutdown",
            "ip route 0.0.0.0 0.0.0.0 10.34.0.3");
        r1.config(CryptoLab.cryptoMap("10.34.0.4", "1.1.1.1", "4.4.4.4"));
        r4.config(CryptoLab.cryptoMap("10.23.0.2", "4.4.4.4", "1.1.1.1"));
        for (String r : new String[] {"R1", "R2", "R3", "R4"}) n.get(r).pending();
        r2.exec("ping 192.168.12.1");
        r3.exec("ping 10.23.0.2");
        r3.exec("ping 10.34.0.4");
        return n;
    }

    @ParameterizedTest
    @CsvSource({"copy,true", "set,true", "clear,false"})
    void natTraversalEspLearnsThePathMtuThroughPat(String dfBit, boolean learns) {
        Net n = lab();
        Net.Node r1 = n.get("R1"), r2 = n.get("R2"), r3 = n.get("R3");
        if (!dfBit.equals("copy")) r1.config("crypto ipsec df-bit " + dfBit);
        String out = r1.exec("ping 4.4.4.4 source 1.1.1.1");
        assertTrue(out.contains("!!!!"), out);
        String sa = r1.exec("show crypto ipsec sa");
        assertTrue(sa.contains("{Tunnel UDP-Encaps, }"), sa);
        assertTrue(sa.contains("plaintext mtu 1422, path mtu 1500, ip mtu 1500, ip mtu idb GigabitEthernet0/0\n"), sa);
        String nat = r2.exec("show ip nat translations");
        assertTrue(nat.contains("udp 10.23.0.2:4500     192.168.12.1:4500  10.34.0.4:4500     10.34.0.4:4500\n"), nat);

        r3.config("interface GigabitEthernet0/1", "ip mtu 1400");
        long frags = r3.router.ip().stats().fragmentsCreated;
        String first = r1.exec("ping 4.4.4.4 source 1.1.1.1 size 1400 repeat 1" + (dfBit.equals("set") ? "" : " df-bit"));
        sa = r1.exec("show crypto ipsec sa");
        if (!learns) {
            assertTrue(first.contains("!\nSuccess rate is 100 percent (1/1)"), first);
            assertTrue(r3.router.ip().stats().fragmentsCreated > frags, "R3 fragmented the ESP packet");
            assertTrue(sa.contains("plaintext mtu 1422, path mtu 1500, ip mtu 1500,"), sa);
            return;
        }
        assertTrue(first.contains("Success rate is 0 percent (0/1)"), first);
        assertEquals(frags, r3.router.ip().stats().fragmentsCreated, "R3 refused the ESP packet with DF");
        assertTrue(sa.contains("     plaintext mtu 1326, path mtu 1400, ip mtu 1500, ip mtu idb GigabitEthernet0/0\n"), sa);
        r1.assertDfBoundary("4.4.4.4 source 1.1.1.1", 1326);
        n.run(600);
        assertTrue(r1.exec("show crypto ipsec sa").contains("plaintext mtu 1422, path mtu 1500, ip mtu 1500,"));
    }
}
