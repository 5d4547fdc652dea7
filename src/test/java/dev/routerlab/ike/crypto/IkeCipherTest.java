package dev.routerlab.ike.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IkeCipherTest {

    @Test
    void aesCbcKnownAnswer() {
        // RFC 3602 §4 case 2.
        IkeCipher c = new IkeCipher(IkeCipherAlgorithm.AES_128,
                HexFormat.of().parseHex("c286696d887c9aa0611bbb3e2025a45a"));
        byte[] iv = HexFormat.of().parseHex("562e17996d093d28ddb3ba695a2e6f58");
        byte[] pt = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        byte[] ct = c.encrypt(iv, pt);
        assertArrayEquals(HexFormat.of().parseHex(
                "d296cd94c2cccf8a3a863028b5e1dc0a7586602d253cfff91b8266bea6d61ab1"), ct);
        assertArrayEquals(pt, c.decrypt(iv, ct).orElseThrow());
        assertArrayEquals(HexFormat.of().parseHex("7586602d253cfff91b8266bea6d61ab1"), IkeIv.next(ct, 16));
    }

    @ParameterizedTest
    @EnumSource(IkeCipherAlgorithm.class)
    void roundTripAndHostileLengths(IkeCipherAlgorithm a) {
        SplittableRandom r = new SplittableRandom(a.ordinal());
        byte[] key = new byte[a.keyLength()];
        r.nextBytes(key);
        IkeCipher c = new IkeCipher(a, key);
        byte[] iv = new byte[a.blockSize()];
        byte[] body = new byte[37];
        r.nextBytes(body);
        byte[] padded = c.pad(body);
        assertEquals(0, padded.length % a.blockSize());
        byte[] ct = c.encrypt(iv, padded);
        assertArrayEquals(padded, c.decrypt(iv, ct).orElseThrow());
        assertEquals(Optional.empty(), c.decrypt(iv, new byte[0]));
        assertEquals(Optional.empty(), c.decrypt(iv, new byte[a.blockSize() + 1]));
        assertThrows(IllegalArgumentException.class, () -> c.encrypt(iv, body));
        assertFalse(c.toString().contains(HexFormat.of().formatHex(key).substring(0, 8)));
        assertTrue(a.oakleyId() == 1 || a.oakleyId() == 5 || a.oakleyId() == 7);
    }

    @Test
    void oakleyLookup() {
        assertEquals(IkeCipherAlgorithm.AES_256, IkeCipherAlgorithm.byOakley(7, 256).orElseThrow());
        assertEquals(IkeCipherAlgorithm.AES_128, IkeCipherAlgorithm.byOakley(7, 0).orElseThrow());
        assertEquals(IkeCipherAlgorithm.TRIPLE_DES, IkeCipherAlgorithm.byOakley(5, 0).orElseThrow());
        assertTrue(IkeCipherAlgorithm.byOakley(7, 100).isEmpty());
        assertEquals(HashAlgorithm.SHA256, HashAlgorithm.byOakleyId(4).orElseThrow());
        assertTrue(HashAlgorithm.byOakleyId(3).isEmpty(), "Tiger");
    }
}
