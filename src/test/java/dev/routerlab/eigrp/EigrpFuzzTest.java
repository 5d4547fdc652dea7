package dev.routerlab.eigrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.ip.IpEngine;
import dev.routerlab.ip.IpInterface;
import dev.routerlab.ip.Net;
import dev.routerlab.link.WireOptions;
import dev.routerlab.packet.Bytes;
import dev.routerlab.packet.Checksum;
import dev.routerlab.packet.Ipv4;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.eigrp.Eigrp;
import dev.routerlab.packet.eigrp.EigrpTlv;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Hostile input into live routers: 120,000 malformed, truncated, mis-addressed and mis-authenticated
 * EIGRP packets arrive on an interface that has a neighbour; every one is counted and dropped, no
 * exception escapes, and the real adjacency and its routes survive.
 */
class EigrpFuzzTest {
    private static final int PACKETS = 120_000;

    @Test
    void malformedPacketsAreCountedAndDropped() {
        Net net = new Net();
        Net.Node r1 = net.router("R1"), r2 = net.router("R2");
        net.wire(r1, "Gi0/0", r2, "Gi0/0", WireOptions.DEFAULT);
        net.wire(r1, "Gi0/1", r2, "Gi0/1", WireOptions.DEFAULT);
        for (Net.Node r : new Net.Node[] {r1, r2}) {
            int n = r == r1 ? 1 : 2;
            r.config("key chain K", "key 1", "key-string secret",
                "interface Loopback0", "ip address " + n + "." + n + "." + n + "." + n + " 255.255.255.255",
                "interface GigabitEthernet0/0", "ip address 10.12.0." + n + " 255.255.255.0", "no shutdown",
                "interface GigabitEthernet0/1", "ip address 10.21.0." + n + " 255.255.255.0", "no shutdown",
                "ip authentication mode eigrp 100 md5", "ip authentication key-chain eigrp 100 K",
                "router eigrp 100", "network 10.0.0.0", "network " + n + ".0.0.0");
        }
        net.run(30);
        assertTrue(r1.exec("show ip route eigrp").contains("2.2.2.2"));
        EigrpInstance.Counters c = r1.router.eigrp().processes().get(100).instance().counters();
        long before = c.badPackets + c.asMismatch + c.authFailures + c.notOnCommonSubnet + c.unknownNeighbor;

        IpEngine ip = r1.ip();
        IpInterface plain = r1.iface("GigabitEthernet0/0"), md5 = r1.iface("GigabitEthernet0/1");
        SplittableRandom rnd = new SplittableRandom(42);
        List<byte[]> seeds = seeds();
        int sent = 0;
        for (int k = 0; k < PACKETS; k++) {
            boolean auth = (k & 1) == 1;
            byte[] e = mutate(seeds.get(rnd.nextInt(seeds.size())).clone(), rnd, auth);
            int src = rnd.nextInt(4) == 0 ? rnd.nextInt() : auth ? 0x0a150002 : 0x0a0c0002;
            int dst = rnd.nextBoolean() ? Eigrp.MULTICAST_GROUP : auth ? 0x0a150001 : 0x0a0c0001;
            byte[] p = new byte[IpEngine.HEADROOM + Ipv4.MIN_HEADER_LEN + e.length];
            int off = IpEngine.HEADROOM;
            Ipv4.writeHeader(p, off, 0xc0, Ipv4.MIN_HEADER_LEN + e.length, k & 0xffff, 0, 2, Eigrp.IP_PROTOCOL, src, dst);
            System.arraycopy(e, 0, p, off + Ipv4.MIN_HEADER_LEN, e.length);
            ip.inject(auth ? md5 : plain, p, off, p.length - off);
            sent++;
            if (k % 1000 == 0) net.clock.advance(50_000_000L);
        }
        net.run(1);
        long dropped = c.badPackets + c.asMismatch + c.authFailures + c.notOnCommonSubnet + c.unknownNeighbor - before;
        System.out.printf("EIGRP fuzz: %d packets, %d counted as dropped (bad %d, AS %d, auth %d, subnet %d, unknown %d)%n",
            sent, dropped, c.badPackets, c.asMismatch, c.authFailures, c.notOnCommonSubnet, c.unknownNeighbor);
        assertEquals(PACKETS, sent);
        assertTrue(dropped > PACKETS / 2, "most hostile packets are counted as drops: " + dropped);
        assertTrue(c.authFailures > 0 && c.badPackets > 0 && c.asMismatch > 0);
        // the real neighbours and routes are still there after hold times pass
        net.run(20);
        String nb = r1.exec("show ip eigrp neighbors");
        assertTrue(nb.contains("10.12.0.2") && nb.contains("10.21.0.2"), nb);
        assertTrue(r1.exec("show ip route eigrp").contains("2.2.2.2"));
    }

