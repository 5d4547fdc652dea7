package dev.routerlab.packet.isakmp;

/** ISAKMP exchange types (RFC 2408 §3.1; Quick Mode from RFC 2409 §5.5). */
public final class ExchangeType {
    private ExchangeType() {}

    public static final int BASE = 1;
    /** Main Mode (RFC 2409 §5). */
    public static final int IDENTITY_PROTECTION = 2;
    public static final int AUTHENTICATION_ONLY = 3;
    /** Aggressive Mode (RFC 2409 §5). */
    public static final int AGGRESSIVE = 4;
    public static final int INFORMATIONAL = 5;
    public static final int QUICK_MODE = 32;
    public static final int NEW_GROUP_MODE = 33;

    public static String name(int type) {
        return switch (type) {
            case BASE -> "BASE";
            case IDENTITY_PROTECTION -> "MAIN_MODE";
            case AUTHENTICATION_ONLY -> "AUTH_ONLY";
            case AGGRESSIVE -> "AGGRESSIVE";
            case INFORMATIONAL -> "INFORMATIONAL";
            case QUICK_MODE -> "QUICK_MODE";
            case NEW_GROUP_MODE -> "NEW_GROUP_MODE";
            default -> "EXCHANGE(" + type + ")";
        };
    }
}
