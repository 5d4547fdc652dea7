package dev.routerlab.packet.nhrp;

import dev.routerlab.packet.Ipv4;
import dev.routerlab.packet.Ipv4Address;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static dev.routerlab.packet.nhrp.Nhrp.*;

/** One packet of every NHRP type, as the engine sends them (shared by the codec, fuzz and tshark tests). */
final class NhrpSamples {
    private NhrpSamples() {}

    static final int HUB_NBMA = ip("172.16.1.1"), SPOKE_NBMA = ip("172.16.2.2"), SPOKE2_NBMA = ip("172.16.3.3");
    static final int HUB = ip("10.0.0.1"), SPOKE = ip("10.0.0.2"), SPOKE2 = ip("10.0.0.3");
    static final byte[] SECRET = "cisco123".getBytes(StandardCharsets.US_ASCII);

    static int ip(String s) { return Ipv4Address.parse(s); }

    static byte[] registrationRequest(NhrpBuilder b, byte[] secret) {
        b.start(TYPE_REGISTRATION_REQUEST, 255, FLAG_REGISTRATION_UNIQUE | FLAG_CISCO_NAT, 1, SPOKE_NBMA, SPOKE, HUB)
                .cie(CODE_SUCCESS, 0xff, 1400, 300, 0)
                .extension(EXT_RESPONDER_ADDRESS, true)
                .extension(EXT_FORWARD_TRANSIT_NHS, true)
                .extension(EXT_REVERSE_TRANSIT_NHS, true);
        if (secret != null) b.authentication(secret);
        b.extension(EXT_CISCO_NAT_ADDRESS, false);
        return b.toArray(0);
    }

    static byte[] registrationReply(NhrpBuilder b) {
        b.start(TYPE_REGISTRATION_REPLY, 255, FLAG_REGISTRATION_UNIQUE | FLAG_CISCO_NAT, 1, SPOKE_NBMA, SPOKE, HUB)
                .cie(CODE_SUCCESS, 0xff, 1400, 300, 0)
                .extension(EXT_RESPONDER_ADDRESS, true).cie(CODE_SUCCESS, 32, 1400, 300, 0, HUB_NBMA, HUB)
                .extension(EXT_FORWARD_TRANSIT_NHS, true)
                .extension(EXT_REVERSE_TRANSIT_NHS, true)
                .authentication(SECRET)
                .extension(EXT_CISCO_NAT_ADDRESS, false).cie(CODE_SUCCESS, 32, 0, 0, 0, SPOKE_NBMA, SPOKE);
        return b.toArray(0);
    }

    static byte[] resolutionRequest(NhrpBuilder b) {
        b.start(TYPE_RESOLUTION_REQUEST, 254, FLAG_Q | FLAG_A | FLAG_S | FLAG_CISCO_NAT, 7, SPOKE_NBMA, SPOKE, ip("192.168.3.1"))
                .cie(CODE_SUCCESS, 0, 1400, 300, 0)
                .extension(EXT_RESPONDER_ADDRESS, true)
                .extension(EXT_FORWARD_TRANSIT_NHS, true).cie(CODE_SUCCESS, 32, 1400, 300, 0, HUB_NBMA, HUB)
                .extension(EXT_REVERSE_TRANSIT_NHS, true)
                .authentication(SECRET)
                .extension(EXT_CISCO_NAT_ADDRESS, false).cie(CODE_SUCCESS, 32, 0, 0, 0, SPOKE_NBMA, SPOKE);
        return b.toArray(0);
    }

