package dev.routerlab.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.random.RandomGenerator;

/** IOS secret hashing: type 5 is MD5-crypt ($1$salt$hash), as `enable secret` stores it. */
public final class Secrets {
    private static final String ITOA64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private Secrets() {}

    /** Hashes a clear-text secret as type 5 with a fresh 4-character salt (IOS uses 4). */
    public static Secret hash(String clear, RandomGenerator random) {
        StringBuilder salt = new StringBuilder();
        for (int i = 0; i < 4; i++) salt.append(ITOA64.charAt(random.nextInt(64)));
        return new Secret(5, md5Crypt(clear, salt.toString()));
    }

    /** True when clear matches the stored secret (types 0, 5, 7, 8 and 9; others never match). */
    public static boolean matches(Secret s, String clear) {
        if (s == null || clear == null) return false;
        return switch (s.type()) {
            case 0 -> s.value().equals(clear);
            case 5 -> {
                String[] parts = s.value().split("\\$");
                yield parts.length == 4 && md5Crypt(clear, parts[2]).equals(s.value());
            }
            case 7 -> clear.equals(CiscoHashes.decodeType7(s.value()));
            case 8, 9 -> CiscoHashes.matches(s.type(), s.value(), clear);
            default -> false;
        };
    }

    /** The clear text of a type 7 value (`... 7 0822455D0A16`), or null when it is not one. */
    public static String decodeType7(String enc) { return CiscoHashes.decodeType7(enc); }

    /** Type 7 of a clear text (`service password-encryption`); IOS picks the seed 0-15 at random, here it follows the text. */
    public static String encodeType7(String clear) { return CiscoHashes.encodeType7(clear, Math.floorMod(clear.hashCode(), 16)); }

    /** Hashes a clear-text secret as `algorithm-type md5|sha256|scrypt` asks: type 5, 8 or 9. */
    public static Secret hash(int type, String clear, RandomGenerator random) {
        return switch (type) {
            case 8, 9 -> new Secret(type, CiscoHashes.hash(type, clear, CiscoHashes.salt(random)));
            default -> hash(clear, random);
        };
    }

    /** The FreeBSD MD5-crypt algorithm (what IOS type 5 secrets are). */
    static String md5Crypt(String password, String salt) {
        byte[] pw = password.getBytes(StandardCharsets.UTF_8);
        byte[] sl = salt.getBytes(StandardCharsets.UTF_8);
        byte[] magic = "$1$".getBytes(StandardCharsets.UTF_8);
        MessageDigest ctx = md5(), alt = md5();
        ctx.update(pw); ctx.update(magic); ctx.update(sl);
        alt.update(pw); alt.update(sl); alt.update(pw);
        byte[] f = alt.digest();
        for (int pl = pw.length; pl > 0; pl -= 16) ctx.update(f, 0, Math.min(16, pl));
        for (int i = pw.length; i != 0; i >>>= 1) {
            if ((i & 1) != 0) ctx.update((byte) 0);
            else ctx.update(pw[0]);
        }
        f = ctx.digest();
        for (int i = 0; i < 1000; i++) {
            MessageDigest c = md5();
            if ((i & 1) != 0) c.update(pw); else c.update(f, 0, 16);
            if (i % 3 != 0) c.update(sl);
            if (i % 7 != 0) c.update(pw);
            if ((i & 1) != 0) c.update(f, 0, 16); else c.update(pw);
            f = c.digest();
        }
        StringBuilder out = new StringBuilder("$1$").append(salt).append('$');
        int[][] groups = {{0, 6, 12}, {1, 7, 13}, {2, 8, 14}, {3, 9, 15}, {4, 10, 5}};
        for (int[] g : groups) to64(out, ((f[g[0]] & 0xff) << 16) | ((f[g[1]] & 0xff) << 8) | (f[g[2]] & 0xff), 4);
        to64(out, f[11] & 0xff, 2);
        return out.toString();
    }

    private static void to64(StringBuilder sb, int v, int n) {
        for (int i = 0; i < n; i++) {
            sb.append(ITOA64.charAt(v & 0x3f));
            v >>>= 6;
        }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
