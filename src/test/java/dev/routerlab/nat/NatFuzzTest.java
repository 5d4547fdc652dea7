package dev.routerlab.nat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import dev.routerlab.ip.IpInterface;
import dev.routerlab.ip.Net;
import dev.routerlab.packet.Ipv4;
import dev.routerlab.packet.Ipv4Address;
import org.junit.jupiter.api.Test;

/**
 * 200,000 random datagrams (well-formed IPv4 headers over random transport bytes, fragments,
 * ICMP errors quoting random datagrams) through a PAT router from both sides: nothing escapes,
 * and once the longest timeout has passed only the static entry is left, with no PAT binding.
 */
class NatFuzzTest {
    @Test
    void randomTrafficLeavesNoTranslationBehindAfterTheTimeouts() {
        Net net = new Net();
        Net.Node nat = net.router("NAT"), out = net.router("OUT");
        net.wire(nat, "Gi0/1", out, "Gi0/0");
        nat.config("interface GigabitEthernet0/0", "ip address 192.168.1.1 255.255.255.0", "ip nat inside", "no shutdown",
            "interface GigabitEthernet0/1", "ip address 203.0.113.1 255.255.255.0", "ip nat outside", "no shutdown",
            "access-list 1 permit 192.168.0.0 0.0.255.255",
            "ip nat pool P 203.0.113.100 203.0.113.103 prefix-length 24",
            "ip nat inside source list 1 interface GigabitEthernet0/1 overload",
            "ip nat inside source static 192.168.1.200 203.0.113.200",
            "ip route 0.0.0.0 0.0.0.0 203.0.113.9");
        out.config("interface GigabitEthernet0/0", "ip address 203.0.113.9 255.255.255.0", "no shutdown");
        net.run(5);
        IpInterface inside = nat.iface("Gi0/0"), outside = nat.iface("Gi0/1");
        NatEngine e = nat.router.nat();
        SplittableRandom r = new SplittableRandom(16);
        int[] protos = {Ipv4.PROTO_TCP, Ipv4.PROTO_UDP, Ipv4.PROTO_ICMP, Ipv4.PROTO_ESP, Ipv4.PROTO_GRE};
        int[] outsiders = new int[64];
        for (int i = 0; i < outsiders.length; i++) outsiders[i] = Ipv4Address.parse("198.51.100." + (i + 1));
        long peak = 0;
        for (int n = 0; n < 200_000; n++) {
            boolean fromInside = r.nextInt(3) != 0;
            int proto = protos[r.nextInt(protos.length)];
            int payload = r.nextInt(r.nextInt(8) == 0 ? 4 : 64);
            byte[] p = new byte[64 + 20 + payload];
            int off = 64;
            for (int i = off + 20; i < p.length; i++) p[i] = (byte) r.nextInt();
            if (payload > 0 && r.nextInt(4) == 0) p[off + 20] = (byte) (r.nextBoolean() ? 3 : 11);   // ICMP errors, quoted garbage
            if (r.nextInt(8) == 0 && payload >= 28) p[off + 28] = 0x45;                 // a plausible quoted header
            int frag = r.nextInt(10) == 0 ? r.nextInt(0x4000) : 0;
            int host = Ipv4Address.parse("192.168.1.0") + 2 + r.nextInt(r.nextInt(10) == 0 ? 250 : 8);
            int far = outsiders[r.nextInt(outsiders.length)];
            int src = fromInside ? host : far;
            int dst = fromInside ? far : (r.nextBoolean() ? outside.address() : Ipv4Address.parse("203.0.113.200"));
            Ipv4.writeHeader(p, off, 0, 20 + payload, n, frag, 64, proto, src, dst);
            nat.ip().inject(fromInside ? inside : outside, p, off, 20 + payload);
            if (n % 1000 == 0) net.run(1);
            peak = Math.max(peak, e.size());
        }
        assertTrue(peak > 1000, "the traffic made translations: " + peak);
        net.run(24 * 3600 + 60);               // the longest default (tcp-timeout, timeout) has passed
        nat.exec("show ip nat translations");
        assertEquals(1, e.size(), "only the static entry");
        assertEquals(1, e.staticCount());
        assertEquals(0, e.bindings(), "no PAT binding outlives its entries");
    }
}
