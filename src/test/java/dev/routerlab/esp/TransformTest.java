package dev.routerlab.esp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TransformTest {

    @ParameterizedTest
    @CsvSource({
        // words,                          canonical,                      KEYMAT, ICV, IKE id, key-length attr, auth attr
        "esp-des esp-md5-hmac,             esp-des esp-md5-hmac,           24, 12, 2, 0, 1",
        "esp-3des esp-sha-hmac,            esp-3des esp-sha-hmac,          44, 12, 3, 0, 2",
        "esp-aes esp-sha-hmac,             esp-aes esp-sha-hmac,           36, 12, 12, 128, 2",
        "esp-aes 128 esp-sha256-hmac,      esp-aes esp-sha256-hmac,        48, 16, 12, 128, 5",
        "esp-aes 192 esp-sha384-hmac,      esp-aes 192 esp-sha384-hmac,    72, 24, 12, 192, 6",
        "esp-aes 256 esp-sha512-hmac,      esp-aes 256 esp-sha512-hmac,    96, 32, 12, 256, 7",
        "esp-sha-hmac esp-aes 256,         esp-aes 256 esp-sha-hmac,       52, 12, 12, 256, 2",
        "esp-gcm,                          esp-gcm,                        20, 16, 20, 128, 0",
        "esp-gcm 256,                      esp-gcm 256,                    36, 16, 20, 256, 0",
        "esp-null esp-sha-hmac,            esp-null esp-sha-hmac,          20, 12, 11, 0, 2",
        "esp-sha256-hmac,                  esp-null esp-sha256-hmac,       32, 16, 11, 0, 5",
        "esp-aes 256,                      esp-aes 256,                    32, 0, 12, 256, 0",
        "ESP-3DES   ESP-MD5-HMAC,          esp-3des esp-md5-hmac,          40, 12, 3, 0, 1",
    })
    void parsesIosWords(String words, String canonical, int keymat, int icv, int ikeId, int keyLen, int auth) {
        Transform t = Transform.parse(words);
        assertEquals(canonical, t.toString());
        assertEquals(keymat, t.keymatLength());
        assertEquals(icv, t.icvLength());
        assertEquals(ikeId, t.encryption().ikeTransformId());
        assertEquals(keyLen, t.encryption().keyLengthAttribute());
        assertEquals(auth, t.integrity().authAlgorithmAttribute());
        assertEquals(t, Transform.parse(t.toString()));
        assertEquals(t, Transform.fromIke(ikeId, keyLen, auth).orElseThrow(), "IKEv1 attributes");
    }

    @Test
    void fromIkeRefusesWhatWeDoNotOffer() {
        assertTrue(Transform.fromIke(12, 0, 2).isPresent(), "AES without Key Length = 128");
        assertFalse(Transform.fromIke(12, 512, 2).isPresent());
        assertFalse(Transform.fromIke(20, 192, 0).isPresent(), "no esp-gcm 192");
        assertFalse(Transform.fromIke(20, 128, 2).isPresent(), "GCM with a separate MAC");
        assertFalse(Transform.fromIke(11, 0, 0).isPresent(), "NULL without integrity");
        assertFalse(Transform.fromIke(18, 128, 0).isPresent(), "GCM with an 8-octet ICV");
        assertFalse(Transform.fromIke(2, 0, 9).isPresent(), "AES-XCBC-MAC");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "esp-null", "esp-gcm esp-sha-hmac", "esp-aes 512", "esp-des 128",
        "esp-aes esp-3des", "esp-sha-hmac esp-md5-hmac", "ah-sha-hmac", "esp-gcm 192"})
    void rejectsInvalid(String words) {
        assertThrows(IllegalArgumentException.class, () -> Transform.parse(words));
    }

    @Test
    void integrityFlag() {
        assertTrue(Transform.parse("esp-gcm").hasIntegrity());
        assertTrue(Transform.parse("esp-null esp-md5-hmac").hasIntegrity());
        assertFalse(Transform.parse("esp-3des").hasIntegrity());
    }
}
