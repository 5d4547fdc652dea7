package dev.routerlab.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import dev.routerlab.device.Nvram;

/**
 * A router's RSA key pair (`crypto key generate rsa`): its label (`R1.lab.local`), and how it
 * is kept in NVRAM (`private-config`, as IOS keeps non-exportable keys there): the label line
 * and the PKCS#8 private key in base64. Keys always come from a SecureRandom.
 */
public record HostKey(String label, KeyPair pair) {
    /** The NVRAM file holding the key (IOS: nvram:private-config). */
    public static final String NVRAM_FILE = "private-config";

    public int bits() { return ((RSAPublicKey) pair.getPublic()).getModulus().bitLength(); }

    /** Generates a new key pair of the given modulus size (e = 65537). */
    public static HostKey generate(String label, int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(new RSAKeyGenParameterSpec(bits, RSAKeyGenParameterSpec.F4), new SecureRandom());
            return new HostKey(label, g.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the key to NVRAM (atomically, as every NVRAM write). */
    public void save(Nvram nvram) throws IOException {
        String text = "rsa-key " + label + "\n"
            + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pair.getPrivate().getEncoded()) + "\n";
        nvram.write(NVRAM_FILE, text.getBytes(StandardCharsets.US_ASCII));
    }

    /** The key kept in NVRAM, or null when there is none (or it cannot be read). */
    public static HostKey load(Nvram nvram) {
        try {
            byte[] b = nvram.read(NVRAM_FILE);
            if (b == null) return null;
            String text = new String(b, StandardCharsets.US_ASCII);
            int nl = text.indexOf('\n');
            if (!text.startsWith("rsa-key ") || nl < 0) return null;
            String label = text.substring("rsa-key ".length(), nl).strip();
            byte[] der = Base64.getMimeDecoder().decode(text.substring(nl + 1));
            KeyFactory kf = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey priv = (RSAPrivateCrtKey) kf.generatePrivate(new PKCS8EncodedKeySpec(der));
            RSAPublicKey pub = (RSAPublicKey) kf.generatePublic(new RSAPublicKeySpec(priv.getModulus(), priv.getPublicExponent()));
            return new HostKey(label, new KeyPair(pub, priv));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            return null;
        }
    }

    /** Removes the key from NVRAM (`crypto key zeroize rsa`). */
    public static void erase(Nvram nvram) throws IOException {
        nvram.delete(NVRAM_FILE);
    }

    /** The public key blob in SSH wire format (RFC 4253 `ssh-rsa`). */
    public byte[] publicBlob() {
        RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        string(out, "ssh-rsa".getBytes(StandardCharsets.US_ASCII));
        string(out, pub.getPublicExponent().toByteArray());
        string(out, pub.getModulus().toByteArray());
        return out.toByteArray();
    }

    /** `ssh-rsa AAAA...` as `show ip ssh` (and an OpenSSH known_hosts line) has it. */
    public String openSshPublicKey() {
        return "ssh-rsa " + Base64.getEncoder().encodeToString(publicBlob());
    }

    /** OpenSSH's `SHA256:...` fingerprint of the public key. */
    public String fingerprint() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(publicBlob());
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(d);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void string(ByteArrayOutputStream out, byte[] b) {
        int n = b.length;
        out.write(n >>> 24);
        out.write(n >>> 16);
        out.write(n >>> 8);
        out.write(n);
        out.write(b, 0, n);
    }

    /** For tests: the modulus, to compare keys. */
    BigInteger modulus() { return ((RSAPublicKey) pair.getPublic()).getModulus(); }
}
