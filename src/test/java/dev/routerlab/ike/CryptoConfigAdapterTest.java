package dev.routerlab.ike;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.config.AccessList;
import dev.routerlab.config.CryptoConfig;
import dev.routerlab.config.Secret;
import dev.routerlab.ike.crypto.DhGroup;
import dev.routerlab.ike.crypto.HashAlgorithm;
import dev.routerlab.ike.crypto.IkeCipherAlgorithm;
import dev.routerlab.esp.Transform;
import dev.routerlab.packet.Ipv4Address;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The classic lab's crypto configuration, as the config model holds it, turned into an IkeConfig. */
class CryptoConfigAdapterTest {
    static int ip(String s) { return Ipv4Address.parse(s); }

    @Test
    void classicLabConfiguration() {
        CryptoConfig c = new CryptoConfig();
        CryptoConfig.IsakmpPolicy p = new CryptoConfig.IsakmpPolicy(10);
        p.encryption = CryptoConfig.IsakmpPolicy.Encryption.AES;
        p.keyBits = 256;
        p.hash = CryptoConfig.IsakmpPolicy.Hash.SHA256;
        p.authentication = CryptoConfig.IsakmpPolicy.Auth.PRE_SHARE;
        p.group = 14;
        p.lifetime = 3600;
        c.isakmpPolicies.put(10, p);
        c.isakmpKeys.add(new CryptoConfig.IsakmpKey(new Secret(0, "cisco123"), ip("10.0.23.3"), -1));
        c.isakmpKeys.add(new CryptoConfig.IsakmpKey(new Secret(6, "encrypted"), ip("10.9.9.9"), -1));
        c.isakmpKeepalive = new CryptoConfig.Keepalive(10, 3, CryptoConfig.KeepaliveMode.PERIODIC);
        c.natKeepalive = 20;
        CryptoConfig.TransformSet ts = new CryptoConfig.TransformSet("TS");
        ts.transforms.addAll(List.of("esp-aes 256", "esp-sha-hmac"));
        c.transformSets.put("TS", ts);
        CryptoConfig.TransformSet ah = new CryptoConfig.TransformSet("AH");
        ah.transforms.add("ah-sha-hmac");
        c.transformSets.put("AH", ah);
        CryptoConfig.CryptoMapEntry e = new CryptoConfig.CryptoMapEntry("CMAP", 10);
        e.peers.add(ip("10.0.23.3"));
        e.transformSets.addAll(List.of("AH", "TS"));
        e.matchAddress = "101";
        e.pfsGroup = 19;
        c.maps.computeIfAbsent("CMAP", k -> new java.util.TreeMap<>()).put(10, e);
        CryptoConfig.CryptoMapEntry incomplete = new CryptoConfig.CryptoMapEntry("CMAP", 20);
        incomplete.transformSets.add("TS");
        c.maps.get("CMAP").put(20, incomplete);
        c.saLifetimeSeconds = 1800L;

        AccessList acl = new AccessList("101", true);
        acl.add(new AccessList.Entry(10, true, null, new AccessList.Match(-1, new AccessList.Address(ip("1.1.1.1"), 0), null,
                new AccessList.Address(ip("3.3.3.3"), 0), null, List.of())));
        acl.add(new AccessList.Entry(20, true, null, new AccessList.Match(6, new AccessList.Address(ip("10.1.0.0"), 255),
                null, new AccessList.Address(ip("10.3.0.0"), 0xffff), new AccessList.PortMatch("eq", "www", null), List.of())));
        acl.add(new AccessList.Entry(30, true, null, new AccessList.Match(-1, new AccessList.Address(ip("10.1.0.0"),
                ip("0.0.255.0")), null, AccessList.Address.ANY, null, List.of()))); // non-contiguous: skipped
        acl.add(new AccessList.Entry(40, false, null, new AccessList.Match(-1, AccessList.Address.ANY, null,
                AccessList.Address.ANY, null, List.of())));

        IkeConfig k = CryptoConfigAdapter.toIkeConfig(c, Map.of("101", acl)::get);
        assertEquals(List.of(new IsakmpPolicy(10, IkeCipherAlgorithm.AES_256, HashAlgorithm.SHA256, AuthMethod.PRE_SHARE,
                DhGroup.MODP_2048, 3600)), k.policies());
        assertEquals(1, k.keys().size(), "type 6 keys need the master key: skipped");
        assertArrayEquals("cisco123".getBytes(StandardCharsets.UTF_8), k.keyFor(ip("10.0.23.3")).key());
        assertNull(k.keyFor(ip("10.0.23.4")));
        assertEquals(new DpdSettings(10, 3, true), k.dpd());
        assertEquals(20, k.natKeepaliveSeconds());
        assertEquals(1, k.ipsecPolicies().size(), "the entry without peer/ACL is incomplete");
        IpsecPolicy m = k.ipsecPolicies().get(0);
        assertEquals("CMAP 10", m.name());
        assertEquals(List.of(ip("10.0.23.3")), m.peers());
        assertEquals(List.of(new TransformSetSpec("TS", Transform.parse("esp-aes 256 esp-sha-hmac"), IpsecMode.TUNNEL)),
                m.transformSets());
        assertEquals(DhGroup.ECP_256, m.pfs());
        assertEquals(1800, m.lifetimeSeconds());
        assertEquals(4_608_000, m.lifetimeKilobytes());
        assertEquals(List.of(new ProxyPair(ProxyId.host(ip("1.1.1.1")), ProxyId.host(ip("3.3.3.3"))),
                new ProxyPair(new ProxyId(ip("10.1.0.0"), ip("255.255.255.0"), 6, 0),
                        new ProxyId(ip("10.3.0.0"), ip("255.255.0.0"), 6, 80))), m.selectors());
        assertTrue(k.natTraversal());
        // No policy configured: the engine falls back to the IOS defaults.
        assertEquals(IsakmpPolicy.IOS_DEFAULTS, CryptoConfigAdapter.toIkeConfig(new CryptoConfig(), n -> null)
                .effectivePolicies());
        assertEquals(8, IsakmpPolicy.IOS_DEFAULTS.size());
        assertEquals(65508, IsakmpPolicy.IOS_DEFAULTS.get(1).priority());
        assertEquals(AuthMethod.PRE_SHARE, IsakmpPolicy.IOS_DEFAULTS.get(1).authentication());
    }

    @Test
    void keysAndSecretsNeverPrinted() {
        PresharedKey k = PresharedKey.of("s3cr3t", ip("10.0.0.1"), -1);
        assertTrue(!k.toString().contains("s3cr3t"));
    }
}
