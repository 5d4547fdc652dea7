package dev.routerlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A lab script in virtual time gives the same bytes on every run: each lab is booted twice from
 * scratch and its script run on both; the outputs must be identical byte for byte. The labs are
 * the ones with the most state that could depend on ordering or randomness: IKE and ESP
 * (cookies, SPIs, nonces from the seeded sources), NHRP resolution and redirects, OSPF
 * adjacencies and SPF, IKEv2 with certificates enrolled over SCEP (RSA keys, nonces, SPIs),
 * EIGRP over DMVPN phase 3.
 */
class DeterminismTest {
    static byte[] run(Path lab, String script) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (Lab l = Lab.boot(lab); PrintStream out = new PrintStream(b, true, java.nio.charset.StandardCharsets.UTF_8)) {
            new LabScript(l, out).run(script);
        }
        return b.toByteArray();
    }

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource({
        "ipsec-r1-r2-r3, 01-crypto-map, QM_IDLE",
        "gre-over-ipsec, 03-dpd, QM_IDLE",
        "dmvpn-phase3-ipsec, 01-ipsec-hub-spoke-spoke, QM_IDLE",
        "dmvpn-phase2, 01-resolution, UP",
        "dmvpn-ospf, 01-ospf, FULL",
        "ospf-gre-over-ipsec, 01-ospf-over-protected-tunnel, FULL",
        "dmvpn-ikev2-pki, 01-enroll-and-tunnels, READY",
        "dmvpn-phase3-eigrp, 01-phase3, D",
    })
    void sameScriptTwiceGivesTheSameBytes(String lab, String script, String mustShow) throws Exception {
        Path dir = Path.of("labs", lab);
        String text = Files.readString(dir.resolve("scripts").resolve(script + ".script"));
        byte[] first = run(dir, text);
        byte[] second = run(dir, text);
        String out = new String(first, java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(out.contains(mustShow), () -> lab + ": the run did not reach its point (no " + mustShow + "):\n" + out);
        assertEquals(out, new String(second, java.nio.charset.StandardCharsets.UTF_8), lab + "/" + script);
        assertTrue(java.util.Arrays.equals(first, second), lab + "/" + script + ": same text, different bytes");
    }
}
