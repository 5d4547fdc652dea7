package dev.routerlab.ipsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.ip.Net;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Front-door VRFs: a protected GRE tunnel whose transport (`tunnel vrf INET`) is in a VRF while
 * the overlay stays in the global table. IKEv1 (keys from `crypto keyring K vrf INET`), IKEv2
 * (`match fvrf INET`), the same peer address in two VRFs with different keys, and a crypto map
 * on an interface in a VRF. The transport addresses are in no global table: were IKE or ESP sent
 * or looked up there, nothing would come up.
 */
class FrontDoorVrfTest {
    /** R1 and R2 over one wire in VRF INET (192.0.2.0/30), Tunnel0 with the overlay 172.16.0.0/30 and loopbacks in the global table. */
    static Net pair(String... crypto) {
        Net n = new Net();
        Net.Node a = n.router("R1"), b = n.router("R2");
        n.wire(a, "Gi0/0", b, "Gi0/0");
        for (Net.Node x : List.of(a, b)) {
            int me = x == a ? 1 : 2, peer = 3 - me;
            List<String> lines = new ArrayList<>(List.of("vrf definition INET", "address-family ipv4", "exit-address-family",
                "interface GigabitEthernet0/0", "vrf forwarding INET", "ip address 192.0.2." + me + " 255.255.255.252", "no shutdown",
                "interface Loopback0", "ip address 10.0." + me + ".1 255.255.255.0"));
            x.config(lines.toArray(String[]::new));
            lines.clear();
        }
        n.run(1);                    // the transport up first: a protected tunnel binds once its source is known
        for (Net.Node x : List.of(a, b)) {
            int me = x == a ? 1 : 2, peer = 3 - me;
            List<String> lines = new ArrayList<>();
            for (String c : crypto) lines.add(c.replace("PEER", "192.0.2." + peer));
            lines.addAll(List.of("interface Tunnel0", "ip address 172.16.0." + me + " 255.255.255.252",
                "tunnel source GigabitEthernet0/0", "tunnel destination 192.0.2." + peer, "tunnel vrf INET",
                "tunnel protection ipsec profile P", "ip route 10.0." + peer + ".0 255.255.255.0 172.16.0." + peer));
            x.config(lines.toArray(String[]::new));
        }
        n.run(5);
        return n;
    }

    static final String[] IKEV1 = {"crypto keyring INET-KEYS vrf INET", "pre-shared-key address PEER key fvrf-secret",
        "crypto isakmp policy 10", "encryption aes 256", "hash sha256", "authentication pre-share", "group 14",
        "crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac", "mode transport",
        "crypto ipsec profile P", "set transform-set TS"};

    static final String[] IKEV2 = {"crypto ikev2 keyring KR", "peer INET-PEER", "address PEER", "pre-shared-key fvrf-secret",
        "crypto ikev2 profile PROF", "match fvrf INET", "match identity remote address PEER 255.255.255.255",
        "authentication remote pre-share", "authentication local pre-share", "keyring local KR",
        "crypto ipsec transform-set TS esp-gcm 256", "mode transport",
        "crypto ipsec profile P", "set transform-set TS", "set ikev2-profile PROF"};

    private static String ping(Net.Node r, String dst) {
        r.exec("ping " + dst + " source Loopback0");
        return r.exec("ping " + dst + " source Loopback0");
    }

    @Test
    void ikev1InTheFrontDoorVrfWithAKeyringOfThatVrf() {
        Net n = pair(IKEV1);
        Net.Node r1 = n.get("R1"), r2 = n.get("R2");
        assertTrue(ping(r1, "10.0.2.1").contains("!!!!!"), "the overlay in the global table over IPsec in INET");
        assertFalse(r1.exec("show ip route").contains("192.0.2."), "the transport is in no global table");
        String isa = r1.exec("show crypto isakmp sa");
        assertTrue(isa.matches("(?s).*192\\.0\\.2\\.\\d +192\\.0\\.2\\.\\d +QM_IDLE .*"), isa);
        String detail = r1.exec("show crypto session detail");
        assertTrue(detail.contains("Peer: 192.0.2.2 port 500 fvrf: INET ivrf: (none)\n"), detail);
        assertTrue(detail.contains("  IKEv1 SA: local 192.0.2.1/500 remote 192.0.2.2/500 Active\n"), detail);
        String sa = r1.exec("show crypto ipsec sa");
        assertTrue(sa.contains("   protected vrf: (none)\n"), sa);
        assertTrue(sa.contains("    #pkts encaps: 5, #pkts encrypt: 5, #pkts digest: 5\n"), sa);
        assertTrue(sa.contains("ip mtu idb GigabitEthernet0/0\n"), "the path MTU is looked up in INET:\n" + sa);
        assertEquals(1, r2.router.ipsec().pairs().size());
        String run = r1.exec("show running-config");
        assertTrue(run.contains("crypto keyring INET-KEYS vrf INET\n  pre-shared-key address 192.0.2.2 key fvrf-secret\n"), run);
    }

