package dev.routerlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.routerlab.Interop;
import dev.routerlab.ipv6.Ipv6Engine;
import dev.routerlab.packet.Ipv6;
import dev.routerlab.packet.Ipv6Address;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Root only. The Linux kernel as an IPv6 peer over TUN: R1 (`ipv6 unicast-routing`) has Gi0/2
 * (2001:DB8:2::1/64) bound to a TUN in one namespace and Gi0/3 (2001:DB8:3::1/64) to a TUN in
 * another. ping6 from a namespace to R1, through R1 to the other namespace, and R1's `ping
 * ipv6` to a namespace all get their answers; the kernel's hop limit decrement and R1's
 * counters prove the packets went through R1. 3000-byte packets each way, in fragments (RFC 8200
 * §4.5): R1 fragments what it originates and reassembles what is addressed to it.
 */
class Ipv6TunInteropTest {
    private static final String R1 = String.join("\n",
        "hostname R1", "no ip domain lookup", "ipv6 unicast-routing",
        "interface GigabitEthernet0/2", " ipv6 address 2001:DB8:2::1/64", " no shutdown",
        "interface GigabitEthernet0/3", " ipv6 address 2001:DB8:3::1/64", " no shutdown", "end", "");

    @Test
    void linuxHostsPing6TheRouterAndEachOtherThroughIt(@TempDir Path dir) throws Exception {
        String why = Netns.unavailable();
        if (why == null && Netns.tool("ping") == null) why = "ping (iputils-ping) is not installed";
        if (why != null) Interop.skip("Ipv6TunInteropTest: " + why);

        Files.writeString(dir.resolve("R1.cfg"), R1);
        Files.writeString(dir.resolve("topology.clab.yml"), "name: ipv6-tun\ntopology:\n  nodes:\n    R1:\n      kind: iosv\n"
            + "      startup-config: R1.cfg\n  links: []\n");
        Topology base = Topology.load(dir);
        long pid = ProcessHandle.current().pid() % 100000;
        String aDev = "rl6a" + pid, bDev = "rl6b" + pid;
        Topology t = new Topology(base.name(), base.dir(), base.nodes(), base.links(),
            Map.of(Topology.endpoint("R1:GigabitEthernet0/2"), aDev, Topology.endpoint("R1:GigabitEthernet0/3"), bDev), Map.of());
        try (Netns n = new Netns()) {
            String a = n.create("rl6a"), b = n.create("rl6b");
            try (Lab lab = Lab.boot(t, new Lab.Options())) {
                assertEquals(List.of(), lab.bootErrors());
                setUp(a, aDev, "2001:db8:2::10/64", "2001:db8:2::1");
                setUp(b, bDev, "2001:db8:3::10/64", "2001:db8:3::1");
                Thread.sleep(1500);   // the kernel's own DAD on the new addresses
                assertEquals(5, received(ping(a, "2001:db8:2::1")), "the kernel pings R1's address");
                Netns.Result through = Netns.tryRun(List.of("ip", "netns", "exec", b, "ping", "-6", "-c", "5", "-i", "0.3", "-W", "2",
                    "2001:db8:2::10"), 60);
                assertEquals(5, received(through), through.output());
                // the reply crossed R1 once: 64 (Linux's default hop limit) - 1
                assertTrue(through.output().contains("ttl=63"), through.output());

                String p = LabShell.show(lab, "R1", "ping ipv6 2001:DB8:3::10");
                assertTrue(p.contains("!!!!!\nSuccess rate is 100 percent (5/5)"), p);
                String rt = LabShell.show(lab, "R1", "show ipv6 route");
                assertTrue(rt.contains("C   2001:DB8:2::/64 [0/0]\n     via GigabitEthernet0/2, directly connected\n"), rt);
                String tr = LabShell.show(lab, "R1", "show ipv6 interface brief");
                assertTrue(tr.contains("GigabitEthernet0/2     [up/up]\n"), tr);
                long forwarded = lab.call(() -> lab.router("R1").ipv6().stats().forwarded);
                assertTrue(forwarded >= 10, "R1 forwarded both directions: " + forwarded);

                // 3000 bytes: R1 fragments its echoes (RFC 8200 §4.5), the kernel reassembles them and
                // answers in fragments that R1 reassembles; the kernel's own 3000-byte echoes to R1 the same
                // way back; fragments between the namespaces cross R1 as they are
                String big = LabShell.show(lab, "R1", "ping ipv6 2001:DB8:3::10 size 3000");
                assertTrue(big.contains("Sending 5, 3000-byte ICMP Echos to 2001:DB8:3::10, timeout is 2 seconds:\n!!!!!\n"
                    + "Success rate is 100 percent (5/5)"), big);
                Netns.Result toR1 = Netns.tryRun(List.of("ip", "netns", "exec", a, "ping", "-6", "-c", "5", "-i", "0.3", "-W", "2",
                    "-s", "2952", "2001:db8:2::1"), 60);
                assertEquals(5, received(toR1), toR1.output());
                assertTrue(toR1.output().contains("2960 bytes from 2001:db8:2::1"), toR1.output());
                Netns.Result across = Netns.tryRun(List.of("ip", "netns", "exec", b, "ping", "-6", "-c", "5", "-i", "0.3", "-W", "2",
                    "-s", "2952", "2001:db8:2::10"), 60);
                assertEquals(5, received(across), across.output());
                long[] s = lab.call(() -> {
                    var st = lab.router("R1").ipv6().stats();
                    return new long[] {st.fragmented, st.fragmentsCreated, st.reassembled};
                });
                assertEquals(10, s[0], "R1's five echoes and five replies left in fragments");
                assertEquals(30, s[1]);
                assertEquals(10, s[2], "the kernel's five replies and five echoes reassembled by R1");

                // RFC 7112 §5 and RFC 8200 §4.2/§4.5 both ways: a first fragment ending inside its header
                // chain gets a Parameter Problem code 3 (pointer 0), a later fragment whose Hop-by-Hop header
                // holds an unknown 10xxxxxx option a code 2 pointing at it, from Linux to R1 and from R1 to Linux
                Ipv6Address r1b = Ipv6Address.parse("2001:DB8:3::1"), host = Ipv6Address.parse("2001:DB8:3::10");
                byte[] incomplete = incompleteFirstFragment(r1b, host), option = unknownOptionFragment(r1b, host);
                lab.call(() -> {
                    var v6 = lab.router("R1").ipv6();
                    v6.sendWhole(incomplete, Ipv6Engine.HEADROOM, incomplete.length - Ipv6Engine.HEADROOM);
                    v6.sendWhole(option, Ipv6Engine.HEADROOM, option.length - Ipv6Engine.HEADROOM);
                    return null;
                });
                long[] in = new long[2];
                for (int i = 0; i < 50 && (in[0] == 0 || in[1] == 0); i++) {
                    Thread.sleep(100);
                    long[] c = lab.call(() -> lab.router("R1").ipv6().stats().codesIn[4].clone());
                    in = new long[] {c[3], c[2]};
                }
                assertEquals(1, in[0], "Linux: IPv6 First Fragment has incomplete IPv6 Header Chain");
                assertEquals(1, in[1], "Linux: unrecognized IPv6 option");

                Ipv6Address host2 = Ipv6Address.parse("2001:DB8:2::10"), r1a = Ipv6Address.parse("2001:DB8:2::1");
                String hex = java.util.HexFormat.of().formatHex(withoutHeadroom(incompleteFirstFragment(host2, r1a)))
                    + " " + java.util.HexFormat.of().formatHex(withoutHeadroom(unknownOptionFragment(host2, r1a)));
                Netns.Result got = Netns.tryRun(List.of("ip", "netns", "exec", a, "/usr/bin/python3", "-c", SEND_AND_LISTEN, aDev,
                    hex.split(" ")[0], hex.split(" ")[1]), 30);
                assertEquals("4/3/0 4/2/42", got.output().strip(), "R1's answers as Linux's raw ICMPv6 socket reads them");
            }
        }
    }

    /**
     * Writes each packet (hex) to the TUN from inside the namespace (AF_PACKET), then prints the
     * first two Parameter Problems a raw ICMPv6 socket receives (the kernel checks their checksums)
     * as type/code/pointer.
     */
    private static final String SEND_AND_LISTEN = String.join("\n",
        "import socket, sys",
        "r = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)",
        "r.settimeout(5)",
        "s = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM, socket.htons(0x86dd))",
        "for h in sys.argv[2:]: s.sendto(bytes.fromhex(h), (sys.argv[1], 0x86dd))",
        "out = []",
        "while len(out) < 2:",
        "    m = r.recv(2048)",
        "    if m[0] == 4: out.append('%d/%d/%d' % (m[0], m[1], int.from_bytes(m[4:8], 'big')))",
        "print(' '.join(out))");

    /** A first fragment whose 8 bytes of data hold half of a 16-byte Destination Options header (RFC 7112 §5). */
    private static byte[] incompleteFirstFragment(Ipv6Address src, Ipv6Address dst) {
        byte[] chain = java.util.HexFormat.of().parseHex("1101" + "0106000000000000" + "000000000000" + "0000000000000000");
        byte[] p = Ipv6.build(Ipv6Engine.HEADROOM, 0, Ipv6.NH_DEST_OPTIONS, 64, src, dst, chain, 0, chain.length);
        return Ipv6.fragment(p, Ipv6Engine.HEADROOM, 56, 0x7112, Ipv6Engine.HEADROOM).get(0);
    }

    /** The second fragment of a packet whose Hop-by-Hop header holds option 0x9e: unknown, "discard and report". */
    private static byte[] unknownOptionFragment(Ipv6Address src, Ipv6Address dst) {
        byte[] body = new byte[8 + 2000];
        System.arraycopy(java.util.HexFormat.of().parseHex("3a00" + "9e00" + "01020000"), 0, body, 0, 8);
        byte[] p = Ipv6.build(Ipv6Engine.HEADROOM, 0, Ipv6.NH_HOP_BY_HOP, 64, src, dst, body, 0, body.length);
        return Ipv6.fragment(p, Ipv6Engine.HEADROOM, 1280, 0x8200, Ipv6Engine.HEADROOM).get(1);
    }

    private static byte[] withoutHeadroom(byte[] f) {
        return java.util.Arrays.copyOfRange(f, Ipv6Engine.HEADROOM, f.length);
    }

    private static Netns.Result ping(String ns, String dst) throws Exception {
        return Netns.tryRun(List.of("ip", "netns", "exec", ns, "ping", "-6", "-c", "5", "-i", "0.3", "-W", "2", dst), 60);
    }

    private static int received(Netns.Result r) {
        Matcher m = Pattern.compile("(\\d+) received").matcher(r.output());
        assertTrue(m.find(), r.output());
        return Integer.parseInt(m.group(1));
    }

    private static void setUp(String ns, String dev, String addr, String via) throws Exception {
        Netns.run(List.of("ip", "link", "set", dev, "netns", ns));
        Netns.exec(ns, "ip", "-6", "addr", "add", addr, "dev", dev, "nodad");
        Netns.exec(ns, "ip", "link", "set", dev, "up");
        Netns.exec(ns, "ip", "-6", "route", "add", "default", "via", via, "dev", dev);
    }
}
