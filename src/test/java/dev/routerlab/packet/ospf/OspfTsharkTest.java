package dev.routerlab.packet.ospf;

import dev.routerlab.Interop;
import dev.routerlab.capture.PcapWriter;
import dev.routerlab.packet.Ipv4;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.sim.VirtualScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every OSPF packet type, every LSA type and every authentication type goes into a pcap; tshark
 * must dissect all of them as OSPF with no malformed packet and no expert error, the OSPF
 * checksum of every type 0/1 packet [correct], and the MD5 key id of every type 2 one.
 */
class OspfTsharkTest {
    @TempDir
    Path dir;

    static boolean tsharkAvailable() {
        try {
            Process p = new ProcessBuilder("tshark", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void tsharkDissectsEveryPacketAndLsaWithGoodChecksums() throws Exception {
        Interop.require(tsharkAvailable(), "OspfTsharkTest: tshark not installed");
        int r1 = OspfCodecTest.R1, r2 = OspfCodecTest.R2;
        List<byte[]> lsas = new ArrayList<>(OspfCodecTest.allLsas());
        lsas.add(Lsa.buildSummary(Lsa.SUMMARY_NETWORK, 1, 0x22, Ipv4Address.parse("10.1.0.0"), r1, 0x80000001,
                Ipv4Address.parse("255.255.255.0"), 10)); // the known vector of OspfCodecTest
        List<Lsa.Header> hdrs = lsas.stream().map(l -> Lsa.Header.read(l, 0)).toList();
        List<byte[]> packets = new ArrayList<>();
        for (int auth : new int[] {Ospf.AUTH_NULL, Ospf.AUTH_SIMPLE, Ospf.AUTH_CRYPTO}) {
            byte[] key = OspfCodecTest.MD5_KEY;
            packets.add(Ospf.build(Ospf.HELLO, r1, 0, Ospf.helloBody(new Ospf.Hello(Ipv4Address.parse("255.255.255.0"), 10,
                    Ospf.OPT_E, 1, 40, Ipv4Address.parse("10.0.12.2"), 0, new int[] {r2})), auth, key, 1, 100));
            packets.add(Ospf.build(Ospf.DB_DESCRIPTION, r1, 0, Ospf.dbDescriptionBody(new Ospf.DbDescription(1500,
                    Ospf.OPT_E, Ospf.DD_I | Ospf.DD_M | Ospf.DD_MS, 0x4d2, List.of())), auth, key, 1, 101));
            packets.add(Ospf.build(Ospf.DB_DESCRIPTION, r1, 0, Ospf.dbDescriptionBody(new Ospf.DbDescription(1500,
                    Ospf.OPT_E, Ospf.DD_MS, 0x4d3, hdrs)), auth, key, 1, 102));
            packets.add(Ospf.build(Ospf.LS_REQUEST, r1, 0, Ospf.lsRequestBody(List.of(new Ospf.LsRequest(1, r2, r2),
                    new Ospf.LsRequest(2, Ipv4Address.parse("10.0.12.2"), r2))), auth, key, 1, 103));
            packets.add(Ospf.build(Ospf.LS_UPDATE, r1, 0, Ospf.lsUpdateBody(lsas), auth, key, 1, 104));
            packets.add(Ospf.build(Ospf.LS_ACK, r1, 0, Ospf.lsAckBody(hdrs), auth, key, 1, 105));
        }
        Path pcap = dir.resolve("ospf.pcap");
        VirtualScheduler clock = new VirtualScheduler(1_700_000_000_000L);
        try (PcapWriter w = PcapWriter.create(pcap, PcapWriter.LINKTYPE_RAW, clock)) {
            for (byte[] p : packets) {
                byte[] ip = Ipv4.build(0xc0, 1, false, 1, Ospf.IP_PROTOCOL, Ipv4Address.parse("10.0.12.1"),
                        Ospf.ALL_SPF_ROUTERS, p, 0, p.length);
                w.write(ip, 0, ip.length);
                clock.advance(1_000_000);
            }
        }
        List<String> protos = tshark(pcap, "-T", "fields", "-e", "frame.protocols");
        assertEquals(packets.size(), protos.size());
        for (String s : protos) assertTrue(s.endsWith(":ospf"), s);
        List<String> types = tshark(pcap, "-T", "fields", "-e", "ospf.msg");
        assertEquals(List.of("1", "2", "2", "3", "4", "5"), types.subList(0, 6));
        assertEquals(List.of(), tshark(pcap, "-Y", "_ws.malformed || _ws.expert.severity == error"));
        String verbose = String.join("\n", tshark(pcap, "-V"));
        assertFalse(verbose.contains("Malformed"), "tshark -V reports a malformed packet");
        assertFalse(verbose.contains("[Checksum Status: Bad]"), "a bad checksum");
        assertFalse(verbose.toLowerCase().contains("incorrect"), "an incorrect field");
        // tshark verifies the OSPF header checksum of authentication types 0 and 1 (12 packets);
        // tshark 4.0 does not verify LSA Fletcher checksums: OspfCodecTest pins them against scapy
        assertEquals(12, count(verbose, "[correct]"), "OSPF header checksums tshark calls correct");
        for (byte[] l : lsas)
            assertTrue(verbose.contains(String.format("Checksum: 0x%04x", Lsa.checksum(l, 0))), "LSA checksum shown");
        List<String> md5 = tshark(pcap, "-Y", "ospf.auth.type == 2", "-T", "fields", "-e", "ospf.auth.crypt.key_id");
        assertEquals(6, md5.size());
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) n++;
        return n;
    }

    private static List<String> tshark(Path pcap, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", pcap.toString()));
        cmd.addAll(List.of(args));
        Process pr = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(pr.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l; (l = r.readLine()) != null; ) lines.add(l);
        }
        assertTrue(pr.waitFor(60, TimeUnit.SECONDS));
        return lines;
    }
}
