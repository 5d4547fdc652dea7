package dev.routerlab.ike;

import dev.routerlab.packet.Ipv4Address;
import java.nio.charset.StandardCharsets;

/**
 * {@code crypto isakmp key KEY address A [M]}: the key for peers inside A/M (a host when M is
 * 255.255.255.255). The key is never printed.
 */
public record PresharedKey(int address, int mask, byte[] key) {
    public PresharedKey {
        key = key.clone();
    }

    public static PresharedKey of(String key, int address, int mask) {
        return new PresharedKey(address, mask, key.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] key() { return key.clone(); }

    public boolean matches(int peer) { return Ipv4Address.contains(address, mask, peer); }

    @Override
    public boolean equals(Object o) {
        return o instanceof PresharedKey k && k.address == address && k.mask == mask && java.util.Arrays.equals(k.key, key);
    }

    @Override
    public int hashCode() { return address * 31 + mask; }

    @Override
    public String toString() {
        return "PresharedKey[" + Ipv4Address.toString(address) + " " + Ipv4Address.toString(mask) + ", key hidden]";
    }

    static String text(byte[] k) { return new String(k, StandardCharsets.UTF_8); }
}
