package dev.routerlab.ipsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.lab.Lab;
import dev.routerlab.lab.LabScript;
import dev.routerlab.lab.Topology;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import dev.routerlab.packet.nhrp.Tshark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `show crypto ipsec sa keys wireshark` against a real decoder: a lab run captures the IKE and ESP
 * exchange on R2 with `monitor capture`, the exported keys become tshark's UAT files, and tshark
 * must decrypt ISAKMP phase 1 (MM5/MM6 identities) and phase 2 (Quick Mode proxies) and every ESP
 * packet (ICV good, inner ICMP). Skipped, with the reason printed, when tshark is not installed.
 */
class WiresharkExportTest {
    @TempDir Path tmp;

    static final String CAPTURE = """
        R2#monitor capture CAP interface GigabitEthernet0/0 both
        R2#monitor capture CAP match ipv4 any any
        R2#monitor capture CAP start
        R1#ping 3.3.3.3 source 1.1.1.1
        R2#monitor capture CAP stop
        R2#monitor capture CAP export flash:ipsec.pcap
        R1#show crypto ipsec sa keys wireshark
        """;

    static final String CRYPTO_MAPS = """
        R2#ping 10.0.12.1
        R2#ping 10.0.23.3
        R1(config)#crypto map VPN 10 ipsec-isakmp
        R1(config-crypto-map)#set peer 10.0.23.3
        R1(config-crypto-map)#set transform-set TS
        R1(config-crypto-map)#match address 101
        R1(config-crypto-map)#interface GigabitEthernet0/0
        R1(config-if)#crypto map VPN
        R1(config-if)#end
        R3(config)#crypto map VPN 10 ipsec-isakmp
        R3(config-crypto-map)#set peer 10.0.12.1
        R3(config-crypto-map)#set transform-set TS
        R3(config-crypto-map)#match address 101
        R3(config-crypto-map)#interface GigabitEthernet0/0
        R3(config-if)#crypto map VPN
        R3(config-if)#end
        """;

    static final String GRE_LAB = """
        R2#ping 10.0.12.1
        R2#ping 10.0.23.3
        """;

    static final String IKEV2_CRYPTO_MAPS = CRYPTO_MAPS.replaceAll("(R\\d)\\(config-crypto-map\\)#set transform-set TS\n",
            "$0$1(config-crypto-map)#set ikev2-profile IKEV2-PROFILE\n");

    /**
     * IKEv2: the ikev2_decryption_table row (SPIs, SK_e/SK_a both ways, algorithm names) lets
     * tshark decrypt IKE_AUTH, whose IDi, IDr and AUTH payloads appear, and the ESP that follows.
     */
    @Test
    void ikev2ExchangeDecrypts() throws Exception {
        String tshark = Tshark.require("WiresharkExportTest");
        if (tshark == null) return;
        String t = run("labs/ikev2-site-to-site", IKEV2_CRYPTO_MAPS + CAPTURE);
        assertTrue(t.contains(".!!!!"), t);
        String keys = t.substring(t.indexOf("R1#show crypto ipsec sa keys wireshark"));
        List<String> esp = new ArrayList<>(), ike = new ArrayList<>();
        for (String line : keys.split("\n")) {
            if (line.startsWith("\"IPv4\",")) esp.add(line);
            else if (line.matches("[0-9a-f]{16},[0-9a-f]{16},[0-9a-f]{64},[0-9a-f]{64},\"AES-CBC-256 \\[RFC3602\\]\","
                    + "[0-9a-f]{64},[0-9a-f]{64},\"HMAC_SHA2_256_128 \\[RFC4868\\]\"")) ike.add(line);
        }
        assertEquals(2, esp.size(), keys);
        assertEquals(1, ike.size(), keys);
        Path conf = Files.createDirectories(tmp.resolve("wireshark"));
        Files.writeString(conf.resolve("esp_sa"), String.join("\n", esp) + "\n");
        Files.writeString(conf.resolve("ikev2_decryption_table"), ike.get(0) + "\n");
        ProcessBuilder pb = new ProcessBuilder(tshark, "-r", tmp.resolve("flash/R2/ipsec.pcap").toString(),
            "-o", "esp.enable_encryption_decode:TRUE", "-o", "esp.enable_authentication_check:TRUE",
            "-T", "fields", "-E", "separator=|", "-e", "frame.protocols", "-e", "isakmp.exchangetype", "-e", "isakmp.flags",
            "-e", "isakmp.id.type", "-e", "isakmp.id.data.ipv4_addr", "-e", "isakmp.auth.method", "-e", "esp.icv_good",
            "-e", "_ws.malformed");
        pb.environment().put("WIRESHARK_CONFIG_DIR", conf.toString());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        int espOk = 0;
        java.util.Set<String> ids = new java.util.TreeSet<>();
        for (String line : out.split("\n")) {
            if (line.isBlank()) continue;
            String[] r = line.split("\\|", -1);
            assertEquals("", r[7], "malformed: " + line);
            if (r[1].equals("35")) {                       // IKE_AUTH: IDi/IDr (ID_IPV4_ADDR) and AUTH (shared key MIC)
                assertEquals("1", r[3], line);
                assertEquals("2", r[5], line);
                ids.add(r[4]);
            } else if (r[0].contains(":esp")) {
                assertEquals("eth:ethertype:ip:esp:ip:icmp:data", r[0], line);
                assertEquals("1", r[6], line);
                espOk++;
            }
        }
        assertEquals(java.util.Set.of("10.0.12.1", "10.0.23.3"), ids, "IDi and IDr of IKE_AUTH decrypted\n" + out);
        assertEquals(8, espOk, out);
    }

