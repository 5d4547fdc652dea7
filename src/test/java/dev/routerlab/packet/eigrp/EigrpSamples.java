package dev.routerlab.packet.eigrp;

import dev.routerlab.packet.Ipv4Address;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** One packet of every kind the codec builds, for round trips, tshark and the fuzzer's seeds. */
final class EigrpSamples {
    private EigrpSamples() {}

    static final int AS = 100;
    static final byte[] KEY = "cisco123".getBytes(StandardCharsets.US_ASCII);

    static int ip(String s) { return Ipv4Address.parse(s); }

    static EigrpTlv.Metric metric() {
        // FastEthernet then a tunnel: delay (10 + 50000) tens of us, bandwidth 100 kbit/s, scaled by 256
        return new EigrpTlv.Metric(50010L * 256, (10_000_000L / 100) * 256, 1476, 1, 255, 1, 0, 0);
    }

    static EigrpTlv.InternalRoute internal(String prefix, int len) {
        return new EigrpTlv.InternalRoute(0, metric(), ip(prefix), len);
    }

    static EigrpTlv.ExternalRoute external(String prefix, int len) {
        return new EigrpTlv.ExternalRoute(0, ip("1.1.1.1"), AS, 7, 0, 11, 0, metric(), ip(prefix), len);
    }

    static List<EigrpTlv> helloTlvs() {
        return List.of(new EigrpTlv.Parameter(1, 0, 1, 0, 0, 0, 15), new EigrpTlv.SoftwareVersion(23, 0, 2, 0));
    }

    /** Every opcode and TLV. */
    static List<byte[]> all() {
        List<byte[]> out = new ArrayList<>();
        out.add(Eigrp.build(Eigrp.OP_HELLO, 0, 0, 0, 0, AS, helloTlvs()));
        out.add(Eigrp.build(Eigrp.OP_HELLO, 0, 0, 0, 0, AS, List.of(new EigrpTlv.Parameter(1, 0, 1, 0, 0, 0, 15),
                new EigrpTlv.SoftwareVersion(23, 0, 2, 0), new EigrpTlv.Stub(Eigrp.STUB_CONNECTED | Eigrp.STUB_SUMMARY))));
        out.add(Eigrp.build(Eigrp.OP_HELLO, 0, 0, 0, 0, AS, List.of(new EigrpTlv.Parameter(1, 0, 1, 0, 0, 0, 15),
                new EigrpTlv.Sequence(List.of(ip("10.0.0.3"), ip("10.0.0.4"))), new EigrpTlv.NextMulticastSequence(42))));
        out.add(Eigrp.build(Eigrp.OP_HELLO, 0, 0, 0, 0, AS, List.of(new EigrpTlv.Parameter(1, 0, 1, 0, 0, 0, 15),
                new EigrpTlv.PeerTermination(List.of(ip("10.0.0.2"))))));
        out.add(Eigrp.build(Eigrp.OP_HELLO, 0, 0, 0, 0, AS, List.of(new EigrpTlv.Parameter(255, 255, 255, 255, 255, 255, 15))));
        out.add(Eigrp.build(Eigrp.OP_HELLO, 0, 0, 17, 0, AS, List.of()));                      // ack
        out.add(Eigrp.build(Eigrp.OP_UPDATE, Eigrp.FLAG_INIT, 1, 0, 0, AS, List.of()));
        out.add(Eigrp.build(Eigrp.OP_UPDATE, Eigrp.FLAG_EOT | Eigrp.FLAG_CR, 2, 0, 0, AS, List.of(internal("10.1.0.0", 24),
                internal("10.2.0.0", 16), internal("0.0.0.0", 0), internal("10.3.3.3", 32), internal("10.4.0.0", 22),
                external("192.168.7.0", 24))));
        out.add(Eigrp.build(Eigrp.OP_QUERY, 0, 3, 0, 0, AS, List.of(new EigrpTlv.InternalRoute(0,
                new EigrpTlv.Metric(Eigrp.DELAY_INFINITY, 0, 1500, 0, 0, 0, 0, 0), ip("10.1.0.0"), 24))));
        out.add(Eigrp.build(Eigrp.OP_REPLY, 0, 4, 3, 0, AS, List.of(internal("10.1.0.0", 24))));
        out.add(Eigrp.build(Eigrp.OP_SIA_QUERY, 0, 5, 0, 0, AS, List.of(internal("10.1.0.0", 24))));
        out.add(Eigrp.build(Eigrp.OP_SIA_REPLY, 0, 6, 0, 0, AS, List.of(internal("10.1.0.0", 24))));
        List<EigrpTlv> auth = new ArrayList<>();
        auth.add(Eigrp.md5Tlv(1));
        auth.addAll(helloTlvs());
        byte[] signed = Eigrp.build(Eigrp.OP_HELLO, 0, 0, 0, 0, AS, auth);
        Eigrp.signMd5(signed, 0, signed.length, KEY);
        out.add(signed);
        List<EigrpTlv> authUpd = new ArrayList<>();
        authUpd.add(Eigrp.md5Tlv(1));
        authUpd.add(internal("10.9.0.0", 24));
        byte[] signedUpd = Eigrp.build(Eigrp.OP_UPDATE, 0, 9, 0, 0, AS, authUpd);
        Eigrp.signMd5(signedUpd, 0, signedUpd.length, KEY);
        out.add(signedUpd);
        return out;
    }
}
