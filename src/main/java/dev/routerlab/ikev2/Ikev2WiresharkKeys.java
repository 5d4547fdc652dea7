package dev.routerlab.ikev2;

import dev.routerlab.ikev2.Ikev2Algorithms.Encryption;
import dev.routerlab.ikev2.Ikev2Algorithms.Integrity;
import java.util.HexFormat;

/**
 * IKE SA keys in Wireshark's {@code ikev2_decryption_table} format (UAT, Wireshark 4.0): SPIi,
 * SPIr, SK_ei, SK_er, encryption algorithm, SK_ai, SK_ar, integrity algorithm; hex unquoted,
 * names quoted as Wireshark's table spells them. With {@code ike.WiresharkKeys} the only place
 * IKEv2 keys leave the engine, and only on explicit request; nothing here is logged.
 */
public final class Ikev2WiresharkKeys {
    private Ikev2WiresharkKeys() {}

    /** One line per IKE SA with keys (a rekeyed one while its Delete is pending too). */
    public static String decryptionTable(Ikev2Engine engine) {
        StringBuilder sb = new StringBuilder();
        for (Ikev2Sa sa : engine.sas.values()) {
            String row = sa.wiresharkRow();
            if (row != null) sb.append(row);
        }
        return sb.toString();
    }

    static String row(long spiI, long spiR, Encryption enc, Integrity integ, Ikev2Keys.SaKeys k) {
        HexFormat hex = HexFormat.of();
        return String.format("%016x,%016x,%s,%s,\"%s\",%s,%s,\"%s\"%n", spiI, spiR, hex.formatHex(k.ei()), hex.formatHex(k.er()),
                encryptionName(enc), hex.formatHex(k.ai()), hex.formatHex(k.ar()), integrityName(integ));
    }

    /** SK_e for AES-GCM is the key and its 4-octet salt (RFC 5282 §7.1), as Wireshark wants it. */
    static String encryptionName(Encryption e) {
        return switch (e) {
            case AES_CBC_128 -> "AES-CBC-128 [RFC3602]";
            case AES_CBC_192 -> "AES-CBC-192 [RFC3602]";
            case AES_CBC_256 -> "AES-CBC-256 [RFC3602]";
            case AES_GCM_128 -> "AES-GCM-128 with 16 octet ICV [RFC5282]";
            case AES_GCM_256 -> "AES-GCM-256 with 16 octet ICV [RFC5282]";
        };
    }

    static String integrityName(Integrity i) {
        if (i == null) return "NONE [RFC4306]";
        return switch (i) {
            case SHA1_96 -> "HMAC_SHA1_96 [RFC2404]";
            case SHA256_128 -> "HMAC_SHA2_256_128 [RFC4868]";
            case SHA384_192 -> "HMAC_SHA2_384_192 [RFC4868]";
            case SHA512_256 -> "HMAC_SHA2_512_256 [RFC4868]";
        };
    }
}
