package dev.routerlab.ip;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.link.Link;
import dev.routerlab.link.LinkReceiver;
import dev.routerlab.link.WireOptions;
import dev.routerlab.packet.Arp;
import dev.routerlab.packet.Bytes;
import dev.routerlab.packet.Ethernet;
import dev.routerlab.packet.Gre;
import dev.routerlab.packet.Icmp;
import dev.routerlab.packet.Ipv4;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.MacAddress;
import dev.routerlab.packet.Udp;
import org.junit.jupiter.api.Test;

/**
 * Thousands of random and mutated frames into one of R2's ports: every one is counted or
 * dropped, none throws, and the lab keeps forwarding (through R2, into R3's tunnel).
 */
class HostileInputTest {
    private static final int FRAMES = 30_000;

    @Test
    void mutatedFramesAreCountedAndDroppedAndTheRouterKeepsForwarding() {
        Net net = Net.greLab(WireOptions.DEFAULT.withDelay(100_000));
        Net.Node r1 = net.get("R1"), r2 = net.get("R2"), r3 = net.get("R3");
        List<byte[]> sent = new ArrayList<>();
        Link host = new Link() {
            @Override public void transmit(byte[] data, int off, int len) { sent.add(data); }

            @Override public boolean ethernet() { return true; }
        };
        LinkReceiver rx = r2.router.bind(InterfaceName.parse("Gi0/2"), host);
        r2.config("interface GigabitEthernet0/2", "ip address 192.168.2.1 255.255.255.0", "no shutdown",
            "ip route 1.1.1.1 255.255.255.255 10.12.0.1");
        assertTrue(r1.exec("ping 3.3.3.3").contains("!!!"));

        long r2mac = r2.iface("Gi0/2").mac;
        int me = Ipv4Address.parse("192.168.2.50"), r2ip = Ipv4Address.parse("192.168.2.1");
        int r1ip = Ipv4Address.parse("10.12.0.1"), r3ip = Ipv4Address.parse("10.23.0.3");
        List<byte[]> templates = templates(r2mac, me, r2ip, r1ip, r3ip);
        SplittableRandom rnd = new SplittableRandom(42);
        long errorsBefore = r2.iface("Gi0/2").counters.inputErrors;
        for (int n = 0; n < FRAMES; n++) {
            byte[] f;
            int kind = rnd.nextInt(10);
            if (kind == 0) {                               // pure garbage
                f = new byte[rnd.nextInt(0, 1600)];
                rnd.nextBytes(f);
            } else {
                byte[] t = templates.get(rnd.nextInt(templates.size()));
                int len = kind == 1 ? rnd.nextInt(0, t.length + 1) : kind == 2 ? t.length + rnd.nextInt(1, 100) : t.length;
                f = java.util.Arrays.copyOf(t, len);
                for (int k = rnd.nextInt(0, 6); k > 0 && f.length > 0; k--) {
                    // flip bytes, mostly in the headers where parsers look
                    int at = rnd.nextInt(Math.min(f.length, rnd.nextBoolean() ? 80 : f.length));
                    f[at] = (byte) rnd.nextInt(256);
                }
                if (rnd.nextBoolean()) fixChecksums(f);
            }
            int off = 0, len = f.length;
            if (n % 997 == 0) {                            // nonsense ranges are refused too
                off = rnd.nextInt(-5, 5);
                len = rnd.nextInt(-5, f.length + 20);
            }
            rx.receive(f, off, len);
            if (n % 64 == 0) net.clock.advance(1_000_000);
        }
        net.run(20);
        long errors = r2.iface("Gi0/2").counters.inputErrors - errorsBefore;
        assertTrue(errors > 1000, "malformed frames counted as input errors: " + errors);
        assertTrue(r2.exec("show interfaces GigabitEthernet0/2").contains(" input errors, "));
        assertTrue(r3.ip().stats().greBad + r3.ip().stats().badHeader + r3.iface("Tunnel0").counters.inputErrors > 0,
            "mutated GRE reached R3 and was judged there");
        // the routers still work: through R2, through the tunnel, and from the hostile port
        assertTrue(r1.exec("ping 3.3.3.3").contains("!!!!!"), "R1 -> R3 through the tunnel");
        assertTrue(r1.exec("ping 10.23.0.3 repeat 20").contains("!!!!!!!!!!!!!!!!!!!!"), "R2 forwards");
        sent.clear();
        rx.receive(templates.get(1), 0, templates.get(1).length);   // a clean echo request to R2
        net.run(1);
        assertTrue(sent.stream().anyMatch(f -> f.length >= 34 && Bytes.u16(f, 12) == Ethernet.TYPE_IPV4
            && Ipv4.protocol(f, 14) == Ipv4.PROTO_ICMP && Icmp.type(f, 34) == Icmp.TYPE_ECHO_REPLY), "R2 answers the host");
    }