    /** Valid packets of every kind to mutate: hellos, an INIT update, updates with internal and external routes, query, reply. */
    private static List<byte[]> seeds() {
        EigrpTlv.Metric m = new EigrpTlv.Metric(256 * 10, 256 * 10, 1500, 1, 255, 1, 0, 0);
        List<EigrpTlv> hello = List.of(new EigrpTlv.Parameter(1, 0, 1, 0, 0, 0, 15), new EigrpTlv.SoftwareVersion(23, 0, 2, 0));
        List<EigrpTlv> routes = List.of(new EigrpTlv.InternalRoute(0, m, 0xc0a80100, 24), new EigrpTlv.InternalRoute(0, m, 0x0a0a0000, 16),
            new EigrpTlv.ExternalRoute(0, 0x09090909, 100, 0, 0, 3, 0, m, 0xac100000, 12));
        return List.of(Eigrp.build(Eigrp.OP_HELLO, 0, 0, 0, 0, 100, hello),
            Eigrp.build(Eigrp.OP_UPDATE, Eigrp.FLAG_INIT, 7, 0, 0, 100, List.of()),
            Eigrp.build(Eigrp.OP_UPDATE, 0, 8, 0, 0, 100, routes),
            Eigrp.build(Eigrp.OP_QUERY, 0, 9, 0, 0, 100, routes),
            Eigrp.build(Eigrp.OP_REPLY, 0, 10, 0, 0, 100, routes),
            Eigrp.build(Eigrp.OP_HELLO, 0, 0, 0, 0, 100, List.of(new EigrpTlv.Parameter(255, 255, 255, 255, 255, 255, 15))),
            Eigrp.build(Eigrp.OP_HELLO, 0, 0, 5, 0, 100, List.of()));
    }

    /** One hostile variant: truncated, bytes flipped, a TLV length forged, the AS or version changed; checksum right or wrong; MD5 forged. */
    private static byte[] mutate(byte[] b, SplittableRandom r, boolean auth) {
        switch (r.nextInt(7)) {
            case 0 -> b = java.util.Arrays.copyOf(b, r.nextInt(b.length + 1));
            case 1 -> { for (int i = 0, n = 1 + r.nextInt(6); i < n; i++) b[r.nextInt(b.length)] ^= (byte) (1 + r.nextInt(255)); }
            case 2 -> { if (b.length > Eigrp.HEADER_LEN + 4) Bytes.put16(b, Eigrp.HEADER_LEN + 2 + 0, r.nextInt(0x10000)); }
            case 3 -> Bytes.put16(b, 18, r.nextInt(0x10000));                               // another AS
            case 4 -> b[0] = (byte) r.nextInt(256);                                           // version
            case 5 -> { b = java.util.Arrays.copyOf(b, b.length + 1 + r.nextInt(64)); for (int i = 0; i < 8; i++) b[b.length - 1 - i] = (byte) r.nextInt(); }
            default -> { if (b.length > Eigrp.HEADER_LEN + 8) b[Eigrp.HEADER_LEN + 4 + r.nextInt(b.length - Eigrp.HEADER_LEN - 4)] = (byte) r.nextInt(); }
        }
        if (b.length >= Eigrp.HEADER_LEN && r.nextInt(3) != 0) {                          // usually a good checksum: the parser sees it
            Bytes.put16(b, 2, 0);
            Bytes.put16(b, 2, Checksum.compute(b, 0, b.length));
        }
        if (auth && b.length >= Eigrp.HEADER_LEN && r.nextBoolean()) {                  // a forged digest with the wrong key
            byte[] t = Eigrp.build(Eigrp.opcode(b, 0), 0, Eigrp.sequence(b, 0), 0, 0, 100,
                List.of(Eigrp.md5Tlv(1), new EigrpTlv.Parameter(1, 0, 1, 0, 0, 0, 15)));
            Eigrp.signMd5(t, 0, t.length, "wrong".getBytes());
            return t;
        }
        return b;
    }
}
