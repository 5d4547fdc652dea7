package dev.routerlab.ike.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * IKEv1 key derivation (RFC 2409 §5, §5.5, Appendix B) against answers computed independently
 * by this Python 3 script (hmac/hashlib only), written from the RFC text; its output is pasted
 * below as {@link #EXPECTED}:
 *
 * <pre>
 * # Independent IKEv1 (RFC 2409) key derivation, straight from the RFC text, to produce
 * # known answers for Phase1KeysTest. Python's hmac/hashlib only.
 * import hmac, hashlib
 * H = {'md5': hashlib.md5, 'sha1': hashlib.sha1, 'sha256': hashlib.sha256,
 *      'sha384': hashlib.sha384, 'sha512': hashlib.sha512}
 * def prf(h, k, *m): return hmac.new(k, b''.join(m), H[h]).digest()
 * def seed(tag, n):  # deterministic filler: sha512(tag|i) blocks
 *     out = b''; i = 0
 *     while len(out) &lt; n: out += hashlib.sha512(tag + bytes([i])).digest(); i += 1
 *     return out[:n]
 * psk = b'cisco123'
 * ni, nr = seed(b'Ni', 32), seed(b'Nr', 16)
 * gxi, gxr, gxy = seed(b'gxi', 256), seed(b'gxr', 256), seed(b'gxy', 256)
 * cky_i, cky_r = bytes.fromhex('0123456789abcdef'), bytes.fromhex('fedcba9876543210')
 * sai_b = seed(b'SAi', 52)
 * idii_b = bytes.fromhex('011101f4c0a80101')
 * idir_b = bytes.fromhex('011101f4c0a80102')
 * mid = bytes.fromhex('9abcdef0')
 * qm_payloads = seed(b'qm', 120)
 * gqm = seed(b'gqm', 128)
 * spi = bytes.fromhex('cafe1234')
 * def ka(h, e, n):
 *     if len(e) &gt;= n: return e[:n]
 *     k = prf(h, e, b'\x00'); out = k
 *     while len(out) &lt; n: k = prf(h, e, k); out += k
 *     return out[:n]
 * def keymat(h, d, g, n):
 *     k = b''; out = b''
 *     while len(out) &lt; n:
 *         k = prf(h, d, k + (g or b'') + b'\x03' + spi + ni + nr); out += k
 *     return out[:n]
 * for h, klen in [('md5', 24), ('sha1', 32), ('sha256', 32), ('sha384', 16), ('sha512', 16)]:
 *     skeyid = prf(h, psk, ni, nr)
 *     d = prf(h, skeyid, gxy, cky_i, cky_r, b'\x00')
 *     a = prf(h, skeyid, d, gxy, cky_i, cky_r, b'\x01')
 *     e = prf(h, skeyid, a, gxy, cky_i, cky_r, b'\x02')
 *     print(f'--- {h} Ka {klen}')
 *     for name, v in [('skeyid', skeyid), ('d', d), ('a', a), ('e', e), ('ka', ka(h, e, klen)),
 *                     ('ka48', ka(h, e, 48)),
 *                     ('hashI', prf(h, skeyid, gxi, gxr, cky_i, cky_r, sai_b, idii_b)),
 *                     ('hashR', prf(h, skeyid, gxr, gxi, cky_r, cky_i, sai_b, idir_b)),
 *                     ('iv1', H[h](gxi + gxr).digest()[:16]),
 *                     ('iv2', H[h](seed(b'last', 16) + mid).digest()[:16]),
 *                     ('qmHash1', prf(h, a, mid, qm_payloads)),
 *                     ('qmHash2', prf(h, a, mid, ni, qm_payloads)),
 *                     ('qmHash3', prf(h, a, b'\x00', mid, ni, nr)),
 *                     ('keymat', keymat(h, d, None, 52)),
 *                     ('keymatPfs', keymat(h, d, gqm, 52)),
 *                     ('skeyidSig', prf(h, ni + nr, gxy))]:
 *         print(f'{name} {v.hex()}')
 * </pre>
 */
class Phase1KeysTest {
    static final String EXPECTED = """
            --- md5 Ka 24
            skeyid 737732d36106858a299002f3ca501826
            d f745ca9b8466bed7421060ff37e7feac
            a e2fcdfd9a7e1707357f035e3ee68df68
            e 16f19a0ef8e29d6f03e6ecba3ec5bcee
            ka 8bc30ae001e012e731a784e89f5b15b9de93a02d87d0620b
            ka48 8bc30ae001e012e731a784e89f5b15b9de93a02d87d0620b1591fd070298a92a16b1292decd24dbca3544573b760d781
            hashI e9ff8e8587d5f2539ce42d02d78a740f
            hashR 36e0b6301b423229f64c1524a487581d
            iv1 8d7a4b093f7d6fa163885820c43a8818
            iv2 afc44136cbc34468a35d92ae0c7b37e7
            qmHash1 b1cf92810a53d99b05064c69e35263bf
            qmHash2 dec6ffba66f370ad4c2099ae94b25f5a
            qmHash3 b140928c087c46f656fa5ec13ecd5f63
            keymat 0eb9c6385ae23db0352c63435a62b58d325f9094dc676d2989c124f64952da7e09b82ac4bf4dc2ae4f36b241e84507eb40e4dc44
            keymatPfs 60ab8f44463f39f4e8df00b3fb6a367313d5f523c633dabd684a8d2cc7c35c35b68027abd8c93b16b36ca4e7b9c1a9fc1e789d03
            skeyidSig bd631988110a98361455f28033c8e2c5
            --- sha1 Ka 32
            skeyid 502f7ae0d833f06563372b3444cbbf316ce22da6
            d 03308780839f8f5418bc3720c921094822417db6
            a a648ed3285369156fcf62d6db12e0b96163e7217
            e bae60643e5d109af08a637d4ecdc89b92f459cb9
            ka 28b00807ea9995d8e758e0c7fdc82d8c70442d4e593ca3ed8637ef04ff65c361
            ka48 28b00807ea9995d8e758e0c7fdc82d8c70442d4e593ca3ed8637ef04ff65c36158d0fb63c44b64e030e4dda08d8a4959
            hashI 190505bb1d0fa41c6efbaf940c381b0620e1a187
            hashR 26742c712602db0e35fbcf4c853572c7992d2023
            iv1 fc2b582fc93f1fb81142a4b5bb4d9e0f
            iv2 5dcdafe9ebdc5d92ba361a9faf4f28fa
            qmHash1 75b0be917f75c49de94291550b1e90ce799e0368
            qmHash2 e5f65ce234e87371610da2031541f42f337c4fc0
            qmHash3 61140a12c5e46e8e8447bfd63b38768f8e862d80
            keymat abe4e96759e1f593113e63ec2a5948531d932eb1d0b1f25cb58f24812e4582ec73f6414056325210e903321158d4ecbbb175416e
            keymatPfs acc8aedfcf838e4e71c417e57370d22cfe8ee5d48c56b44028951022ea8bf4cf176432459a412815b0dbd3a05489f0b7fc7b21a9
            skeyidSig a70ebfff5d1e4dcb2ebca8863b82bd75ec83122a
            --- sha256 Ka 32
            skeyid eed3ee5000a5e705465d8c6789643fbacc4f57fae983fcbd2ab0324c0a9314dc
            d 5102f3e3277af567e8fbc3d1c24a93f63100e297f5bbb7fd0311e8438b56055e
            a 060d4c9e486847d37f7f22952a41b2630c7d005aaf5db4d7812655877360018b
            e 92e4cb24987d529a530884403757cbb656f195e25d197ff1ff0ea47ecfe32a47
            ka 92e4cb24987d529a530884403757cbb656f195e25d197ff1ff0ea47ecfe32a47
            ka48 503f8658728fe7c71ac50a264506dd8d87b0e6765a6a2050d0bef18798ac02c1be23d804733cea65ae88941fa4628678
            hashI 83158357c9d62ee5674a9f4e11466615d394890e1edf7cf0696a76dfab803f59
            hashR c9fc499e2ee16cdfc5173ffc94780d807eb59029e070d23c15579b6a33c6b12d
            iv1 b4ee67d1498fd12b35d7a9e6f7fafb3b
            iv2 573be7bc672f162d34e75b36b05bd8ec
            qmHash1 6b2173fcb1701f2f82f986faf5cd2b98bba0a3b25fc2626057597ccc1791a2c8
            qmHash2 22d8d8b8fba10ddb1048f1870baf50586529f56ddae48a819949928f5b427398
            qmHash3 bcbc90e01b392b881af4203cb8973ecc1d5619e9a7c5ee997ebc7f4d6574f3a7
            keymat e31fcb7972f8bd8daaf1fdf54106beb8bf28b652764b7d16985af3d267cf3d70910194d221c324886f2d68e4de6253a8f0ab98f8
            keymatPfs 8f5626d6ae519f85e09b819697ff2eb4143a3dec78aced733ff5d92ade4f418ecbfa954e876d7087e9c0560153e45cbbeda72ff4
            skeyidSig cb1bf1e756c145318068977d7442e8168d328dae1e8eb42331bafacf4dcc5454
            --- sha384 Ka 16
            skeyid 9ea7ea81b104246e7b050646d13a5266a77cdd5bd244fa5efa515fb38744eb3ee5a3aa376bab3d10762b8a670dfa91c9
            d d4f156ccfe2fd3a2549396a945441d91000a923ea1b1e7f62a993572a6d0cc65248840b1ad0d82f898dd39893b86f48e
            a 605051c6f7dac721e302ce9d46b78221562256c1e14ac06020982a339ac79444f4f280ec9498ce5acd073fbe514eaf70
            e a4c1912cacc50ee5217e0475ba78709211924da2496d1240e011cb60071690f567fb5fc3059ca4785491ef2f077929ee
            ka a4c1912cacc50ee5217e0475ba787092
            ka48 a4c1912cacc50ee5217e0475ba78709211924da2496d1240e011cb60071690f567fb5fc3059ca4785491ef2f077929ee
            hashI 9d8d4259d990ff95bd77165b0cb867d0f7abb96b4b88a32ab27d77af2865622b90db392d49ca2053e734e15e9b083e1d
            hashR e2459ea9ea42984f3463982d1334f2a03dbe35d7231868812336695f0c744e2e1271cff789aa84b97ecd4a05f14d3f03
            iv1 158d720754fb364990ef030862e39dca
            iv2 5b6223cb9b25f920c6305643c5e480bb
            qmHash1 5beca33fdc50ee90c651728f6cda80e6a534113d88617f3075a909bacc774ec097209b7340e2929a7b13a6a2056265b2
            qmHash2 62b4b5e97ec8892a8ee8a745e4386ced278890dad6cdb3bed2b1098182d27c14429b304340a209bb46afe98b51eabe6a
            qmHash3 a12e2c274d8042785006091eec265abacdee0013adee3ca788c9ff7facd4ea4c32b6e8796305753302b659e4b6705eab
            keymat e2e85261bbb033bb6397df59aa47dc44dc497afdc08b0aab92fc9860a7884bd3085aceb69da99663f9c7019350af6698a67ed93a
            keymatPfs df6e4b7ec4edd446e6579f559e510267f54ad2827f5cd0ec8710940eb37154aca75afdffa9836be95e7a2f6889e527b6f1f6fce9
            skeyidSig ca0bc33f5282a854bbe64d1422798afabb18c0176330c2274d8c0ed1565eeb46918effc15e054f20547a77cf52c8223b
            --- sha512 Ka 16
            skeyid f1a16abd1ea582ad2b337650d89d7521ce69df8415d38edc3f7b61d4dce20fe43ac54e28d29299dfe95aca423596b3db0e53913e8d792071f6e397e891ca3b80
            d f86823c124bb010c6c7e3a80298e9ac5e586523e2431b75f649a0bdc1097f66897978bf987ac84e82bbccb5cffe88fe10e88ddf344b3f8dfd51de1e067d8b125
            a 53575b51411cf1ad683ef96aadfa1521a2be864f98c6772074f638aaa9be88979d4afbdbc68ed0b81cb3e29ce9ed3b85278e807d5fe0091d7b8797e87d98fae1
            e f018d17de3020f89c79f7af0e71a76a2ddfe4778a71fe0b278497b82e85b84a43a5fc699fae10257270d34e4baceef70a133dfd11ed7a4b36a4fe72dc527be8e
            ka f018d17de3020f89c79f7af0e71a76a2
            ka48 f018d17de3020f89c79f7af0e71a76a2ddfe4778a71fe0b278497b82e85b84a43a5fc699fae10257270d34e4baceef70
            hashI c3d0f4adb23e7532da71a100a1fb7a27dd88151191a0822174e9cea48eaeea365cd58d665a703a8df5b18e2b13778659357fe50605b21726c70cb2ff3a8e972a
            hashR c4c49b5f167a510e83e01c8ca3b2d6c1956d3617e4d8d5da6ca9fa5dcda0e36a74983bac8b2aaee5791f0f0bde8f5ee628d674347b6984d3718c449f632a8119
            iv1 ec58fcbb22fa1a7aa0d3b9e8d847bfbd
            iv2 d1791800e9dc4d73c3bdd014a8d414f5
            qmHash1 c1ecdcbc6482409bff654ebbdfbf683c5b7fdeb9d7d84bff7adf8cee8f398af6508ddbee5ebf608781fb0ea866f4708d89dc45a82129ad72447469c29cbe3f8b
            qmHash2 aac22d0146516e8ac91c619cb6fd581dcf18f27a707524fca130d5839b80f30f493a769f318b2ad2066350fde348e13635b076194aa3284cf7a6891438806bd0
            qmHash3 2d6bd565111fe926bbd6dd6e7fd3cd7ce8e2a7c086d80048368b9aba2cf40f2565bfa7d1c8ba6ccc034d510fe9f884301154442497e1da367e3c0b056cf62679
            keymat a2699f89e0c62521925e39c0f5386f5efada48da35a2409fa0d30d2390e2686f8aaefa90d65122de8944ad8e7f404aadef9be664
            keymatPfs 8ce66eea43a88a7def82a551d4542e0c5c591cef547083c4d610f756deff627e7091b357c1536b5ef4a18cd28335741c3177bef6
            skeyidSig 79f052c845eef7ff951becb6a307af9e5cb8e4c9128a973b66d9452c1b7357f8402f0562e52418dd368d920122964f99ab2661cc095f1fab977903f8ccbbc841
            """;

    static final Map<String, Map<String, byte[]>> VECTORS = parse();

    static Map<String, Map<String, byte[]>> parse() {
        Map<String, Map<String, byte[]>> all = new HashMap<>();
        Map<String, byte[]> cur = null;
        for (String line : EXPECTED.strip().split("\n")) {
            String[] w = line.trim().split("\\s+");
            if (w[0].equals("---")) {
                cur = new HashMap<>();
                all.put(w[1], cur);
            } else {
                cur.put(w[0], HexFormat.of().parseHex(w[1]));
            }
        }
        return all;
    }

    /** The script's deterministic filler: SHA-512(tag | i) blocks. */
    static byte[] seed(String tag, int n) throws Exception {
        byte[] out = new byte[0];
        for (int i = 0; out.length < n; i++) {
            MessageDigest md = MessageDigest.getInstance("SHA-512");
            md.update(tag.getBytes(StandardCharsets.US_ASCII));
            md.update((byte) i);
            byte[] d = md.digest();
            byte[] next = Arrays.copyOf(out, out.length + d.length);
            System.arraycopy(d, 0, next, out.length, d.length);
            out = next;
        }
        return Arrays.copyOf(out, n);
    }

    static String scriptName(HashAlgorithm h) {
        return h == HashAlgorithm.SHA1 ? "sha1" : h.iosName();
    }

    static int kaLength(HashAlgorithm h) {
        switch (h) {
            case MD5: return 24;   // 3DES key from a 16-octet SKEYID_e: expanded K1 | K2
            case SHA1: return 32;  // AES-256 from 20 octets: expanded
            case SHA256: return 32;
            default: return 16;    // AES-128 from 48/64 octets: truncated
        }
    }

    @ParameterizedTest
    @EnumSource(HashAlgorithm.class)
    void phase1AndQuickMode(HashAlgorithm h) throws Exception {
        Map<String, byte[]> v = VECTORS.get(scriptName(h));
        assertNotNull(v);
        byte[] psk = "cisco123".getBytes(StandardCharsets.US_ASCII);
        byte[] ni = seed("Ni", 32);
        byte[] nr = seed("Nr", 16);
        byte[] gxi = seed("gxi", 256);
        byte[] gxr = seed("gxr", 256);
        byte[] gxy = seed("gxy", 256);
        byte[] ckyI = HexFormat.of().parseHex("0123456789abcdef");
        byte[] ckyR = HexFormat.of().parseHex("fedcba9876543210");
        byte[] saiB = seed("SAi", 52);
        byte[] idiiB = HexFormat.of().parseHex("011101f4c0a80101");
        byte[] idirB = HexFormat.of().parseHex("011101f4c0a80102");
        int mid = 0x9abcdef0;
        byte[] qm = seed("qm", 120);
        byte[] gqm = seed("gqm", 128);
        int spi = 0xcafe1234;

        byte[] skeyid = Phase1Keys.skeyidPreSharedKey(h, psk, ni, nr);
        assertArrayEquals(v.get("skeyid"), skeyid);
        Phase1Keys k = Phase1Keys.derive(h, skeyid, gxy, ckyI, ckyR, kaLength(h));
        assertArrayEquals(v.get("d"), k.skeyidD());
        assertArrayEquals(v.get("a"), k.skeyidA());
        assertArrayEquals(v.get("e"), k.skeyidE());
        assertArrayEquals(v.get("ka"), k.encryptionKey());
        assertArrayEquals(v.get("ka48"), Phase1Keys.expandKey(h, k.skeyidE(), 48));
        assertArrayEquals(v.get("hashI"), k.hashI(gxi, gxr, ckyI, ckyR, saiB, idiiB));
        assertArrayEquals(v.get("hashR"), k.hashR(gxi, gxr, ckyI, ckyR, saiB, idirB));
        assertArrayEquals(v.get("iv1"), IkeIv.phase1(h, gxi, gxr, 16));
        assertArrayEquals(v.get("iv2"), IkeIv.phase2(h, seed("last", 16), mid, 16));
        assertArrayEquals(v.get("qmHash1"), QuickMode.hash1(h, k.skeyidA(), mid, qm));
        assertArrayEquals(v.get("qmHash2"), QuickMode.hash2(h, k.skeyidA(), mid, ni, qm));
        assertArrayEquals(v.get("qmHash3"), QuickMode.hash3(h, k.skeyidA(), mid, ni, nr));
        assertArrayEquals(v.get("keymat"), QuickMode.keymat(h, k.skeyidD(), null, 3, spi, ni, nr, 52));
        assertArrayEquals(v.get("keymatPfs"), QuickMode.keymat(h, k.skeyidD(), gqm, 3, spi, ni, nr, 52));
        assertArrayEquals(v.get("skeyidSig"), Phase1Keys.skeyidSignature(h, ni, nr, gxy));
    }

    @Test
    void keymatPrefixIsStable() {
        // A shorter KEYMAT is a prefix of a longer one (K1 | K2 | ...).
        byte[] d = new byte[20];
        byte[] a = QuickMode.keymat(HashAlgorithm.SHA1, d, null, 3, 1, new byte[16], new byte[16], 20);
        byte[] b = QuickMode.keymat(HashAlgorithm.SHA1, d, null, 3, 1, new byte[16], new byte[16], 72);
        assertArrayEquals(a, Arrays.copyOf(b, 20));
        assertEquals(72, b.length);
    }

    @Test
    void keysNeverPrinted() {
        Phase1Keys k = Phase1Keys.derive(HashAlgorithm.SHA256, new byte[32], new byte[256], new byte[8],
                new byte[8], 32);
        String s = k.toString();
        assertFalse(s.contains(HexFormat.of().formatHex(k.skeyidE()).substring(0, 8)), s);
        k.destroy();
        assertArrayEquals(new byte[32], k.skeyidE());
    }

    @Test
    void ivChaining() {
        byte[] ct = HexFormat.of().parseHex("00112233445566778899aabbccddeeff0102030405060708090a0b0c0d0e0f10");
        assertArrayEquals(Arrays.copyOfRange(ct, 16, 32), IkeIv.next(ct, 16));
        assertArrayEquals(Arrays.copyOfRange(ct, 24, 32), IkeIv.next(ct, 8));
    }
}
