package dev.routerlab.packet.ospf;

import dev.routerlab.packet.Bytes;
import dev.routerlab.packet.PacketError;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * 100,000 random and mutated packets through every check and every parser: nothing throws, and
 * whatever check accepts, the parsers read without an exception.
 */
class OspfFuzzTest {
    @Test
    void hundredThousandHostilePacketsNeverThrow() {
        Random rnd = new Random(11);
        List<byte[]> seeds = new ArrayList<>();
        List<byte[]> lsas = OspfCodecTest.allLsas();
        for (int auth : new int[] {Ospf.AUTH_NULL, Ospf.AUTH_SIMPLE, Ospf.AUTH_CRYPTO}) {
            byte[] k = OspfCodecTest.MD5_KEY;
            seeds.add(Ospf.build(Ospf.HELLO, 1, 0, Ospf.helloBody(new Ospf.Hello(-256, 10, 2, 1, 40, 5, 6, new int[] {7, 8})), auth, k, 1, 1));
            seeds.add(Ospf.build(Ospf.DB_DESCRIPTION, 1, 0, Ospf.dbDescriptionBody(new Ospf.DbDescription(1500, 2, 7, 9,
                    lsas.stream().map(l -> Lsa.Header.read(l, 0)).toList())), auth, k, 1, 1));
            seeds.add(Ospf.build(Ospf.LS_REQUEST, 1, 0, Ospf.lsRequestBody(List.of(new Ospf.LsRequest(1, 2, 3))), auth, k, 1, 1));
            seeds.add(Ospf.build(Ospf.LS_UPDATE, 1, 0, Ospf.lsUpdateBody(lsas), auth, k, 1, 1));
            seeds.add(Ospf.build(Ospf.LS_ACK, 1, 0, Ospf.lsAckBody(lsas.stream().map(l -> Lsa.Header.read(l, 0)).toList()), auth, k, 1, 1));
        }
        int accepted = 0;
        for (int n = 0; n < 100_000; n++) {
            byte[] p;
            int mode = n % 4;
            if (mode == 0) {
                p = new byte[rnd.nextInt(200)];
                rnd.nextBytes(p);
                if (p.length > 1) p[0] = 2; // past the version test more often
            } else {
                byte[] s = seeds.get(rnd.nextInt(seeds.size()));
                p = s.clone();
                int flips = 1 + rnd.nextInt(4);
                for (int i = 0; i < flips; i++) p[rnd.nextInt(p.length)] = (byte) rnd.nextInt(256);
                if (mode == 2) p = java.util.Arrays.copyOf(p, rnd.nextInt(p.length + 8));
                if (mode == 3) { // keep lengths and checksums plausible so the body checks are reached
                    if (p.length >= 24) Bytes.put16(p, 2, Math.min(p.length, Bytes.u16(p, 2)));
                    if (p.length >= 24 && Bytes.u16(p, 14) != 2) {
                        Bytes.put16(p, 12, 0);
                        int l = Math.min(Bytes.u16(p, 2), p.length);
                        long sum = dev.routerlab.packet.Checksum.sum(p, 0, 16, 0);
                        if (l > 24) sum = dev.routerlab.packet.Checksum.sum(p, 24, l - 24, sum);
                        Bytes.put16(p, 12, dev.routerlab.packet.Checksum.finish(sum));
                    }
                }
            }
            if (exercise(p)) accepted++;
        }
        assertTrue(accepted > 1000, "the fuzzer must reach the parsers: " + accepted);
    }

    /** True when check accepted the packet (and its parsers ran). */
    static boolean exercise(byte[] p) {
        PacketError e = Ospf.check(p, 0, p.length);
        Ospf.verifyAuth(p, 0, Ospf.AUTH_CRYPTO, OspfCodecTest.MD5_KEY, 1);
        Ospf.verifyAuth(p, 0, Ospf.AUTH_SIMPLE, OspfCodecTest.MD5_KEY, 1);
        Lsa.check(p, 0, p.length);
        Lsa.check(p, 3, p.length - 3);
        if (!e.ok()) return false;
        switch (Ospf.type(p, 0)) {
            case Ospf.HELLO -> Ospf.parseHello(p, 0);
            case Ospf.DB_DESCRIPTION -> Ospf.parseDbDescription(p, 0);
            case Ospf.LS_REQUEST -> Ospf.parseLsRequest(p, 0);
            case Ospf.LS_UPDATE -> {
                for (Ospf.LsaRef r : Ospf.parseLsUpdate(p, 0)) {
                    Lsa.Header.read(p, r.offset());
                    switch (Lsa.type(p, r.offset())) {
                        case Lsa.ROUTER -> Lsa.router(p, r.offset());
                        case Lsa.NETWORK -> Lsa.network(p, r.offset());
                        case Lsa.SUMMARY_NETWORK, Lsa.SUMMARY_ASBR -> Lsa.summary(p, r.offset());
                        default -> Lsa.external(p, r.offset());
                    }
                }
            }
            default -> Ospf.parseLsAck(p, 0);
        }
        return true;
    }
}
