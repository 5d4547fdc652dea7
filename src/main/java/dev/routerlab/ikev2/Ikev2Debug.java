package dev.routerlab.ikev2;

import dev.routerlab.packet.IpAddress;

import java.util.List;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.ikev2.AuthPayload;
import dev.routerlab.packet.ikev2.DeletePayload;
import dev.routerlab.packet.ikev2.IdPayload;
import dev.routerlab.packet.ikev2.Ikev2Header;
import dev.routerlab.packet.ikev2.Ikev2Payloads;
import dev.routerlab.packet.ikev2.Ikev2Payloads.Raw;
import dev.routerlab.packet.ikev2.KePayload;
import dev.routerlab.packet.ikev2.NotifyPayload;
import dev.routerlab.packet.ikev2.SaPayload;
import dev.routerlab.packet.ikev2.TsPayload;

/**
 * The texts of {@code debug crypto ikev2} as IOS 15.x prints them: the packet block
 * ({@code IKEv2:(SESSION ID = 1,SA ID = 1):Sending Packet [To A:500/From B:500/VRF i0:f0]}, the SPIs
 * and message id, the exchange, then {@code Payload contents:} with one line per payload
 * ({@code  SA  Next payload: KE, reserved: 0x0, length: 48}) and its fields). Pure: the engine
 * hands the lines to its listener.
 */
final class Ikev2Debug {
    private Ikev2Debug() {}

    /** {@code IKEv2:(SESSION ID = n,SA ID = n):} */
    static String session(int id) { return "IKEv2:(SESSION ID = " + id + ",SA ID = " + id + "):"; }

    /** {@code IKEv2:(SA ID = n):} */
    static String sa(int id) { return "IKEv2:(SA ID = " + id + "):"; }

    /**
     * A packet sent or received. {@code p} are its payloads (the clear ones of an encrypted
     * message); {@code encrypted} the length of its Encrypted payload on the wire, or 0 for a
     * clear message.
     */
    static String packet(int id, boolean sending, IpAddress peer, int peerPort, IpAddress local, int localPort, long spiI, long spiR,
                         int mid, int exchange, boolean response, List<Raw> p, int firstInner, int encrypted) {
        StringBuilder sb = new StringBuilder();
        sb.append(session(id)).append(sending ? "Sending" : "Received").append(" Packet [")
                .append(sending ? "To " : "From ").append(peer).append(':').append(peerPort)
                .append(sending ? "/From " : "/To ").append(local).append(':').append(localPort)
                .append("/VRF i0:f0]\n");
        sb.append(String.format("Initiator SPI : %016X - Responder SPI : %016X Message id: %d%n", spiI, spiR, mid));
        sb.append("IKEv2 ").append(Ikev2Header.exchangeName(exchange)).append(" Exchange ")
                .append(response ? "RESPONSE" : "REQUEST").append("\nPayload contents:");
        if (encrypted > 0) {
            sb.append("\n ENCR  Next payload: ").append(p.isEmpty() ? "NONE" : Ikev2Payloads.name(firstInner))
                    .append(", reserved: 0x0, length: ").append(encrypted);
        } else {
            sb.append(payloads(p));
        }
        return sb.toString();
    }

    /** {@code Building packet for encryption.} and the clear payloads of a message to be encrypted. */
    static String building(int id, List<Raw> p) {
        return session(id) + "Building packet for encryption.\nPayload contents:" + payloads(p);
    }

