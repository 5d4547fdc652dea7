package dev.routerlab.packet.isakmp;

/**
 * Notify Message Types: errors (RFC 2408 §3.14.1), IPsec DOI status types (RFC 2407 §4.6.3)
 * and Dead Peer Detection (RFC 3706 §5).
 */
public final class NotifyType {
    private NotifyType() {}

    public static final int INVALID_PAYLOAD_TYPE = 1;
    public static final int DOI_NOT_SUPPORTED = 2;
    public static final int SITUATION_NOT_SUPPORTED = 3;
    public static final int INVALID_COOKIE = 4;
    public static final int INVALID_MAJOR_VERSION = 5;
    public static final int INVALID_EXCHANGE_TYPE = 7;
    public static final int INVALID_FLAGS = 8;
    public static final int INVALID_MESSAGE_ID = 9;
    public static final int INVALID_PROTOCOL_ID = 10;
    public static final int INVALID_SPI = 11;
    public static final int INVALID_TRANSFORM_ID = 12;
    public static final int ATTRIBUTES_NOT_SUPPORTED = 13;
    public static final int NO_PROPOSAL_CHOSEN = 14;
    public static final int BAD_PROPOSAL_SYNTAX = 15;
    public static final int PAYLOAD_MALFORMED = 16;
    public static final int INVALID_KEY_INFORMATION = 17;
    public static final int INVALID_ID_INFORMATION = 18;
    public static final int AUTHENTICATION_FAILED = 24;
    public static final int INVALID_HASH_INFORMATION = 23;

    public static final int RESPONDER_LIFETIME = 24576;
    public static final int REPLAY_STATUS = 24577;
    public static final int INITIAL_CONTACT = 24578;

    public static final int R_U_THERE = 36136;
    public static final int R_U_THERE_ACK = 36137;

    public static String name(int type) {
        return switch (type) {
            case INVALID_PAYLOAD_TYPE -> "INVALID-PAYLOAD-TYPE";
            case INVALID_COOKIE -> "INVALID-COOKIE";
            case INVALID_MAJOR_VERSION -> "INVALID-MAJOR-VERSION";
            case INVALID_EXCHANGE_TYPE -> "INVALID-EXCHANGE-TYPE";
            case INVALID_MESSAGE_ID -> "INVALID-MESSAGE-ID";
            case INVALID_SPI -> "INVALID-SPI";
            case NO_PROPOSAL_CHOSEN -> "NO-PROPOSAL-CHOSEN";
            case PAYLOAD_MALFORMED -> "PAYLOAD-MALFORMED";
            case INVALID_ID_INFORMATION -> "INVALID-ID-INFORMATION";
            case INVALID_HASH_INFORMATION -> "INVALID-HASH-INFORMATION";
            case AUTHENTICATION_FAILED -> "AUTHENTICATION-FAILED";
            case RESPONDER_LIFETIME -> "RESPONDER-LIFETIME";
            case REPLAY_STATUS -> "REPLAY-STATUS";
            case INITIAL_CONTACT -> "INITIAL-CONTACT";
            case R_U_THERE -> "R-U-THERE";
            case R_U_THERE_ACK -> "R-U-THERE-ACK";
            default -> "NOTIFY(" + type + ")";
        };
    }
}
