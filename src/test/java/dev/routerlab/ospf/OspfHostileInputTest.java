package dev.routerlab.ospf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.config.InterfaceName;
import dev.routerlab.ip.Net;
import dev.routerlab.link.Link;
import dev.routerlab.link.LinkReceiver;
import dev.routerlab.packet.Bytes;
import dev.routerlab.packet.Ipv4;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.ospf.Lsa;
import dev.routerlab.packet.ospf.Ospf;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * 100,000 hostile OSPF packets into a live router (R1, FULL with R2 on Gi0/0) through a bare-IPv4
 * link on Gi0/1, where a forged neighbour 9.9.9.9 also says valid things: random bytes, flipped
 * and truncated packets, bad OSPF and IP checksums, wrong versions, areas and authentication,
 * plausible LS updates full of random LSAs. Nothing escapes as an exception, the bad ones are
 * counted and dropped, and the real adjacency and its routes survive.
 */
class OspfHostileInputTest {
    private static final int R1 = Ipv4Address.parse("1.1.1.1"), FORGED = Ipv4Address.parse("9.9.9.9");
    private static final int SRC = Ipv4Address.parse("10.0.99.2"), LOCAL = Ipv4Address.parse("10.0.99.1");

    @Test
    void hundredThousandHostilePacketsAreCountedAndDropped() {
        Net net = new Net();
        Net.Node r1 = net.router("R1"), r2 = net.router("R2");
        net.wire(r1, "Gi0/0", r2, "Gi0/0");
        r1.config("interface Loopback0", "ip address 1.1.1.1 255.255.255.255",
            "interface GigabitEthernet0/0", "ip address 10.0.12.1 255.255.255.0", "no shutdown",
            "interface GigabitEthernet0/1", "ip address 10.0.99.1 255.255.255.0", "no shutdown",
            "router ospf 1", "network 10.0.0.0 0.255.255.255 area 0", "network 1.1.1.1 0.0.0.0 area 0");
        r2.config("interface Loopback0", "ip address 2.2.2.2 255.255.255.255",
            "interface GigabitEthernet0/0", "ip address 10.0.12.2 255.255.255.0", "no shutdown",
            "router ospf 1", "network 10.0.12.0 0.0.0.255 area 0", "network 2.2.2.2 0.0.0.0 area 0");
        List<byte[]> sent = new ArrayList<>();
        LinkReceiver in = r1.router.port(InterfaceName.parse("GigabitEthernet0/1")).attach(new Link() {
            @Override public void transmit(byte[] d, int off, int len) { if (sent.size() < 1000) sent.add(java.util.Arrays.copyOfRange(d, off, off + len)); }

            @Override public boolean ethernet() { return false; }
        });
        net.run(60);
        assertTrue(r1.exec("show ip ospf neighbor").contains("2.2.2.2           1   FULL/"), r1.exec("show ip ospf neighbor"));

        Random rnd = new Random(89);
        List<byte[]> seeds = seeds(rnd);
        OspfInstance ospf = r1.router.ospf().processes().get(1);
        long before = ospf.counters().received();
        int n = 100_000;
        for (int k = 0; k < n; k++) {
            // the forged neighbour keeps saying hello, so the bad packets meet a live neighbour too
            byte[] o = k % 50 == 0 ? seeds.get(0) : mutate(seeds.get(rnd.nextInt(seeds.size())), rnd, k);
            byte[] ip = ipv4(o, k % 7 == 0 ? LOCAL : Ospf.ALL_SPF_ROUTERS, rnd, k);
            in.receive(ip, 0, ip.length);
            if (k % 1000 == 0) net.clock.advance(200_000_000L);
        }
        net.run(60);
        OspfInstance.OspfCounters c = ospf.counters();
        long got = c.received() - before;
        long dropped = c.badPacket() + c.authFailures() + c.helloMismatch() + c.areaMismatch() + c.noNeighbor() + c.mtuMismatch();
        assertTrue(got > n / 2, "OSPF saw " + got);
        assertTrue(dropped > n / 3, "dropped " + dropped + " of " + got + ": " + c);
        assertTrue(c.authFailures() > 1000 && c.badPacket() > 1000 && c.areaMismatch() > 100, c.toString());
        // the real neighbour and its routes are still there
        assertTrue(r1.exec("show ip ospf neighbor").contains("2.2.2.2           1   FULL/"), r1.exec("show ip ospf neighbor"));
        assertTrue(r1.exec("show ip route ospf").contains("2.2.2.2 [110/2] via 10.0.12.2"), r1.exec("show ip route ospf"));
    }

