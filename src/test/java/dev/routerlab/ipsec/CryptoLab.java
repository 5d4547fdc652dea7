package dev.routerlab.ipsec;

import dev.routerlab.ip.Net;
import dev.routerlab.link.WireOptions;

/** The classic lab: R1 Lo0 1.1.1.1 - R2 - R3 Lo0 3.3.3.3, crypto map on R1 Gi0/0 and R3 Gi0/0. */
final class CryptoLab {
    static final WireOptions HALF_MS = WireOptions.DEFAULT.withDelay(500_000);

    private CryptoLab() {}

    /** Addressing and routes only (R2 knows nothing of the loopbacks). */
    static Net plain() {
        Net n = new Net();
        Net.Node r1 = n.router("R1"), r2 = n.router("R2"), r3 = n.router("R3");
        n.wire(r1, "Gi0/0", r2, "Gi0/0", HALF_MS);
        n.wire(r2, "Gi0/1", r3, "Gi0/0", HALF_MS);
        r1.config("interface Loopback0", "ip address 1.1.1.1 255.255.255.255",
            "interface GigabitEthernet0/0", "ip address 10.12.0.1 255.255.255.0", "no shutdown",
            "ip route 0.0.0.0 0.0.0.0 10.12.0.2");
        r2.config("interface GigabitEthernet0/0", "ip address 10.12.0.2 255.255.255.0", "no shutdown",
            "interface GigabitEthernet0/1", "ip address 10.23.0.2 255.255.255.0", "no shutdown");
        r3.config("interface Loopback0", "ip address 3.3.3.3 255.255.255.255",
            "interface GigabitEthernet0/0", "ip address 10.23.0.3 255.255.255.0", "no shutdown",
            "ip route 0.0.0.0 0.0.0.0 10.23.0.2");
        for (String r : new String[] {"R1", "R2", "R3"}) n.get(r).pending();
        return n;
    }

    static String[] cryptoMap(String peer, String src, String dst, String... extra) {
        java.util.List<String> l = new java.util.ArrayList<>(java.util.List.of(
            "crypto isakmp policy 10", "encryption aes", "hash sha", "authentication pre-share", "group 14",
            "crypto isakmp key cisco123 address " + peer,
            "crypto ipsec transform-set TS esp-aes esp-sha-hmac",
            "access-list 101 permit ip host " + src + " host " + dst,
            "crypto map VPN 10 ipsec-isakmp", "set peer " + peer, "set transform-set TS", "match address 101",
            "interface GigabitEthernet0/0", "crypto map VPN"));
        l.addAll(java.util.List.of(extra));
        return l.toArray(new String[0]);
    }

    /** With the crypto maps applied on R1 and R3. */
    static Net withMaps() {
        Net n = plain();
        n.get("R1").config(cryptoMap("10.23.0.3", "1.1.1.1", "3.3.3.3"));
        n.get("R3").config(cryptoMap("10.12.0.1", "3.3.3.3", "1.1.1.1"));
        for (String r : new String[] {"R1", "R2", "R3"}) n.get(r).pending();
        // resolve ARP along the path, as the lab does first
        n.get("R2").exec("ping 10.12.0.1");
        n.get("R2").exec("ping 10.23.0.3");
        return n;
    }
}
