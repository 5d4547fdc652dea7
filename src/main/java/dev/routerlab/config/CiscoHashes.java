package dev.routerlab.config;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.random.RandomGenerator;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * The newer IOS secret types: 8 (PBKDF2-HMAC-SHA256, 20000 rounds) and 9 (scrypt N=16384, r=1,
 * p=1), both written `$T$<14-char salt>$<43-char hash>` in Cisco's base64 alphabet
 * (`./0-9A-Za-z` in place of `A-Za-z0-9+/`, no padding); and type 7 passwords (a reversible
 * Vigenere-style encoding, kept only for `password 7 ...`).
 */
final class CiscoHashes {
    static final String ALPHABET = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String STD = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final String XLAT = "dsfd;kfoA,.iyewrkldJKDHSUBsgvca69834ncxv9873254k;fg87";
    private static final int SALT_CHARS = 14;

    private CiscoHashes() {}

    /** A fresh 14-character salt from the router's random source (SecureRandom when live). */
    static String salt(RandomGenerator random) {
        StringBuilder sb = new StringBuilder(SALT_CHARS);
        for (int i = 0; i < SALT_CHARS; i++) sb.append(ALPHABET.charAt(random.nextInt(64)));
        return sb.toString();
    }

    /** `$8$salt$hash` or `$9$salt$hash` for a clear-text secret. */
    static String hash(int type, String clear, String salt) {
        byte[] pw = clear.getBytes(StandardCharsets.UTF_8);
        byte[] s = salt.getBytes(StandardCharsets.US_ASCII);
        byte[] dk = type == 9 ? SCrypt.generate(pw, s, 16384, 1, 1, 32) : pbkdf2(clear, s);
        return "$" + type + "$" + salt + "$" + encode(dk);
    }

    /** Checks clear text against a stored type 8 or 9 value; false for malformed values. */
    static boolean matches(int type, String stored, String clear) {
        String prefix = "$" + type + "$";
        if (!stored.startsWith(prefix)) return false;
        int dollar = stored.indexOf('$', prefix.length());
        if (dollar < 0 || stored.length() - dollar - 1 != 43) return false;
        String salt = stored.substring(prefix.length(), dollar);
        if (salt.isEmpty() || salt.length() > 64) return false;
        byte[] want = stored.getBytes(StandardCharsets.US_ASCII);
        byte[] got = hash(type, clear, salt).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(want, got);
    }

    private static byte[] pbkdf2(String clear, byte[] salt) {
        try {
            SecretKeyFactory f = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            return f.generateSecret(new PBEKeySpec(clear.toCharArray(), salt, 20000, 256)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Standard base64 bit order, Cisco's alphabet, no padding (32 bytes give 43 characters). */
    static String encode(byte[] b) {
        String std = Base64.getEncoder().withoutPadding().encodeToString(b);
        StringBuilder sb = new StringBuilder(std.length());
        for (int i = 0; i < std.length(); i++) sb.append(ALPHABET.charAt(STD.indexOf(std.charAt(i))));
        return sb.toString();
    }

    /** A type 7 password: the seed in decimal, then each character XORed with the key from there, in hex. */
    static String encodeType7(String clear, int seed) {
        StringBuilder sb = new StringBuilder(String.format("%02d", seed));
        for (int i = 0; i < clear.length(); i++)
            sb.append(String.format("%02X", (clear.charAt(i) ^ XLAT.charAt((seed + i) % XLAT.length())) & 0xff));
        return sb.toString();
    }

    /** The clear text of a type 7 password, or null when the value is not one. */
    static String decodeType7(String enc) {
        if (enc.length() < 4 || enc.length() % 2 != 0) return null;
        try {
            int seed = Integer.parseInt(enc.substring(0, 2));
            StringBuilder sb = new StringBuilder();
            for (int i = 2; i < enc.length(); i += 2) {
                int b = Integer.parseInt(enc.substring(i, i + 2), 16);
                sb.append((char) (b ^ XLAT.charAt((seed + i / 2 - 1) % XLAT.length())));
            }
            return sb.toString();
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
