package dev.routerlab.pki;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.SecureRandomSpi;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A router's labelled RSA key pairs (`crypto key generate rsa label L`, a trustpoint's
 * `rsakeypair L`) and their text form in private NVRAM: per key a line `rsa-key LABEL BITS
 * EPOCH-MILLIS` and its PKCS#8 private key in base64. Keys come from the router's random source
 * (SecureRandom live; the seeded one of a replayed lab).
 */
public final class RsaKeys {
    /** One key pair with when it was made (`% Key pair was generated at:`). */
    public record Entry(String label, KeyPair pair, long createdMillis) {
        public int bits() { return ((RSAPublicKey) pair.getPublic()).getModulus().bitLength(); }
    }

    private final Map<String, Entry> keys = new LinkedHashMap<>();

    public Entry get(String label) { return keys.get(label); }

    public Iterable<Entry> all() { return keys.values(); }

    public boolean isEmpty() { return keys.isEmpty(); }

    public void put(Entry e) { keys.put(e.label(), e); }

    public Entry remove(String label) { return keys.remove(label); }

    /** A new pair of this modulus (e = 65537). */
    public static KeyPair generate(int bits, RandomGenerator random) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(new RSAKeyGenParameterSpec(bits, RSAKeyGenParameterSpec.F4), secureRandom(random));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The router's random source as the SecureRandom JCA wants (itself when it already is one). */
    public static SecureRandom secureRandom(RandomGenerator r) {
        if (r instanceof SecureRandom s) return s;
        return new SecureRandom(new SecureRandomSpi() {
            @Override protected void engineSetSeed(byte[] seed) { }

            @Override protected void engineNextBytes(byte[] bytes) { r.nextBytes(bytes); }

            @Override protected byte[] engineGenerateSeed(int n) {
                byte[] b = new byte[n];
                r.nextBytes(b);
                return b;
            }
        }, null) { };
    }

    public byte[] encode() {
        StringBuilder sb = new StringBuilder();
        for (Entry e : keys.values()) {
            sb.append("rsa-key ").append(e.label()).append(' ').append(e.bits()).append(' ').append(e.createdMillis()).append('\n')
              .append(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(e.pair().getPrivate().getEncoded())).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The keys of a saved text; an unreadable entry is left out. */
    public static RsaKeys decode(byte[] b) {
        RsaKeys out = new RsaKeys();
        if (b == null) return out;
        String[] lines = new String(b, StandardCharsets.US_ASCII).split("\n");
        for (int i = 0; i < lines.length; i++) {
            String[] h = lines[i].split(" ");
            if (h.length != 4 || !h[0].equals("rsa-key")) continue;
            StringBuilder b64 = new StringBuilder();
            int j = i + 1;
            for (; j < lines.length && !lines[j].startsWith("rsa-key "); j++) b64.append(lines[j]);
            i = j - 1;
            try {
                KeyFactory kf = KeyFactory.getInstance("RSA");
                RSAPrivateCrtKey priv = (RSAPrivateCrtKey) kf.generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(b64.toString())));
                RSAPublicKey pub = (RSAPublicKey) kf.generatePublic(new RSAPublicKeySpec(priv.getModulus(), priv.getPublicExponent()));
                out.put(new Entry(h[1], new KeyPair(pub, priv), Long.parseLong(h[3])));
            } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
                // a damaged entry: the others still load
            }
        }
        return out;
    }
}