    /** One line per payload with its next payload and length, then its fields. */
    static String payloads(List<Raw> p) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < p.size(); i++) {
            Raw r = p.get(i);
            String next = i + 1 < p.size() ? Ikev2Payloads.name(p.get(i + 1).type()) : "NONE";
            sb.append("\n ").append(name(r)).append("  Next payload: ").append(next)
                    .append(", reserved: 0x0, length: ").append(4 + r.body().length);
            fields(sb, r);
        }
        return sb.toString();
    }

    private static String name(Raw r) {
        if (r.type() == Ikev2Payloads.NOTIFY) {
            NotifyPayload n = NotifyPayload.decode(r.body());
            return "NOTIFY(" + (n == null ? "?" : NotifyPayload.name(n.type())) + ")";
        }
        return Ikev2Payloads.name(r.type());
    }

    private static void fields(StringBuilder sb, Raw r) {
        switch (r.type()) {
            case Ikev2Payloads.SA -> {
                SaPayload sa = SaPayload.decode(r.body());
                if (sa == null) return;
                for (int k = 0; k < sa.proposals().size(); k++) {
                    SaPayload.Proposal pr = sa.proposals().get(k);
                    int len = 8 + pr.spi().length;
                    for (SaPayload.Transform t : pr.transforms()) len += transformLength(t);
                    sb.append("\n  last proposal: 0x").append(k + 1 < sa.proposals().size() ? 2 : 0)
                            .append(", reserved: 0x0, length: ").append(len);
                    sb.append("\n  Proposal: ").append(pr.number()).append(", Protocol id: ").append(protocol(pr.protocol()))
                            .append(", SPI size: ").append(pr.spi().length).append(", #trans: ").append(pr.transforms().size());
                    for (int j = 0; j < pr.transforms().size(); j++) {
                        SaPayload.Transform t = pr.transforms().get(j);
                        // IOS prints the first transform's header on the proposal's line
                        sb.append(j == 0 ? "    " : "\n    ").append("last transform: 0x")
                                .append(j + 1 < pr.transforms().size() ? 3 : 0).append(", reserved: 0x0: length: ")
                                .append(transformLength(t));
                        sb.append("\n    type: ").append(t.type()).append(", reserved: 0x0, id: ").append(transformName(t));
                    }
                }
            }
            case Ikev2Payloads.KE -> {
                KePayload ke = KePayload.decode(r.body());
                if (ke != null) sb.append("\n    DH group: ").append(ke.group()).append(", Reserved: 0x0");
            }
            case Ikev2Payloads.NOTIFY -> {
                NotifyPayload n = NotifyPayload.decode(r.body());
                if (n != null) {
                    // IOS names protocol 0 (no SPI: a notify about the IKE SA) IKE
                    sb.append("\n    Security protocol id: ").append(protocol(n.protocol() == 0 ? SaPayload.PROTO_IKE : n.protocol()))
                            .append(", spi size: ")
                            .append(n.spi().length).append(", type: ").append(NotifyPayload.name(n.type()));
                }
            }
            case Ikev2Payloads.IDI, Ikev2Payloads.IDR -> {
                IdPayload id = IdPayload.decode(r.body());
                if (id != null) sb.append("\n    Id type: ").append(idType(id.idType())).append(", Reserved: 0x0 0x0");
            }
            case Ikev2Payloads.AUTH -> {
                AuthPayload a = AuthPayload.decode(r.body());
                if (a != null) {
                    sb.append("\n    Auth method ").append(a.method() == AuthPayload.SHARED_KEY_MIC ? "PSK"
                            : a.method() == AuthPayload.RSA_SIGNATURE ? "RSA" : String.valueOf(a.method()))
                            .append(", reserved: 0x0, reserved 0x0");
                }
            }
            case Ikev2Payloads.TSI, Ikev2Payloads.TSR -> {
                TsPayload ts = TsPayload.decode(r.body());
                if (ts == null) return;
                sb.append("\n    Num of TSs: ").append(ts.selectors().size()).append(", reserved 0x0, reserved 0x0");
                for (TsPayload.Selector s : ts.selectors()) {
                    boolean v6 = s.type() == TsPayload.TS_IPV6_ADDR_RANGE;
                    if (!v6 && s.type() != TsPayload.TS_IPV4_ADDR_RANGE) continue;
                    sb.append(v6 ? "\n    TS type: TS_IPV6_ADDR_RANGE, proto id: " : "\n    TS type: TS_IPV4_ADDR_RANGE, proto id: ")
                            .append(s.protocol()).append(v6 ? ", length: 40" : ", length: 16");
                    sb.append("\n    start port: ").append(s.startPort()).append(", end port: ").append(s.endPort());
                    sb.append("\n    start addr: ").append(v6 ? s.start6().toString() : Ipv4Address.toString(s.start()))
                            .append(", end addr: ").append(v6 ? s.end6().toString() : Ipv4Address.toString(s.end()));
                }
            }
            case Ikev2Payloads.DELETE -> {
                DeletePayload d = DeletePayload.decode(r.body());
                if (d == null) return;
                sb.append("\n    Security protocol id: ").append(protocol(d.protocol())).append(", spi size: ")
                        .append(d.protocol() == SaPayload.PROTO_IKE ? 0 : 4).append(", num of spi: ").append(d.spis().size());
                for (int k = 0; k < d.spis().size(); k++) {
                    sb.append(String.format("%n        spi %d: 0x%08X", k + 1, d.spis().get(k)));
                }
            }
            default -> { }
        }
    }

    private static int transformLength(SaPayload.Transform t) { return t.keyLength() > 0 ? 12 : 8; }

    private static String protocol(int p) {
        return switch (p) {
            case SaPayload.PROTO_IKE -> "IKE";
            case SaPayload.PROTO_AH -> "AH";
            case SaPayload.PROTO_ESP -> "ESP";
            default -> "Unknown - " + p;
        };
    }

    private static String idType(int t) {
        return switch (t) {
            case IdPayload.ID_IPV4_ADDR -> "IPv4 address";
            case IdPayload.ID_FQDN -> "FQDN";
            case IdPayload.ID_RFC822_ADDR -> "Email";
            case IdPayload.ID_DER_ASN1_DN -> "DER ASN1 DN";
            default -> String.valueOf(t);
        };
    }

    /** The transform's name as IOS's packet dump gives it (RFC 7296 §3.3.2 ids). */
    static String transformName(SaPayload.Transform t) {
        return switch (t.type()) {
            case SaPayload.ENCR -> switch (t.id()) {
                case 3 -> "3DES";
                case 11 -> "NULL";
                case 12 -> "AES-CBC";
                case 20 -> "AES-GCM";
                default -> String.valueOf(t.id());
            };
            case SaPayload.PRF -> switch (t.id()) {
                case 1 -> "MD5";
                case 2 -> "SHA1";
                case 5 -> "SHA256";
                case 6 -> "SHA384";
                case 7 -> "SHA512";
                default -> String.valueOf(t.id());
            };
            case SaPayload.INTEG -> switch (t.id()) {
                case 1 -> "MD596";
                case 2 -> "SHA96";
                case 12 -> "SHA256";
                case 13 -> "SHA384";
                case 14 -> "SHA512";
                default -> String.valueOf(t.id());
            };
            case SaPayload.DH -> switch (t.id()) {
                case 1 -> "DH_GROUP_768_MODP/Group 1";
                case 2 -> "DH_GROUP_1024_MODP/Group 2";
                case 5 -> "DH_GROUP_1536_MODP/Group 5";
                case 14 -> "DH_GROUP_2048_MODP/Group 14";
                case 15 -> "DH_GROUP_3072_MODP/Group 15";
                case 16 -> "DH_GROUP_4096_MODP/Group 16";
                case 19 -> "DH_GROUP_256_ECP/Group 19";
                case 20 -> "DH_GROUP_384_ECP/Group 20";
                case 21 -> "DH_GROUP_521_ECP/Group 21";
                case 24 -> "DH_GROUP_2048_256_MODP/Group 24";
                default -> "Group " + t.id();
            };
            case SaPayload.ESN -> t.id() == 0 ? "Don't use ESN" : "Use ESN";
            default -> String.valueOf(t.id());
        };
    }
}