    @Test
    void aGlobalKeyIsNoKeyForAPeerInTheVrf() {
        Net n = pair("crypto isakmp key fvrf-secret address PEER", "crypto isakmp policy 10", "authentication pre-share",
            "crypto ipsec transform-set TS esp-aes esp-sha-hmac", "crypto ipsec profile P", "set transform-set TS");
        Net.Node r1 = n.get("R1");
        assertTrue(ping(r1, "10.0.2.1").contains("Success rate is 0 percent"), "IOS: no key for the peer in INET");
        assertEquals(0, r1.router.ipsec().pairs().size());
        // the same key in an ISAKMP profile's keyring that matches peers in INET: up
        for (Net.Node x : List.of(r1, n.get("R2"))) {
            String peer = x == r1 ? "192.0.2.2" : "192.0.2.1";
            x.config("crypto keyring SHARED", "pre-shared-key address " + peer + " key fvrf-secret",
                "crypto isakmp profile ISA", "keyring SHARED", "match identity address " + peer + " 255.255.255.255 INET",
                "crypto ipsec profile P", "set isakmp-profile ISA");
        }
        n.run(5);
        assertTrue(ping(r1, "10.0.2.1").contains("!!!!"), "the profile's keyring serves INET");
        String run = r1.exec("show running-config");
        assertTrue(run.contains("crypto isakmp profile ISA\n   keyring SHARED\n   match identity address 192.0.2.2 255.255.255.255 INET \n"), run);
        assertTrue(run.contains(" set isakmp-profile ISA\n"), run);
    }

    @Test
    void ikev2WithMatchFvrf() {
        Net n = pair(IKEV2);
        Net.Node r1 = n.get("R1");
        assertTrue(ping(r1, "10.0.2.1").contains("!!!!!"), r1.exec("show crypto ikev2 sa"));
        String v2 = r1.exec("show crypto ikev2 sa");
        assertTrue(v2.matches("(?s).*192\\.0\\.2\\.1/500 +192\\.0\\.2\\.2/500 +INET/none +READY.*"), v2);
        assertTrue(r1.exec("show crypto session detail").contains(" fvrf: INET ivrf: (none)\n"));
        assertTrue(r1.exec("show crypto ikev2 profile").contains("  Fvrf: INET\n"));
        // without `match fvrf INET` the profile answers only in the global table: nothing comes up
        for (Net.Node x : List.of(r1, n.get("R2"))) x.config("crypto ikev2 profile PROF", "no match fvrf INET");
        r1.exec("clear crypto session");
        n.run(5);
        assertTrue(ping(r1, "10.0.2.1").contains("Success rate is 0 percent"), r1.exec("show crypto ikev2 sa"));
    }

    /**
     * `crypto ikev2 policy` with `match fvrf`: a policy without one is for the global table only,
     * and once a policy exists the default one is gone (IOS), so IKE in INET has nothing to offer
     * until a policy matches INET (or `any`).
     */
    @Test
    void ikev2PolicyMatchFvrf() {
        List<String> lines = new ArrayList<>(List.of(IKEV2));
        lines.addAll(List.of("crypto ikev2 proposal AES", "encryption aes-cbc-256", "integrity sha256", "group 19",
            "crypto ikev2 policy POL", "proposal AES"));
        Net n = pair(lines.toArray(String[]::new));
        Net.Node r1 = n.get("R1"), r2 = n.get("R2");
        assertTrue(ping(r1, "10.0.2.1").contains("Success rate is 0 percent"), r1.exec("show crypto ikev2 sa"));
        for (Net.Node x : List.of(r1, r2)) x.config("crypto ikev2 policy POL", "match fvrf INET");
        r1.exec("clear crypto session");
        n.run(5);
        assertTrue(ping(r1, "10.0.2.1").contains("!!!!!"), r1.exec("show crypto ikev2 sa"));
        assertTrue(r1.exec("show crypto ikev2 sa").contains("Encr: AES-CBC, keysize: 256, PRF: SHA256, Hash: SHA256, DH Grp:19,"));
        assertTrue(r1.exec("show running-config").contains("crypto ikev2 policy POL \n match fvrf INET\n proposal AES\n!\n"));
        for (Net.Node x : List.of(r1, r2)) x.config("crypto ikev2 policy POL", "match fvrf any");
        r1.exec("clear crypto session");
        n.run(5);
        assertTrue(ping(r1, "10.0.2.1").contains("!!!!!"), r1.exec("show crypto ikev2 sa"));
        assertTrue(r1.exec("show running-config").contains("crypto ikev2 policy POL \n match fvrf any\n"));
    }