    /** Valid packets from the forged neighbour 9.9.9.9: a hello listing R1, and every other type. */
    private static List<byte[]> seeds(Random rnd) {
        List<byte[]> s = new ArrayList<>();
        s.add(Ospf.build(Ospf.HELLO, FORGED, 0, Ospf.helloBody(new Ospf.Hello(Ipv4Address.parse("255.255.255.0"), 10, Ospf.OPT_E, 1,
            40, SRC, 0, new int[] {R1})), Ospf.AUTH_NULL, null, 0, 0));
        List<byte[]> lsas = new ArrayList<>();
        lsas.add(Lsa.buildRouter(0, Ospf.OPT_E, FORGED, FORGED, Lsa.INITIAL_SEQUENCE, 0,
            List.of(new Lsa.RouterLink(Ipv4Address.parse("99.0.0.0"), Ipv4Address.parse("255.0.0.0"), Lsa.LINK_STUB, 1))));
        lsas.add(Lsa.buildExternal(0, Ospf.OPT_E, Ipv4Address.parse("192.168.0.0"), FORGED, Lsa.INITIAL_SEQUENCE,
            Ipv4Address.parse("255.255.255.0"), true, 20, 0, 7));
        List<Lsa.Header> hs = lsas.stream().map(l -> Lsa.Header.read(l, 0)).toList();
        s.add(Ospf.build(Ospf.DB_DESCRIPTION, FORGED, 0, Ospf.dbDescriptionBody(new Ospf.DbDescription(1500, Ospf.OPT_E, 7, 1234, List.of())),
            Ospf.AUTH_NULL, null, 0, 0));
        s.add(Ospf.build(Ospf.DB_DESCRIPTION, FORGED, 0, Ospf.dbDescriptionBody(new Ospf.DbDescription(1500, Ospf.OPT_E, 2, 1234, hs)),
            Ospf.AUTH_NULL, null, 0, 0));
        s.add(Ospf.build(Ospf.LS_REQUEST, FORGED, 0, Ospf.lsRequestBody(List.of(new Ospf.LsRequest(1, R1, R1))), Ospf.AUTH_NULL, null, 0, 0));
        s.add(Ospf.build(Ospf.LS_UPDATE, FORGED, 0, Ospf.lsUpdateBody(lsas), Ospf.AUTH_NULL, null, 0, 0));
        s.add(Ospf.build(Ospf.LS_ACK, FORGED, 0, Ospf.lsAckBody(hs), Ospf.AUTH_NULL, null, 0, 0));
        // authentication the interface does not use (type 1 and type 2)
        s.add(Ospf.build(Ospf.HELLO, FORGED, 0, Ospf.helloBody(new Ospf.Hello(Ipv4Address.parse("255.255.255.0"), 10, Ospf.OPT_E, 1,
            40, 0, 0, new int[0])), Ospf.AUTH_SIMPLE, "cisco".getBytes(), 0, 0));
        s.add(Ospf.build(Ospf.LS_UPDATE, FORGED, 0, Ospf.lsUpdateBody(lsas), Ospf.AUTH_CRYPTO, "key".getBytes(), 1, 7));
        return s;
    }

    /** One hostile variant of a seed, chosen by k. */
    private static byte[] mutate(byte[] seed, Random rnd, int k) {
        byte[] p = seed.clone();
        switch (k % 8) {
            case 0 -> { // random bytes that start like OSPFv2
                p = new byte[rnd.nextInt(300)];
                rnd.nextBytes(p);
                if (p.length > 0) p[0] = 2;
            }
            case 1 -> { for (int i = 0, f = 1 + rnd.nextInt(4); i < f; i++) p[rnd.nextInt(p.length)] = (byte) rnd.nextInt(256); }
            case 2 -> p = java.util.Arrays.copyOf(p, rnd.nextInt(p.length)); // truncated
            case 3 -> Bytes.put16(p, 12, Bytes.u16(p, 12) ^ (1 + rnd.nextInt(0xfffe))); // bad checksum
            case 4 -> p[0] = (byte) (rnd.nextBoolean() ? 3 : rnd.nextInt(256)); // version
            case 5 -> { // another area, checksum made good again
                Bytes.put32(p, 8, 1 + rnd.nextInt(5));
                if (Bytes.u16(p, 14) == Ospf.AUTH_NULL) rechecksum(p);
            }
            case 6 -> { // a plausible update full of random LSAs with good LSA checksums
                List<byte[]> lsas = new ArrayList<>();
                for (int i = 0, m = 1 + rnd.nextInt(5); i < m; i++) {
                    byte[] l = new byte[Lsa.HEADER_LEN + 4 * rnd.nextInt(12)];
                    rnd.nextBytes(l);
                    l[3] = (byte) (1 + rnd.nextInt(5));
                    Bytes.put16(l, 0, rnd.nextInt(3700));
                    Bytes.put16(l, 18, l.length);
                    Lsa.finish(l);
                    lsas.add(l);
                }
                p = Ospf.build(Ospf.LS_UPDATE, FORGED, 0, Ospf.lsUpdateBody(lsas), Ospf.AUTH_NULL, null, 0, 0);
            }
            default -> { // the stated length lies
                Bytes.put16(p, 2, rnd.nextInt(0x10000));
                if (Bytes.u16(p, 14) == Ospf.AUTH_NULL) rechecksum(p);
            }
        }
        return p;
    }

    private static void rechecksum(byte[] p) {
        if (p.length < Ospf.HEADER_LEN) return;
        Bytes.put16(p, 12, 0);
        int l = Math.min(Bytes.u16(p, 2), p.length);
        long sum = dev.routerlab.packet.Checksum.sum(p, 0, 16, 0);
        if (l > Ospf.HEADER_LEN) sum = dev.routerlab.packet.Checksum.sum(p, Ospf.HEADER_LEN, l - Ospf.HEADER_LEN, sum);
        Bytes.put16(p, 12, dev.routerlab.packet.Checksum.finish(sum));
    }

    /** The OSPF packet in IPv4 protocol 89 from the forged neighbour; every 13th has a broken IP header. */
    private static byte[] ipv4(byte[] ospf, int dst, Random rnd, int k) {
        byte[] b = new byte[Ipv4.MIN_HEADER_LEN + ospf.length];
        Ipv4.writeHeader(b, 0, 0xc0, b.length, k & 0xffff, 0, 1, Ospf.IP_PROTOCOL, SRC, dst);
        System.arraycopy(ospf, 0, b, Ipv4.MIN_HEADER_LEN, ospf.length);
        if (k % 13 == 0) b[rnd.nextInt(Ipv4.MIN_HEADER_LEN)] ^= (byte) (1 + rnd.nextInt(255));
        return b;
    }
}