    static byte[] resolutionReply(NhrpBuilder b) {
        b.start(TYPE_RESOLUTION_REPLY, 255, FLAG_Q | FLAG_A | FLAG_D | FLAG_U | FLAG_S | FLAG_CISCO_NAT, 7, SPOKE_NBMA,
                        SPOKE, ip("192.168.3.1"))
                .cie(CODE_SUCCESS, 24, 1400, 300, 0, SPOKE2_NBMA, SPOKE2)
                .extension(EXT_RESPONDER_ADDRESS, true).cie(CODE_SUCCESS, 32, 1400, 300, 0, SPOKE2_NBMA, SPOKE2)
                .extension(EXT_FORWARD_TRANSIT_NHS, true).cie(CODE_SUCCESS, 32, 1400, 300, 0, HUB_NBMA, HUB)
                .extension(EXT_REVERSE_TRANSIT_NHS, true)
                .authentication(SECRET)
                .extension(EXT_CISCO_NAT_ADDRESS, false).cie(CODE_SUCCESS, 32, 0, 0, 0, SPOKE_NBMA, SPOKE);
        return b.toArray(0);
    }

    static byte[] purgeRequest(NhrpBuilder b) {
        b.start(TYPE_PURGE_REQUEST, 255, 0, 9, SPOKE2_NBMA, SPOKE2, SPOKE)
                .cie(CODE_SUCCESS, 24, 1400, 0, 0, SPOKE2_NBMA, ip("192.168.3.0"))
                .extension(EXT_RESPONDER_ADDRESS, true)
                .extension(EXT_FORWARD_TRANSIT_NHS, true)
                .extension(EXT_REVERSE_TRANSIT_NHS, true)
                .authentication(SECRET);
        return b.toArray(0);
    }

    static byte[] purgeReply(NhrpBuilder b) {
        b.start(TYPE_PURGE_REPLY, 255, 0, 9, SPOKE2_NBMA, SPOKE2, SPOKE)
                .cie(CODE_SUCCESS, 24, 1400, 0, 0, SPOKE2_NBMA, ip("192.168.3.0"))
                .extension(EXT_RESPONDER_ADDRESS, true).cie(CODE_SUCCESS, 32, 1400, 300, 0, SPOKE_NBMA, SPOKE)
                .authentication(SECRET);
        return b.toArray(0);
    }

    /** The data packet a hub hairpins: ICMP echo 192.168.2.1 -> 192.168.3.1. */
    static byte[] dataPacket() {
        byte[] icmp = new byte[16];
        icmp[0] = 8;                                                         // echo request, checksum left 0 (not checked here)
        return Ipv4.build(0, 0x1234, false, 63, Ipv4.PROTO_ICMP, ip("192.168.2.1"), ip("192.168.3.1"), icmp, 0, icmp.length);
    }

    static byte[] trafficIndication(NhrpBuilder b) {
        byte[] d = dataPacket();
        b.startTrafficIndication(255, TRAFFIC_CODE_REDIRECT, HUB_NBMA, HUB, ip("192.168.2.1")).contents(d, 0, 28)
                .authentication(SECRET);
        return b.toArray(0);
    }

    static byte[] errorIndication(NhrpBuilder b) {
        byte[] bad = resolutionRequest(new NhrpBuilder());
        b.startErrorIndication(255, ERROR_HOP_COUNT_EXCEEDED, O_HOP_COUNT, HUB_NBMA, HUB, SPOKE).contents(bad, 0, bad.length);
        return b.toArray(0);
    }

    static List<byte[]> all() {
        NhrpBuilder b = new NhrpBuilder();
        List<byte[]> l = new ArrayList<>();
        l.add(resolutionRequest(b));
        l.add(resolutionReply(b));
        l.add(registrationRequest(b, SECRET));
        l.add(registrationReply(b));
        l.add(purgeRequest(b));
        l.add(purgeReply(b));
        l.add(errorIndication(b));
        l.add(trafficIndication(b));
        // odd length (85 bytes). Not shorter than 4 characters: Wireshark 4.0 reads the authentication
        // value as SPI + a 4-byte source address + data and flags "Incomplete Authentication Extension"
        // when IOS's type-1 value (4-byte type + secret) is shorter than 8 bytes.
        l.add(registrationRequest(b, "cisco".getBytes(StandardCharsets.US_ASCII)));
        l.add(registrationRequest(b, null));
        return l;
    }
}
