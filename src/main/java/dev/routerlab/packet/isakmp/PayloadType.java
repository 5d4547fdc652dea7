package dev.routerlab.packet.isakmp;

/** ISAKMP payload types (RFC 2408 §3.1; NAT-D and NAT-OA from RFC 3947 §3.1, §5.1). */
public final class PayloadType {
    private PayloadType() {}

    public static final int NONE = 0;
    public static final int SA = 1;
    public static final int PROPOSAL = 2;
    public static final int TRANSFORM = 3;
    public static final int KE = 4;
    public static final int ID = 5;
    public static final int CERT = 6;
    public static final int CR = 7;
    public static final int HASH = 8;
    public static final int SIG = 9;
    public static final int NONCE = 10;
    public static final int NOTIFICATION = 11;
    public static final int DELETE = 12;
    public static final int VENDOR_ID = 13;
    public static final int NAT_D = 20;
    public static final int NAT_OA = 21;

    /** Short name as debug output prints it. */
    public static String name(int type) {
        return switch (type) {
            case NONE -> "NONE";
            case SA -> "SA";
            case PROPOSAL -> "PROPOSAL";
            case TRANSFORM -> "TRANSFORM";
            case KE -> "KE";
            case ID -> "ID";
            case CERT -> "CERT";
            case CR -> "CERT_REQ";
            case HASH -> "HASH";
            case SIG -> "SIG";
            case NONCE -> "NONCE";
            case NOTIFICATION -> "NOTIFY";
            case DELETE -> "DELETE";
            case VENDOR_ID -> "VID";
            case NAT_D -> "NAT-D";
            case NAT_OA -> "NAT-OA";
            default -> "PAYLOAD(" + type + ")";
        };
    }
}
