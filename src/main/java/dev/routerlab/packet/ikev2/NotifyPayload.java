package dev.routerlab.packet.ikev2;

import dev.routerlab.packet.Bytes;
import java.util.Arrays;

/**
 * The Notify payload (RFC 7296 §3.10): Protocol ID (1), SPI Size (1), Notify Message Type (2),
 * SPI, data. Types below 16384 are errors.
 */
public record NotifyPayload(int protocol, byte[] spi, int type, byte[] data) {
    public static final int UNSUPPORTED_CRITICAL_PAYLOAD = 1, INVALID_IKE_SPI = 4, INVALID_MAJOR_VERSION = 5,
            INVALID_SYNTAX = 7, INVALID_MESSAGE_ID = 9, INVALID_SPI = 11, NO_PROPOSAL_CHOSEN = 14,
            INVALID_KE_PAYLOAD = 17, AUTHENTICATION_FAILED = 24, SINGLE_PAIR_REQUIRED = 34, NO_ADDITIONAL_SAS = 35,
            INTERNAL_ADDRESS_FAILURE = 36, FAILED_CP_REQUIRED = 37, TS_UNACCEPTABLE = 38, INVALID_SELECTORS = 39,
            TEMPORARY_FAILURE = 43, CHILD_SA_NOT_FOUND = 44;
    public static final int INITIAL_CONTACT = 16384, SET_WINDOW_SIZE = 16385, ADDITIONAL_TS_POSSIBLE = 16386,
            IPCOMP_SUPPORTED = 16387, NAT_DETECTION_SOURCE_IP = 16388, NAT_DETECTION_DESTINATION_IP = 16389,
            COOKIE = 16390, USE_TRANSPORT_MODE = 16391, HTTP_CERT_LOOKUP_SUPPORTED = 16392, REKEY_SA = 16393,
            ESP_TFC_PADDING_NOT_SUPPORTED = 16394, NON_FIRST_FRAGMENTS_ALSO = 16395,
            IKEV2_FRAGMENTATION_SUPPORTED = 16430 /* RFC 7383 §2.3 */, SIGNATURE_HASH_ALGORITHMS = 16431 /* RFC 7427 §4 */;

    public NotifyPayload {
        spi = spi.clone();
        data = data.clone();
    }

    public static NotifyPayload of(int type) { return new NotifyPayload(0, new byte[0], type, new byte[0]); }

    public static NotifyPayload of(int type, byte[] data) { return new NotifyPayload(0, new byte[0], type, data); }

    @Override
    public byte[] spi() { return spi.clone(); }

    @Override
    public byte[] data() { return data.clone(); }

    public boolean error() { return type < 16384; }

    public static NotifyPayload decode(byte[] b) {
        if (b == null || b.length < 4) return null;
        int spiSize = b[1] & 0xff;
        if (spiSize > b.length - 4) return null;
        return new NotifyPayload(b[0] & 0xff, Arrays.copyOfRange(b, 4, 4 + spiSize), Bytes.u16(b, 2),
                Arrays.copyOfRange(b, 4 + spiSize, b.length));
    }

    public byte[] body() {
        byte[] b = new byte[4 + spi.length + data.length];
        b[0] = (byte) protocol;
        b[1] = (byte) spi.length;
        Bytes.put16(b, 2, type);
        System.arraycopy(spi, 0, b, 4, spi.length);
        System.arraycopy(data, 0, b, 4 + spi.length, data.length);
        return b;
    }

    public static String name(int type) {
        return switch (type) {
            case NO_PROPOSAL_CHOSEN -> "NO_PROPOSAL_CHOSEN";
            case INVALID_KE_PAYLOAD -> "INVALID_KE_PAYLOAD";
            case AUTHENTICATION_FAILED -> "AUTHENTICATION_FAILED";
            case TS_UNACCEPTABLE -> "TS_UNACCEPTABLE";
            case INVALID_SYNTAX -> "INVALID_SYNTAX";
            case TEMPORARY_FAILURE -> "TEMPORARY_FAILURE";
            case CHILD_SA_NOT_FOUND -> "CHILD_SA_NOT_FOUND";
            case INITIAL_CONTACT -> "INITIAL_CONTACT";
            case SET_WINDOW_SIZE -> "SET_WINDOW_SIZE";
            case NAT_DETECTION_SOURCE_IP -> "NAT_DETECTION_SOURCE_IP";
            case NAT_DETECTION_DESTINATION_IP -> "NAT_DETECTION_DESTINATION_IP";
            case COOKIE -> "COOKIE";
            case USE_TRANSPORT_MODE -> "USE_TRANSPORT_MODE";
            case REKEY_SA -> "REKEY_SA";
            case ESP_TFC_PADDING_NOT_SUPPORTED -> "ESP_TFC_PADDING_NOT_SUPPORTED";
            case NON_FIRST_FRAGMENTS_ALSO -> "NON_FIRST_FRAGMENTS_ALSO";
            case IKEV2_FRAGMENTATION_SUPPORTED -> "FRAGMENTATION";
            case SIGNATURE_HASH_ALGORITHMS -> "SIGNATURE_HASH_ALGORITHMS";
            default -> "NOTIFY(" + type + ")";
        };
    }
}
