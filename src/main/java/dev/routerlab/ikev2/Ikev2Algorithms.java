package dev.routerlab.ikev2;

import dev.routerlab.ike.crypto.HashAlgorithm;
import java.util.Optional;

/**
 * The IKE SA's algorithms (RFC 7296 §3.3.2, IANA "IKEv2 Transform Type" registries) with their
 * IOS names ({@code crypto ikev2 proposal}: {@code encryption aes-cbc-256}, {@code integrity
 * sha256}, {@code prf sha256}).
 */
public final class Ikev2Algorithms {
    private Ikev2Algorithms() {}

    /** Transform type 1. AES-GCM with a 16-octet ICV (RFC 5282) carries a 4-octet salt after its key. */
    public enum Encryption {
        AES_CBC_128("aes-cbc-128", 12, 128, false),
        AES_CBC_192("aes-cbc-192", 12, 192, false),
        AES_CBC_256("aes-cbc-256", 12, 256, false),
        AES_GCM_128("aes-gcm-128", 20, 128, true),
        AES_GCM_256("aes-gcm-256", 20, 256, true);

        public final String iosName;
        public final int id;
        public final int keyBits;
        public final boolean aead;

        Encryption(String iosName, int id, int keyBits, boolean aead) {
            this.iosName = iosName;
            this.id = id;
            this.keyBits = keyBits;
            this.aead = aead;
        }

        /** SK_e octets: the key, plus the salt for GCM (RFC 5282 §7.1). */
        public int keymatLength() { return keyBits / 8 + (aead ? 4 : 0); }

        /** As `show crypto ikev2 sa` names it: AES-CBC, AES-GCM. */
        public String showName() { return aead ? "AES-GCM" : "AES-CBC"; }

        public static Optional<Encryption> of(int id, int keyBits) {
            for (Encryption e : values()) if (e.id == id && e.keyBits == keyBits) return Optional.of(e);
            return Optional.empty();
        }

        public static Optional<Encryption> byIosName(String n) {
            for (Encryption e : values()) if (e.iosName.equals(n)) return Optional.of(e);
            return Optional.empty();
        }
    }

    /** Transform type 3: HMAC truncated (RFC 2404, RFC 4868). */
    public enum Integrity {
        SHA1_96("sha1", 2, "HmacSHA1", 20, 12, "SHA96"),
        SHA256_128("sha256", 12, "HmacSHA256", 32, 16, "SHA256"),
        SHA384_192("sha384", 13, "HmacSHA384", 48, 24, "SHA384"),
        SHA512_256("sha512", 14, "HmacSHA512", 64, 32, "SHA512");

        public final String iosName;
        public final int id;
        public final String jce;
        public final int keyLength;
        public final int icvLength;
        public final String showName;

        Integrity(String iosName, int id, String jce, int keyLength, int icvLength, String showName) {
            this.iosName = iosName;
            this.id = id;
            this.jce = jce;
            this.keyLength = keyLength;
            this.icvLength = icvLength;
            this.showName = showName;
        }

        public static Optional<Integrity> of(int id) {
            for (Integrity i : values()) if (i.id == id) return Optional.of(i);
            return Optional.empty();
        }

        public static Optional<Integrity> byIosName(String n) {
            for (Integrity i : values()) if (i.iosName.equals(n)) return Optional.of(i);
            return Optional.empty();
        }
    }

    /** Transform type 2: HMAC PRFs (RFC 2104, RFC 4868). */
    public enum Prf {
        SHA1("sha1", 2, HashAlgorithm.SHA1),
        SHA256("sha256", 5, HashAlgorithm.SHA256),
        SHA384("sha384", 6, HashAlgorithm.SHA384),
        SHA512("sha512", 7, HashAlgorithm.SHA512);

        public final String iosName;
        public final int id;
        public final HashAlgorithm hash;

        Prf(String iosName, int id, HashAlgorithm hash) {
            this.iosName = iosName;
            this.id = id;
            this.hash = hash;
        }

        public int length() { return hash.length(); }

        /** The PRF IOS pairs with an integrity algorithm when a proposal names no {@code prf}. */
        public static Prf matching(Integrity i) {
            return switch (i) {
                case SHA1_96 -> SHA1;
                case SHA256_128 -> SHA256;
                case SHA384_192 -> SHA384;
                case SHA512_256 -> SHA512;
            };
        }

        public static Optional<Prf> of(int id) {
            for (Prf p : values()) if (p.id == id) return Optional.of(p);
            return Optional.empty();
        }

        public static Optional<Prf> byIosName(String n) {
            for (Prf p : values()) if (p.iosName.equals(n)) return Optional.of(p);
            return Optional.empty();
        }
    }
}