    private static void fixChecksums(byte[] f) {
        if (f.length < 34 || Bytes.u16(f, 12) != Ethernet.TYPE_IPV4) return;
        int hl = (f[14] & 0x0f) * 4;
        if (hl < 20 || 14 + hl > f.length) return;
        Ipv4.updateChecksum(f, 14);
    }

    private static List<byte[]> templates(long r2mac, int me, int r2ip, int r1ip, int r3ip) {
        MacAddress dst = MacAddress.of(r2mac), src = MacAddress.of(0x0200_0000_0050L);
        List<byte[]> t = new ArrayList<>();
        byte[] arp = Arp.buildRequest(src, me, r2ip);
        t.add(arp);
        byte[] data = new byte[56];
        t.add(eth(dst, src, Icmp.buildEchoPacket(Icmp.TYPE_ECHO_REQUEST, me, r2ip, 1, 64, 7, 1, data)));
        byte[] udp = Udp.buildPacket(me, r2ip, 40000, 33434, 2, 1, new byte[12], 0, 12);
        t.add(eth(dst, src, udp));
        t.add(eth(dst, src, Udp.buildPacket(me, r3ip, 40000, 33435, 3, 1, new byte[4], 0, 4)));   // TTL expires at R2
        byte[] big = Icmp.buildEchoPacket(Icmp.TYPE_ECHO_REQUEST, me, r2ip, 9, 64, 7, 2, new byte[1400]);
        for (byte[] frag : Ipv4.fragment(big, 0, 576)) t.add(eth(dst, src, frag));
        byte[] inner = Icmp.buildEchoPacket(Icmp.TYPE_ECHO_REQUEST, r1ip, Ipv4Address.parse("3.3.3.3"), 4, 64, 9, 3, data);
        t.add(eth(dst, src, Gre.buildPacket(r1ip, r3ip, 5, 0, 255, false, 0, 0, 0, Gre.PROTO_IPV4, inner, 0, inner.length)));
        t.add(eth(dst, src, Gre.buildPacket(r1ip, r3ip, 6, 0, 255, false, Gre.FLAG_CHECKSUM | Gre.FLAG_KEY | Gre.FLAG_SEQUENCE,
            77, 3, Gre.PROTO_IPV4, inner, 0, inner.length)));
        t.add(eth(dst, src, Gre.buildKeepalive(r1ip, r3ip, 7, 255, 0, 0, 0)));
        byte[] err = Icmp.buildErrorPacket(me, 8, 64, Icmp.TYPE_DEST_UNREACHABLE, Icmp.CODE_FRAGMENTATION_NEEDED, 1200, udp, 0, udp.length);
        Bytes.put32(err, 16, r2ip);
        Ipv4.updateChecksum(err, 0);
        t.add(eth(dst, src, err));
        byte[] opts = Icmp.buildEchoPacket(Icmp.TYPE_ECHO_REQUEST, me, r2ip, 10, 64, 7, 3, data);
        byte[] withOpts = new byte[opts.length + 4];
        System.arraycopy(opts, 0, withOpts, 0, 20);
        withOpts[0] = 0x46;
        withOpts[20] = 1;                                   // NOP options
        withOpts[21] = 1;
        withOpts[22] = 1;
        withOpts[23] = 0;
        System.arraycopy(opts, 20, withOpts, 24, opts.length - 20);
        Bytes.put16(withOpts, 2, withOpts.length);
        Ipv4.updateChecksum(withOpts, 0);
        t.add(eth(dst, src, withOpts));
        t.add(eth(MacAddress.BROADCAST, src, Udp.buildPacket(me, -1, 68, 67, 11, 1, new byte[300], 0, 300)));
        return t;
    }

    private static byte[] eth(MacAddress dst, MacAddress src, byte[] ip) {
        return Ethernet.build(dst, src, Ethernet.TYPE_IPV4, ip, 0, ip.length);
    }
}
