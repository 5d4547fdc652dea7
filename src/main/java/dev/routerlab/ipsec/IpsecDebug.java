package dev.routerlab.ipsec;

import java.util.function.Consumer;
import dev.routerlab.ike.ChildSa;
import dev.routerlab.ike.ProxyId;
import dev.routerlab.esp.IntegrityAlgorithm;
import dev.routerlab.packet.Ipv4Address;

/** `debug crypto isakmp|ipsec`: the switches, where lines go, and the IOS spellings they use. */
public final class IpsecDebug {
    private final Consumer<String> sink;
    boolean isakmp;
    boolean ipsec;
    boolean ikev2;

    IpsecDebug(Consumer<String> sink) { this.sink = sink; }

    public boolean isakmp() { return isakmp; }

    public boolean ipsec() { return ipsec; }

    public void isakmp(boolean on) { isakmp = on; }

    public void ipsec(boolean on) { ipsec = on; }

    public boolean ikev2() { return ikev2; }

    /** `debug crypto ikev2`. */
    public void ikev2(boolean on) { ikev2 = on; }

    /**
     * Prints a debug line: {@code IPSEC(...)} lines under `debug crypto ipsec`, {@code IKEv2:} lines
     * under `debug crypto ikev2`, the others under `debug crypto isakmp`.
     */
    void print(String text) {
        if (text.startsWith("IPSEC") ? ipsec : text.startsWith("IKEv2") ? ikev2 : isakmp) sink.accept(text);
    }

    public static String spiText(int spi) {
        return String.format("0x%X(%d)", spi, spi & 0xffffffffL);
    }

    public static String proxyText(ProxyId p) {
        if (p.isV6()) return "(" + p.network6() + "/" + p.prefix6() + "/" + p.protocol() + "/" + p.port() + ")";
        return "(" + Ipv4Address.toString(p.network()) + "/" + Ipv4Address.toString(p.mask()) + "/" + p.protocol()
                + "/" + p.port() + ")";
    }

    /** The transform as `show crypto ipsec sa` names it: esp-aes, esp-256-aes, esp-gcm 256, ... */
    public static String transformText(ChildSa c) {
        var t = c.transform();
        String enc = switch (t.encryption()) {
            case AES_192 -> "esp-192-aes";
            case AES_256 -> "esp-256-aes";
            default -> t.encryption().configWords();
        };
        return t.integrity() == IntegrityAlgorithm.NONE ? enc : enc + " " + t.integrity().iosName();
    }
}
