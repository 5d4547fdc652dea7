package dev.routerlab.ike;

import dev.routerlab.packet.isakmp.Attribute;
import dev.routerlab.packet.isakmp.IpsecDoi;
import dev.routerlab.packet.isakmp.NotifyType;
import dev.routerlab.packet.isakmp.Oakley;
import dev.routerlab.packet.isakmp.TransformPayload;

/**
 * What `debug crypto isakmp` prints of SA payloads, in IOS's words: the attributes of a phase-1
 * transform (RFC 2409 Appendix A) and of an ESP transform (RFC 2407 §4.5), and notify names.
 */
final class IkeDebug {
    private IkeDebug() {}

    /** Where proposal matching explains itself. */
    interface Trace {
        /** A line of the SA's own: {@code ISAKMP:(1001):text}. */
        void line(String text);

        /** A line without the SA: {@code ISAKMP:text}. */
        void bare(String text);

        /** An {@code IPSEC(...)} line (shown under `debug crypto ipsec`). */
        void ipsec(String text);
    }

    private static final String ATTR = "      ";

    /** The attribute lines of a phase-1 transform. */
    static void phase1Attributes(TransformPayload t, Trace trace) {
        for (Attribute a : t.attributes()) {
            long v = a.number();
            String s = switch (a.type()) {
                case Oakley.ENCRYPTION_ALGORITHM -> "encryption " + switch ((int) v) {
                    case 1 -> "DES-CBC";
                    case 5 -> "3DES-CBC";
                    case 7 -> "AES-CBC";
                    default -> "UNKNOWN (" + v + ")";
                };
                case Oakley.KEY_LENGTH -> "keylength of " + v;
                case Oakley.HASH_ALGORITHM -> "hash " + switch ((int) v) {
                    case 1 -> "MD5";
                    case 2 -> "SHA";
                    case 4 -> "SHA256";
                    case 5 -> "SHA384";
                    case 6 -> "SHA512";
                    default -> "UNKNOWN (" + v + ")";
                };
                case Oakley.GROUP_DESCRIPTION -> "default group " + v;
                case Oakley.AUTHENTICATION_METHOD -> "auth " + switch ((int) v) {
                    case Oakley.AUTH_PRE_SHARED_KEY -> "pre-share";
                    case Oakley.AUTH_RSA_SIG -> "RSA sig";
                    case 4 -> "RSA encr";
                    default -> "UNKNOWN (" + v + ")";
                };
                case Oakley.LIFE_TYPE -> v == Oakley.LIFE_SECONDS ? "life type in seconds" : "life type in kilobytes";
                case Oakley.LIFE_DURATION -> "life duration " + duration(a);
                default -> "attribute " + a.type() + " of " + v;
            };
            trace.bare(ATTR + s);
        }
    }

    /** The lines of an ESP transform: {@code transform 1, ESP_AES} and its attributes. */
    static void espTransform(TransformPayload t, Trace trace) {
        String id = switch (t.transformId()) {
            case 2 -> "ESP_DES";
            case 3 -> "ESP_3DES";
            case 11 -> "ESP_NULL";
            case 12 -> "ESP_AES";
            case 18, 19, 20 -> "ESP_GCM";
            case 21 -> "ESP_GMAC";
            default -> "ESP_" + t.transformId();
        };
        trace.bare(" transform " + t.number() + ", " + id);
        trace.bare("   attributes in transform:");
        for (Attribute a : t.attributes()) {
            long v = a.number();
            String s = switch (a.type()) {
                case IpsecDoi.ENCAPSULATION_MODE -> "encaps is " + v + " (" + switch ((int) v) {
                    case IpsecDoi.ENCAP_TUNNEL -> "Tunnel";
                    case IpsecDoi.ENCAP_TRANSPORT -> "Transport";
                    case IpsecDoi.ENCAP_UDP_TUNNEL, IpsecDoi.ENCAP_UDP_TUNNEL_DRAFT -> "Tunnel-UDP";
                    default -> "Transport-UDP";
                } + ")";
                case IpsecDoi.SA_LIFE_TYPE -> v == IpsecDoi.LIFE_SECONDS ? "SA life type in seconds" : "SA life type in kilobytes";
                case IpsecDoi.SA_LIFE_DURATION -> "SA life duration " + duration(a);
                case IpsecDoi.AUTHENTICATION_ALGORITHM -> "authenticator is " + switch ((int) v) {
                    case 1 -> "HMAC-MD5";
                    case 2 -> "HMAC-SHA";
                    case 5 -> "HMAC-SHA256";
                    case 6 -> "HMAC-SHA384";
                    case 7 -> "HMAC-SHA512";
                    default -> "UNKNOWN (" + v + ")";
                };
                case IpsecDoi.KEY_LENGTH -> "key length is " + v;
                case IpsecDoi.GROUP_DESCRIPTION -> "group is " + v;
                default -> "attribute " + a.type() + " of " + v;
            };
            trace.bare(ATTR + s);
        }
    }

    /** {@code (basic) of 3600}, or a variable-length value octet by octet: {@code (VPI) of  0x0 0x1 0x51 0x80}. */
    private static String duration(Attribute a) {
        if (a.basic()) return "(basic) of " + a.number();
        StringBuilder sb = new StringBuilder("(VPI) of ");
        for (byte b : a.value()) sb.append(" 0x").append(Integer.toHexString(b & 0xff).toUpperCase());
        return sb.toString();
    }

    /** A notify type as IOS debug names it (PROPOSAL_NOT_CHOSEN, INVALID_ID_INFO, R_U_THERE). */
    static String notifyName(int type) {
        return switch (type) {
            case NotifyType.NO_PROPOSAL_CHOSEN -> "PROPOSAL_NOT_CHOSEN";
            case NotifyType.INVALID_ID_INFORMATION -> "INVALID_ID_INFO";
            default -> NotifyType.name(type).replace('-', '_');
        };
    }
}