    /**
     * R1 reaches R2 in VRF A and R3 in VRF B; R2 and R3 have the same address 192.0.2.2 and
     * different keys: each VRF's IKE peer is its own.
     */
    @Test
    void theSamePeerAddressInTwoVrfs() {
        Net n = new Net();
        Net.Node r1 = n.router("R1"), r2 = n.router("R2"), r3 = n.router("R3");
        n.wire(r1, "Gi0/0", r2, "Gi0/0");
        n.wire(r1, "Gi0/1", r3, "Gi0/0");
        String[] common = {"crypto isakmp policy 10", "encryption aes", "authentication pre-share", "group 14",
            "crypto ipsec transform-set TS esp-aes esp-sha-hmac", "mode transport", "crypto ipsec profile P", "set transform-set TS"};
        r1.config(common);
        r1.config("vrf definition A", "address-family ipv4", "exit-address-family",
            "vrf definition B", "address-family ipv4", "exit-address-family",
            "crypto keyring KA vrf A", "pre-shared-key address 192.0.2.2 key key-of-a",
            "crypto keyring KB vrf B", "pre-shared-key address 192.0.2.2 key key-of-b",
            "interface GigabitEthernet0/0", "vrf forwarding A", "ip address 192.0.2.1 255.255.255.252", "no shutdown",
            "interface GigabitEthernet0/1", "vrf forwarding B", "ip address 192.0.2.1 255.255.255.252", "no shutdown");
        for (Net.Node x : List.of(r2, r3)) x.config("interface GigabitEthernet0/0", "ip address 192.0.2.2 255.255.255.252", "no shutdown");
        n.run(1);                    // the transport up first: a protected tunnel binds once its source is known
        r1.config("interface Tunnel0", "ip address 172.16.0.1 255.255.255.252", "tunnel source GigabitEthernet0/0",
            "tunnel destination 192.0.2.2", "tunnel key 1", "tunnel vrf A", "tunnel protection ipsec profile P",
            "interface Tunnel1", "ip address 172.16.1.1 255.255.255.252", "tunnel source GigabitEthernet0/1",
            "tunnel destination 192.0.2.2", "tunnel key 2", "tunnel vrf B", "tunnel protection ipsec profile P");
        int k = 0;
        for (Net.Node x : List.of(r2, r3)) {
            x.config(common);
            x.config("crypto isakmp key " + (x == r2 ? "key-of-a" : "key-of-b") + " address 192.0.2.1",
                "interface Tunnel0", "ip address 172.16." + k + ".2 255.255.255.252", "tunnel source GigabitEthernet0/0",
                "tunnel destination 192.0.2.1", "tunnel key " + (k + 1), "tunnel protection ipsec profile P");
            k++;
        }
        n.run(5);
        r1.exec("ping 172.16.0.2");
        r1.exec("ping 172.16.1.2");
        assertTrue(r1.exec("ping 172.16.0.2").contains("!!!!!"), "R2 over VRF A");
        assertTrue(r1.exec("ping 172.16.1.2").contains("!!!!!"), "R3 over VRF B: its own key, and its own ARP entry for 192.0.2.2");
        assertEquals(2, r1.router.ipsec().pairs().size());
        String detail = r1.exec("show crypto session detail");
        assertTrue(detail.contains("Interface: Tunnel0\n"), detail);
        assertTrue(detail.contains("Peer: 192.0.2.2 port 500 fvrf: A ivrf: (none)\n"), detail);
        assertTrue(detail.contains("Peer: 192.0.2.2 port 500 fvrf: B ivrf: (none)\n"), detail);
        assertEquals(2, r1.exec("show crypto isakmp sa").split("QM_IDLE", -1).length - 1, r1.exec("show crypto isakmp sa"));
    }

    /** A crypto map on an interface in VRF INET protects traffic routed in INET; IKE and ESP go by INET's table. */
    @Test
    void aCryptoMapOnAnInterfaceInAVrf() {
        Net n = new Net();
        Net.Node a = n.router("R1"), b = n.router("R2");
        n.wire(a, "Gi0/0", b, "Gi0/0");
        for (Net.Node x : List.of(a, b)) {
            int me = x == a ? 1 : 2, peer = 3 - me;
            x.config("vrf definition INET", "address-family ipv4", "exit-address-family",
                "crypto keyring K vrf INET", "pre-shared-key address 192.0.2." + peer + " key map-secret",
                "crypto isakmp policy 10", "authentication pre-share",
                "crypto ipsec transform-set TS esp-aes esp-sha-hmac",
                "ip access-list extended LANS", "permit ip 10.0." + me + ".0 0.0.0.255 10.0." + peer + ".0 0.0.0.255",
                "crypto map M 10 ipsec-isakmp", "set peer 192.0.2." + peer, "set transform-set TS", "match address LANS",
                "interface Loopback0", "vrf forwarding INET", "ip address 10.0." + me + ".1 255.255.255.0",
                "interface GigabitEthernet0/0", "vrf forwarding INET", "ip address 192.0.2." + me + " 255.255.255.252",
                "crypto map M", "no shutdown",
                "ip route vrf INET 10.0." + peer + ".0 255.255.255.0 192.0.2." + peer);
        }
        n.run(5);
        a.exec("ping vrf INET 10.0.2.1 source Loopback0");
        assertTrue(a.exec("ping vrf INET 10.0.2.1 source Loopback0").contains("!!!!!"));
        String sa = a.exec("show crypto ipsec sa");
        assertTrue(sa.contains("   protected vrf: INET\n"), sa);
        assertTrue(sa.contains("    #pkts encaps: 5, #pkts encrypt: 5, #pkts digest: 5\n"), sa);
        assertTrue(a.exec("show crypto session detail").contains(" fvrf: INET ivrf: INET\n"));
    }
}
