package dev.routerlab.ike;

import dev.routerlab.Interop;
import static dev.routerlab.ike.IkePair.S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.ike.crypto.DhGroup;
import dev.routerlab.ike.crypto.HashAlgorithm;
import dev.routerlab.ike.crypto.IkeCipherAlgorithm;
import dev.routerlab.esp.EspEncapsulation;
import dev.routerlab.esp.EspSa;
import dev.routerlab.capture.PcapWriter;
import dev.routerlab.packet.Icmp;
import dev.routerlab.packet.Ipv4;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.Udp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Independent decoding: every message two engines exchange (Main Mode over NAT with the float
 * to 4500, Aggressive Mode, Quick Mode with PFS, DPD, delete notifications) plus ESP-in-UDP
 * with the negotiated keys goes into a pcap (LINKTYPE_RAW), and tshark must decode all of it
 * as ISAKMP / UDPENCAP / ESP without one malformed packet — and, given the keys in Wireshark's
 * own tables, decrypt the IKE messages and the ESP packets.
 */
class IsakmpTsharkTest {
    @TempDir
    Path dir;

    static boolean tsharkAvailable() {
        try {
            Process p = new ProcessBuilder("tshark", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void tsharkDecodesEverythingWithoutMalformedPackets() throws Exception {
        boolean ok = tsharkAvailable();
        Interop.require(ok, "IsakmpTsharkTest: tshark not installed");

        List<byte[]> frames = new ArrayList<>();
        StringBuilder ikeKeys = new StringBuilder(), espKeys = new StringBuilder();
        int espPackets = 0;

        // 1. Main Mode behind a NAT (float to 4500), PFS, DPD, then deletes of both phases.
        IkePair p = new IkePair(77);
        p.nat = true;
        p.configure(IkePair.policy(10, IkeCipherAlgorithm.AES_256, HashAlgorithm.SHA256, DhGroup.MODP_2048),
                "esp-aes esp-sha-hmac", DhGroup.ECP_256);
        p.a.reconfigure(p.a.config().withDpd(new DpdSettings(10, 2, true)).withNatKeepalive(20));
        p.acquire();
        p.run(2 * S);
        p.run(21 * S);
        ikeKeys.append(WiresharkKeys.ikev1DecryptionTable(p.a));
        ChildSa a = p.ra.up.get(0), b = p.rb.up.get(0);
        espKeys.append(WiresharkKeys.espSa(b));
        p.a.clearChildSas();
        p.a.clearIsakmp();
        p.run(S);
        frames.addAll(ip(p.wire));
        List<byte[]> e1 = espExchange(a, b, true);
        frames.addAll(e1);
        espPackets += e1.size();

        // 2. Aggressive Mode without NAT, GCM, no PFS.
        IkePair q = new IkePair(78);
        q.configure(IkePair.policy(10, IkeCipherAlgorithm.TRIPLE_DES, HashAlgorithm.SHA1, DhGroup.MODP_1024), "esp-gcm 256",
                null);
        q.a.reconfigure(q.a.config().withAggressivePeers(java.util.Set.of(IkePair.B)));
        q.acquire();
        q.run(2 * S);
        ikeKeys.append(WiresharkKeys.ikev1DecryptionTable(q.a));
        espKeys.append(WiresharkKeys.espSa(q.rb.up.get(0)));
        q.b.clearSessions(new SessionEnds(0, KeyManager.ANY_PORT, IkePair.A, KeyManager.ANY_PORT));
        q.run(S);
        frames.addAll(ip(q.wire));
        List<byte[]> e2 = espExchange(q.ra.up.get(0), q.rb.up.get(0), false);
        frames.addAll(e2);
        espPackets += e2.size();

        Path pcap = dir.resolve("ike.pcap");
        try (PcapWriter w = PcapWriter.create(pcap, PcapWriter.LINKTYPE_RAW, p.sched)) {
            for (byte[] f : frames) w.write(f, 0, f.length);
        }
        Path conf = dir.resolve("wireshark");
        Files.createDirectories(conf);
        Files.writeString(conf.resolve("ikev1_decryption_table"), ikeKeys);
        Files.writeString(conf.resolve("esp_sa"), espKeys);

        // Without keys: every frame is UDP carrying ISAKMP, ESP or a NAT-keepalive; nothing malformed.
        List<String> decoded = tshark(pcap, null, "-T", "fields", "-e", "frame.protocols");
        assertEquals(frames.size(), decoded.size());
        int isakmp = 0, encEsp = 0, keepalive = 0;
        for (String f : decoded) {
            if (f.endsWith(":isakmp")) isakmp++;
            else if (f.endsWith(":esp")) encEsp++;
            else if (f.contains("udpencap")) keepalive++;
            else throw new AssertionError("unexpected frame " + f);
        }
        assertEquals(espPackets, encEsp);
        assertTrue(keepalive >= 1, "NAT keepalive present");
        assertEquals(frames.size() - espPackets - keepalive, isakmp);
        assertEquals(List.of(), tshark(pcap, null, "-Y", "_ws.malformed || _ws.expert.severity == error"));
        String verbose = String.join("\n", tshark(pcap, null, "-V"));
        assertFalse(verbose.contains("Malformed"), "tshark -V reports a malformed packet");
        assertTrue(verbose.contains("Vendor ID: RFC 3947 Negotiation of NAT-Traversal in the IKE"), "NAT-T VID");
        assertTrue(verbose.contains("Vendor ID: RFC 3706 DPD (Dead Peer Detection)"), "DPD VID");
        assertTrue(verbose.contains("Payload: NAT-D (RFC 3947) (20)"), "NAT-D payloads");

        // With Wireshark's own tables: the IKE messages decrypt to the IDs, hashes and QM payloads.
        List<String> decryptedIds = tshark(pcap, conf, "-Y", "isakmp.id.type", "-T", "fields", "-e", "isakmp.id.type");
        assertTrue(decryptedIds.size() >= 6, "MM5, MM6, QM1, QM2 (IDs) decrypted: " + decryptedIds);
        List<String> encap = tshark(pcap, conf, "-Y", "isakmp.ipsec.attr.encap_mode", "-T", "fields",
                "-e", "isakmp.ipsec.attr.encap_mode");
        assertTrue(encap.contains("3"), "UDP-Encapsulated-Tunnel offered in QM: " + encap);
        List<String> notify = tshark(pcap, conf, "-Y", "isakmp.notify.msgtype == 36136 || isakmp.notify.msgtype == 36137",
                "-T", "fields", "-e", "isakmp.notify.msgtype");
        assertTrue(notify.contains("36136") && notify.contains("36137"), "R-U-THERE and ACK decrypted: " + notify);
        assertEquals(List.of(), tshark(pcap, conf, "-Y", "_ws.malformed || _ws.expert.severity == error"),
                "nothing malformed once decrypted");
        // ESP: decrypted to ICMP with a good ICV, in both directions, CBC+HMAC and GCM.
        List<String> icmp = tshark(pcap, conf, "-o", "esp.enable_encryption_decode:TRUE",
                "-o", "esp.enable_authentication_check:TRUE", "-Y", "esp && icmp", "-T", "fields", "-e", "icmp.type");
        assertEquals(espPackets, icmp.size(), "every ESP packet decrypts to ICMP");
    }

    /** IPv4/UDP packets of the datagrams on a wire. */
    private static List<byte[]> ip(List<Datagram> wire) {
        List<byte[]> out = new ArrayList<>();
        int id = 1;
        for (Datagram d : wire) {
            out.add(Udp.buildPacket(d.source(), d.destination(), d.sourcePort(), d.destinationPort(), id++, 64,
                    d.payload(), 0, d.payload().length));
        }
        return out;
    }

    /**
     * Two echoes each way through the SA pair, as seen on B's side (A may be behind the NAT):
     * ESP in UDP 4500 after a NAT-T float (RFC 3948), raw ESP otherwise.
     */
    private static List<byte[]> espExchange(ChildSa a, ChildSa b, boolean udp) {
        EspSa aOut = a.outboundSa(new SplittableRandom(1)), bOut = b.outboundSa(new SplittableRandom(2));
        List<byte[]> out = new ArrayList<>();
        byte[] data = "routerlab".getBytes(StandardCharsets.US_ASCII);
        for (int i = 1; i <= 2; i++) {
            byte[] req = Icmp.buildEchoPacket(Icmp.TYPE_ECHO_REQUEST, Ipv4Address.parse("10.1.0.1"),
                    Ipv4Address.parse("10.2.0.1"), i, 64, 9, i, data);
            byte[] rep = Icmp.buildEchoPacket(Icmp.TYPE_ECHO_REPLY, Ipv4Address.parse("10.2.0.1"),
                    Ipv4Address.parse("10.1.0.1"), i, 64, 9, i, data);
            out.add(espPacket(b.peerAddress(), b.peerPort(), b.localAddress(), b.localPort(),
                    EspEncapsulation.tunnelEncap(aOut, req), udp));
            out.add(espPacket(b.localAddress(), b.localPort(), b.peerAddress(), b.peerPort(),
                    EspEncapsulation.tunnelEncap(bOut, rep), udp));
        }
        return out;
    }

    private static byte[] espPacket(int src, int sport, int dst, int dport, byte[] esp, boolean udp) {
        return udp ? Udp.buildPacket(src, dst, sport, dport, 7, 64, esp, 0, esp.length)
                : Ipv4.build(0, 7, false, 64, Ipv4.PROTO_ESP, src, dst, esp, 0, esp.length);
    }

    private static List<String> tshark(Path pcap, Path conf, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", pcap.toString(), "-d", "udp.port==1500,isakmp"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = pb.environment();
        if (conf != null) env.put("WIRESHARK_CONFIG_DIR", conf.toString());
        else env.put("WIRESHARK_CONFIG_DIR", pcap.getParent().resolve("empty-profile").toString());
        Process pr = pb.start();
        String out = new String(pr.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(pr.waitFor(60, TimeUnit.SECONDS));
        List<String> lines = new ArrayList<>();
        for (String l : out.split("\n")) if (!l.isBlank()) lines.add(l.strip());
        return lines;
    }
}