    @Test
    void cryptoMapExchangeDecrypts() throws Exception {
        check("labs/ipsec-r1-r2-r3", CRYPTO_MAPS + CAPTURE, "eth:ethertype:ip:esp:ip:icmp:data");
    }

    @Test
    void tunnelProtectionExchangeDecrypts() throws Exception {
        check("labs/gre-over-ipsec", GRE_LAB + CAPTURE, "eth:ethertype:ip:esp:gre:ip:icmp:data");
    }

    private void check(String lab, String script, String espStack) throws Exception {
        String tshark = Tshark.require("WiresharkExportTest");
        if (tshark == null) return;
        String t = run(lab, script);
        assertTrue(t.contains(".!!!!"), t);
        String keys = t.substring(t.indexOf("R1#show crypto ipsec sa keys wireshark"));
        List<String> esp = new ArrayList<>(), ike = new ArrayList<>();
        for (String line : keys.split("\n")) {
            if (line.startsWith("\"IPv4\",")) esp.add(line);
            else if (line.matches("[0-9a-f]{16},[0-9a-f]{32,64}")) ike.add(line);
        }
        assertEquals(2, esp.size(), keys);
        assertEquals(1, ike.size(), keys);
        Path conf = Files.createDirectories(tmp.resolve("wireshark"));
        Files.writeString(conf.resolve("esp_sa"), String.join("\n", esp) + "\n");
        Files.writeString(conf.resolve("ikev1_decryption_table"), String.join("\n", ike) + "\n");
        Path pcap = tmp.resolve("flash/R2/ipsec.pcap");
        assertTrue(Files.size(pcap) > 24);

        List<String[]> rows = tshark(tshark, conf, pcap);
        int mm = 0, mmIds = 0, qm = 0, qmIds = 0, espOk = 0;
        for (String[] r : rows) {
            assertEquals("", r[6], "malformed packet " + r[0]);
            if (r[1].endsWith(":isakmp") && r[3].equals("2")) {
                mm++;
                if (!r[4].isEmpty()) mmIds++;      // MM5/MM6: ID payload visible only when decrypted
            } else if (r[1].endsWith(":isakmp") && r[3].equals("32")) {
                qm++;
                if (r[5].equals("1.1.1.1,3.3.3.3") || r[5].equals("10.0.12.1,10.0.23.3")) qmIds++;
            } else if (r[1].contains(":esp")) {
                assertEquals(espStack, r[1], "ESP frame " + r[0] + " decrypts to the inner packet");
                assertEquals("1", r[2], "ICV of frame " + r[0]);
                espOk++;
            }
        }
        assertEquals(6, mm, "Main Mode");
        assertEquals(2, mmIds, "MM5 and MM6 decrypted");
        assertEquals(3, qm, "Quick Mode");
        assertEquals(2, qmIds, "QM1 and QM2 proxies decrypted");
        assertEquals(8, espOk, "4 echoes and 4 replies");
    }

    /** Types the script in the lab (captures into flash:R2/ipsec.pcap); returns the transcript. */
    private String run(String lab, String script) throws Exception {
        Lab.Options o = new Lab.Options();
        o.flashRoot = tmp.resolve("flash");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (Lab l = Lab.boot(Topology.load(Path.of(lab)), o); PrintStream out = new PrintStream(b, true, StandardCharsets.UTF_8)) {
            new LabScript(l, out).run(script);
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    private List<String[]> tshark(String tshark, Path conf, Path pcap) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(tshark, "-r", pcap.toString(),
            "-o", "esp.enable_encryption_decode:TRUE", "-o", "esp.enable_authentication_check:TRUE",
            "-T", "fields", "-E", "separator=|", "-e", "frame.number", "-e", "frame.protocols", "-e", "esp.icv_good",
            "-e", "isakmp.exchangetype", "-e", "isakmp.id.type", "-e", "isakmp.id.data.ipv4_addr", "-e", "_ws.malformed");
        pb.environment().put("WIRESHARK_CONFIG_DIR", conf.toString());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        List<String[]> rows = new ArrayList<>();
        for (String line : out.split("\n")) if (!line.isBlank()) rows.add(line.split("\\|", -1));
        return rows;
    }

}
