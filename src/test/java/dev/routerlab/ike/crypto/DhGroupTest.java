package dev.routerlab.ike.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class DhGroupTest {

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    // RFC 5903 §8: i, g^i = gix | giy, r, g^r = grx | gry, and the x coordinate of g^ir.
    // (The P-521 public values are not re-typed from the RFC: they are checked through the
    // shared secret, which only matches if both sides computed their points correctly.)
    @ParameterizedTest(name = "group {0}")
    @CsvSource({
        "19, C88F01F510D9AC3F70A292DAA2316DE544E9AAB8AFE84049C62A9C57862D1433,"
            + " DAD0B65394221CF9B051E1FECA5787D098DFE637FC90B9EF945D0C3772581180"
            + "5271A0461CDB8252D61F1C456FA3E59AB1F45B33ACCF5F58389E0577B8990BB3,"
            + " C6EF9C5D78AE012A011164ACB397CE2088685D8F06BF9BE0B283AB46476BEE53,"
            + " D12DFB5289C8D4F81208B70270398C342296970A0BCCB74C736FC7554494BF63"
            + "56FBF3CA366CC23E8157854C13C58D6AAC23F046ADA30F8353E74F33039872AB,"
            + " D6840F6B42F6EDAFD13116E0E12565202FEF8E9ECE7DCE03812464D04B9442DE",
        "20, 099F3C7034D4A2C699884D73A375A67F7624EF7C6B3C0F160647B67414DCE655E35B538041E649EE3FAEF896783AB194,"
            + " 667842D7D180AC2CDE6F74F37551F55755C7645C20EF73E31634FE72B4C55EE6DE3AC808ACB4BDB4C88732AEE95F41AA"
            + "9482ED1FC0EEB9CAFC4984625CCFC23F65032149E0E144ADA024181535A0F38EEB9FCFF3C2C947DAE69B4C634573A81C,"
            + " 41CB0779B4BDB85D47846725FBEC3C9430FAB46CC8DC5060855CC9BDA0AA2942E0308312916B8ED2960E4BD55A7448FC,"
            + " E558DBEF53EECDE3D3FCCFC1AEA08A89A987475D12FD950D83CFA41732BC509D0D1AC43A0336DEF96FDA41D0774A3571"
            + "DCFBEC7AACF3196472169E838430367F66EEBE3C6E70C416DD5F0C68759DD1FFF83FA40142209DFF5EAAD96DB9E6386C,"
            + " 11187331C279962D93D604243FD592CB9D0A926F422E47187521287E7156C5C4D603135569B9E9D09CF5D4A270F59746",
        "21, 0037ADE9319A89F4DABDB3EF411AACCCA5123C61ACAB57B5393DCE47608172A095AA85A30FE1C2952C6771D937BA9777"
            + "F5957B2639BAB072462F68C27A57382D4A52, ,"
            + " 0145BA99A847AF43793FDD0E872E7CDFA16BE30FDC780F97BCCC3F078380201E9C677D600B343757A3BDBF2A3163E4C2"
            + "F869CCA7458AA4A4EFFC311F5CB151685EB9, ,"
            + " 01144C7D79AE6956BC8EDB8E7C787C4521CB086FA64407F97894E5E6B2D79B04D1427E73CA4BAA240A34786859810C06"
            + "B3C715A3A8CC3151F2BEE417996D19F3DDEA",
    })
    void rfc5903(int id, String i, String gi, String r, String gr, String gir) {
        DhGroup g = DhGroup.byId(id).orElseThrow();
        DhKeyPair a = g.keyPair(new BigInteger(i, 16));
        DhKeyPair b = g.keyPair(new BigInteger(r, 16));
        if (gi != null) {
            assertArrayEquals(hex(gi), a.publicValue());
            assertArrayEquals(hex(gr), b.publicValue());
        }
        assertEquals(g.publicValueLength(), a.publicValue().length);
        assertArrayEquals(hex(gir), a.agree(b.publicValue()).orElseThrow());
        assertArrayEquals(hex(gir), b.agree(a.publicValue()).orElseThrow());
    }

    // MODP known answers computed with Python's pow() over the primes printed by
    // `openssl genpkey -genparam -algorithm DH -pkeyopt group:modp_2048` and
    // `-algorithm DHX -pkeyopt dh_rfc5114:3`: x_a, x_b, g^x_a, g^x_b, g^(x_a x_b).
    static final String[][] MODP_KAT = {
        // group 14
        {"MODP_2048",
            "8f26d6fe2a3dafd828081cc3ea3a5d610083c4563fb4f4fe51b2533b1ce44eb0",
            "ff108ea1c0a069a00ee5a1c9bbe72fc3d67b5f0d3accb8e132cd9e1a8dbbd50f",
            "c00edc36071fa24813ba4c1436db124dbc4017d85546222364afefd7e979e15a55b7b46531565b9ae01925d746367a3c"
                + "3d3c198c81fb814076c7ade93c4da944cb29de337e8848fb74e50c20bb0904dea1e8d5f6e56d9c9534064eccf8be0786"
                + "cdbab3d3e5772f0f1dab4e324394d16632b947648252baf3d5dc0c3d14d4908b6368baf6dda438b426d4bfdc44706253"
                + "92a01db9c719176fee7b94e85a811045a814f21e5675b9c50d87b1dd6279878a58d05c6e8c7b2655c906f510a1ef22fd"
                + "937e4c429aba98df7f2de2f2d90d076f63aa880f4d6a5ecfbd66e7751d132ad81d4b1d5203d63a7bb78eb834dad9fdfe"
                + "a5f423a491165c55148bdc7729663502",
            "8c2c164ef62144250817b98a4c444e2c4d51324fbb7e98ad1ed21f467c4ff8535658dbb9f95f6752cbae304e6d954425"
                + "94d3d7f5c90fdc55df957113acdfef4597085bafe181f2741cf4d2fed9d17da9bf3488e15c9b23c07e24d73a16e0815d"
                + "e9efcf4ca6ce1226484e62361d5e31dda7c36cb424ca72d4e7cbc5c91d83904ab77600685195d6e5f100e2f9746d9477"
                + "006990e7e5746d1d014c6dbe4664f4dec45a288f3bd9be54824f33dd62d94378f673aa8e4f08ea8f2dc4626dbba0be92"
                + "26ec536eb7cad439d2e3f528e2231cda1e76c90fdc4adce7b10bd0d0bad0e7631357f7d8b31d5bce0370ad987dc7b78b"
                + "19d819cb8ac79eb747270ddb32bd18d0",
            "c47cc8c03a212b85c8309a230735ea0ffa23013d2c4fc93ee958bfdf174cab5734db05c9825d44986cf85d4aa3a9da96"
                + "c14957add233eaeb989779d09841b9b87b878bd95d4b555200dbac15eec7440155fd6ebf7ede5c00097a1674b40e519d"
                + "2d0bd2c0ffbaf86601eb16a8d33b7ebccde0ae04fadee47d3cf5d6b67ca0abd3089e17b83a0e6b75c78fd547d44b305c"
                + "9dcded8d8e2c2724496f336965c66cb62496a65065cf6ef18079603960618e98ff3b845c955e26e2b66abe1e59247c83"
                + "e2094c5cc6ca6e24b6378353f9b9ec2c31db73c9b26f75d199763aa60d8bf86243c5c33c76d8e2b402deb37c88b323c1"
                + "cff3160b7f9333876349f608686ebacb"},
        // group 24
        {"MODP_2048_256",
            "8f26d6fe2a3dafd828081cc3ea3a5d610083c4563fb4f4fe51b2533b1ce44eb0",
            "ff108ea1c0a069a00ee5a1c9bbe72fc3d67b5f0d3accb8e132cd9e1a8dbbd50f",
            "02b35d905409730f627ddf1e06a25d6ff1d0c7e16433a55afe793e09b3e8249fc90ddaa6dc11ab778385a3de6fb3cd7c"
                + "6f584c06e789b1859ac11ef40cc822c8d6902d71f55f40b23bedd24a2070c3befd47f5d0599b8218d277e477a9eb787d"
                + "ad770afee9dbddd4b84a935fc9a097f320a92fadb6fbe77be7417aa7182cd4200192b61eac6ed69da21f817f60b18315"
                + "6b4a3096d1823392f3240c202451023fa6e085256161baa9a3c7baefb2e20e51ddb273546d9685de0d6500bf7be6866a"
                + "9ecabc3fecb6243da5deac34688447161544eecf2a449c54b46959e2e594fc058b7b499aa09c54aab28f5d6ea5e0a403"
                + "3563aa87f81aba89b6bc1c8657e7e6bb",
            "7c219d5148623728f56602c840fc539ec7947ed5fd78d2c5cc75c0dda7e14c9003aa05144637a2ffae05c37b4e66adb0"
                + "3527da46c8c0e1622628d7fa85eb5bcb3ced716027070dc3c80218c01e9b1690596c9110a45f9b40d4fc867512409d87"
                + "55efc2e903ed24c6560daeee171e7884cfb9770044248b3befd27a1793f6256fc93955c7a34f20559a0f2e727cb05c6b"
                + "c9ed847b8d794d92c857014266a33fa99a9f007ab965342d257a6685268ea28ed47627306052dfa03ee4c9bffccab35d"
                + "ecd7e12e0ca15d1929fcb95a1c5e1b8c8bdcf2d6a6bd8351f0698870106f7935834652ca7b04e13ec8c36615a7f4ef4d"
                + "48eae8b474d58ca7398cc5c8912b27fe",
            "5fd06a53b24bf30b0ebfff0c1d651a763daa6a86b8d924c332552afdb1567419f522e310662d9042d79cdf9f739c0c51"
                + "bda883d2ece98f502b60958d99759ce69615eb1cfc355cfc7944a5909cb5bf50273458b010eec6700c40db73b2d1fb85"
                + "5fde68bd52d54ad512101043f33de3c0b3f30e4c624db4f2df8b78ab08a68e0cf567b3e1e9c3235cf6edcc9ab5148407"
                + "010e0ebdec9eda4550771a217aa33f88fa37cf13fbfc03f88aa10ed469aa6cb272965b590f4a71940b36edf7c3b522dd"
                + "214ff514e8a30478421ff2a265561f749b9f5900d9f79cc4cd43502496666a3e998bb50666452776c00308c18e6efa1b"
                + "b669e1ca995e83925f5b272f6194278a"}
    };

    @Test
    void modpKnownAnswers() {
        for (String[] v : MODP_KAT) {
            DhGroup g = DhGroup.valueOf(v[0]);
            DhKeyPair a = g.keyPair(new BigInteger(v[1], 16));
            DhKeyPair b = g.keyPair(new BigInteger(v[2], 16));
            assertArrayEquals(hex(v[3]), a.publicValue(), v[0]);
            assertArrayEquals(hex(v[4]), b.publicValue(), v[0]);
            assertArrayEquals(hex(v[5]), a.agree(b.publicValue()).orElseThrow(), v[0]);
            assertArrayEquals(hex(v[5]), b.agree(a.publicValue()).orElseThrow(), v[0]);
        }
    }

    @ParameterizedTest
    @EnumSource(DhGroup.class)
    void twoGeneratedPairsAgree(DhGroup g) {
        SplittableRandom rnd = new SplittableRandom(g.id());
        DhKeyPair a = g.generate(rnd);
        DhKeyPair b = g.generate(rnd);
        assertEquals(g.publicValueLength(), a.publicValue().length);
        assertNotEquals(HexFormat.of().formatHex(a.publicValue()), HexFormat.of().formatHex(b.publicValue()));
        byte[] s1 = a.agree(b.publicValue()).orElseThrow();
        byte[] s2 = b.agree(a.publicValue()).orElseThrow();
        assertArrayEquals(s1, s2);
        int expected = g.isEllipticCurve() ? g.publicValueLength() / 2 : g.publicValueLength();
        assertEquals(expected, s1.length, "g^xy is fixed length");
        // Same seed, same key pair: labs replay byte for byte.
        assertArrayEquals(a.publicValue(), g.generate(new SplittableRandom(g.id())).publicValue());
        assertFalse(a.toString().contains(new BigInteger(1, s1).toString(16)));
    }

    @ParameterizedTest
    @EnumSource(DhGroup.class)
    void invalidPeerValuesAreRefused(DhGroup g) {
        DhKeyPair a = g.generate(new SplittableRandom(1));
        int len = g.publicValueLength();
        byte[] good = g.generate(new SplittableRandom(2)).publicValue();
        assertTrue(a.agree(good).isPresent());
        assertEquals(Optional.empty(), a.agree(null));
        assertEquals(Optional.empty(), a.agree(new byte[0]));
        assertEquals(Optional.empty(), a.agree(Arrays.copyOf(good, len - 1)));
        assertEquals(Optional.empty(), a.agree(Arrays.copyOf(good, len + 1)));
        assertEquals(Optional.empty(), a.agree(new byte[len]), "zero");
        byte[] ff = new byte[len];
        Arrays.fill(ff, (byte) 0xFF);
        assertEquals(Optional.empty(), a.agree(ff), "beyond the prime / field");
        if (g.isEllipticCurve()) {
            byte[] offCurve = good.clone();
            offCurve[len - 1] ^= 1;
            assertEquals(Optional.empty(), a.agree(offCurve), "not on the curve");
        } else {
            ModpGroup m = (ModpGroup) g.engine();
            byte[] one = new byte[len];
            one[len - 1] = 1;
            assertEquals(Optional.empty(), a.agree(one), "1");
            byte[] pMinus1 = DhEngine.fixed(m.p().subtract(BigInteger.ONE), len);
            assertEquals(Optional.empty(), a.agree(pMinus1), "p-1");
            assertEquals(Optional.empty(), a.agree(DhEngine.fixed(m.p(), len)), "p");
        }
    }

    @Test
    void group24RefusesValuesOutsideTheSubgroup() {
        ModpGroup m = (ModpGroup) DhGroup.MODP_2048_256.engine();
        BigInteger two = BigInteger.TWO;
        assertNotEquals(BigInteger.ONE, two.modPow(m.q(), m.p()), "2 is outside the order-q subgroup");
        DhKeyPair a = DhGroup.MODP_2048_256.generate(new SplittableRandom(3));
        assertEquals(Optional.empty(), a.agree(DhEngine.fixed(two, 256)));
    }

    @Test
    void group24Parameters() {
        ModpGroup m = (ModpGroup) DhGroup.MODP_2048_256.engine();
        assertEquals(2048, m.p().bitLength());
        assertEquals(256, m.q().bitLength());
        assertTrue(m.p().isProbablePrime(64));
        assertTrue(m.q().isProbablePrime(64));
        assertEquals(BigInteger.ZERO, m.p().subtract(BigInteger.ONE).mod(m.q()));
        assertEquals(BigInteger.ONE, m.g().modPow(m.q(), m.p()));
        assertTrue(m.p().toString(16).startsWith("87a8e61db4b6663c"));
        assertTrue(m.p().toString(16).endsWith("1e1a1597"));
    }

    /**
     * The MODP primes of groups 1, 2 (RFC 2409 §6.1-6.2) and 5, 14, 15, 16 (RFC 3526) from their
     * defining formula {@code p = 2^n - 2^(n-64) - 1 + 2^64 * ([2^(n-130) pi] + k)}, with pi
     * computed here by Machin's formula.
     */
    @ParameterizedTest
    @CsvSource({"MODP_768, 768, 149686", "MODP_1024, 1024, 129093", "MODP_1536, 1536, 741804",
        "MODP_2048, 2048, 124476", "MODP_3072, 3072, 1690314", "MODP_4096, 4096, 240904"})
    void modpPrimesMatchTheRfcFormula(DhGroup g, int n, long k) {
        ModpGroup m = (ModpGroup) g.engine();
        int scale = n + 256;
        BigInteger piScaled = arctanInv(5, scale).shiftLeft(4).subtract(arctanInv(239, scale).shiftLeft(2));
        BigInteger floor = piScaled.shiftRight(scale - (n - 130));
        BigInteger p = BigInteger.ONE.shiftLeft(n)
                .subtract(BigInteger.ONE.shiftLeft(n - 64))
                .subtract(BigInteger.ONE)
                .add(floor.add(BigInteger.valueOf(k)).shiftLeft(64));
        assertEquals(p, m.p());
        assertEquals(BigInteger.TWO, m.g());
        assertEquals(n / 8, g.publicValueLength());
    }

    /** arctan(1/x) * 2^scale, truncated (error of a few units in the last place). */
    private static BigInteger arctanInv(int x, int scale) {
        BigInteger xb = BigInteger.valueOf(x);
        BigInteger x2 = xb.multiply(xb);
        BigInteger term = BigInteger.ONE.shiftLeft(scale).divide(xb);
        BigInteger sum = term;
        for (int i = 1; term.signum() != 0; i++) {
            term = term.divide(x2);
            BigInteger t = term.divide(BigInteger.valueOf(2L * i + 1));
            sum = (i % 2 == 1) ? sum.subtract(t) : sum.add(t);
        }
        return sum;
    }

    @Test
    void groupIds() {
        int[] ids = {1, 2, 5, 14, 15, 16, 19, 20, 21, 24};
        assertEquals(ids.length, DhGroup.values().length);
        for (int id : ids) {
            assertEquals(id, DhGroup.byId(id).orElseThrow().id());
        }
        assertTrue(DhGroup.byId(22).isEmpty());
    }
}
