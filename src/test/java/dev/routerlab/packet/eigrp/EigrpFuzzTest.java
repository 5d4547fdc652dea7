package dev.routerlab.packet.eigrp;

import dev.routerlab.packet.PacketError;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** 100,000 random and mutated packets through check, parse and verify: no exception, parse agrees with check. */
class EigrpFuzzTest {
    @Test
    void hostileInputNeverThrows() {
        SplittableRandom rnd = new SplittableRandom(7868);
        List<byte[]> seeds = EigrpSamples.all();
        int ok = 0;
        for (int n = 0; n < 100_000; n++) {
            byte[] b;
            if (n % 4 == 0) {
                b = new byte[rnd.nextInt(0, 200)];
                for (int i = 0; i < b.length; i++) b[i] = (byte) rnd.nextInt(256);
                if (b.length > 1) b[0] = 2;
            } else {
                byte[] s = seeds.get(rnd.nextInt(seeds.size()));
                b = s.clone();
                int flips = 1 + rnd.nextInt(4);
                for (int f = 0; f < flips && b.length > 0; f++) b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                if (rnd.nextBoolean()) b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length + 8));
                // half the time keep the checksum right, so the TLV walk is exercised
                if (rnd.nextBoolean() && b.length >= Eigrp.HEADER_LEN) EigrpCodecTest.fixChecksum(b);
            }
            int off = 0;
            int len = b.length;
            if (n % 97 == 0) len += 3;  // a length past the buffer
            PacketError e = Eigrp.check(b, off, len);
            Eigrp.Packet p = Eigrp.parse(b, off, len);
            assertEquals(e == PacketError.OK, p != null);
            if (p != null) {
                ok++;
                byte[] again = Eigrp.build(p.opcode(), p.flags(), p.sequence(), p.ack(), p.virtualRouterId(),
                        p.autonomousSystem(), p.tlvs());
                assertEquals(PacketError.OK, Eigrp.check(again, 0, again.length));
            }
            Eigrp.verifyMd5(b, off, len, EigrpSamples.KEY);
        }
        assertTrue(ok > 1000, "the fuzzer reached the TLV parser: " + ok);
    }
}
