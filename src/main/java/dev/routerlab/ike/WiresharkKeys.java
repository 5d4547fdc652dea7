package dev.routerlab.ike;

import dev.routerlab.esp.EncryptionAlgorithm;
import dev.routerlab.esp.IntegrityAlgorithm;
import dev.routerlab.esp.Transform;
import dev.routerlab.packet.Ipv4Address;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Key material in Wireshark's decryption-table formats (UAT files, Wireshark 4.0): for a
 * student to open a capture of a lab and read the encrypted IKE and ESP. This is the one place
 * keys leave the engine, and only on explicit request; nothing here is logged.
 */
public final class WiresharkKeys {
    private WiresharkKeys() {}

    /** {@code ikev1_decryption_table}: one line per established ISAKMP SA, initiator cookie and Ka. */
    public static String ikev1DecryptionTable(IkeEngine engine) {
        StringBuilder sb = new StringBuilder();
        HexFormat hex = HexFormat.of();
        for (IsakmpSa sa : engine.isakmpSaObjects()) {
            byte[] ka = sa.encryptionKeyForExport();
            if (ka == null) continue;
            sb.append(hex.formatHex(IsakmpSa.cookie(sa.ci))).append(',').append(hex.formatHex(ka)).append('\n');
            Arrays.fill(ka, (byte) 0);
        }
        return sb.toString();
    }

    /** {@code esp_sa}: the two directions of an SA pair. */
    public static String espSa(ChildSa sa) {
        return espLine(sa.localAddress(), sa.peerAddress(), sa.outboundSpi(), sa.transform(), sa.outboundKeymat())
                + espLine(sa.peerAddress(), sa.localAddress(), sa.inboundSpi(), sa.transform(), sa.inboundKeymat());
    }

    private static String espLine(int src, int dst, int spi, Transform t, byte[] keymat) {
        EncryptionAlgorithm e = t.encryption();
        IntegrityAlgorithm i = t.integrity();
        int ek = e.keymatLength(); // key then salt (RFC 4106 §8.1): what Wireshark wants for GCM
        HexFormat hex = HexFormat.of();
        String encKey = ek == 0 ? "" : "0x" + hex.formatHex(keymat, 0, ek);
        String authKey = i.keyLength() == 0 ? "" : "0x" + hex.formatHex(keymat, ek, ek + i.keyLength());
        return String.format("\"IPv4\",\"%s\",\"%s\",\"0x%08x\",\"%s\",\"%s\",\"%s\",\"%s\"%n", Ipv4Address.toString(src),
                Ipv4Address.toString(dst), spi, encryptionName(e), encKey, integrityName(i), authKey);
    }

    static String encryptionName(EncryptionAlgorithm e) {
        return switch (e) {
            case DES -> "DES-CBC [RFC2405]";
            case TRIPLE_DES -> "TripleDES-CBC [RFC2451]";
            case AES_128, AES_192, AES_256 -> "AES-CBC [RFC3602]";
            case GCM_128, GCM_256 -> "AES-GCM with 16 octet ICV [RFC4106]";
            case NULL -> "NULL";
        };
    }

    static String integrityName(IntegrityAlgorithm i) {
        return switch (i) {
            case NONE -> "NULL";
            case MD5_HMAC -> "HMAC-MD5-96 [RFC2403]";
            case SHA_HMAC -> "HMAC-SHA-1-96 [RFC2404]";
            case SHA256_HMAC -> "HMAC-SHA-256-128 [RFC4868]";
            case SHA384_HMAC -> "HMAC-SHA-384-192 [RFC4868]";
            case SHA512_HMAC -> "HMAC-SHA-512-256 [RFC4868]";
        };
    }
}
