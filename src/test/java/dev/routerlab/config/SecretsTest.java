package dev.routerlab.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretsTest {
    /** Expected values from OpenSSL: `openssl passwd -1 -salt SALT PASSWORD`. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "cisco|mERr|$1$mERr$hx5rVt7rPNoS4wqbXKX7m0",
        "Sup3r!secret|abcd|$1$abcd$RX68/.88bSvRjyfj0x.wD/",
        "a-much-longer-password-over-sixteen-chars|12345678|$1$12345678$vVdzTAx.wPatiSu5C97uA0"})
    void md5CryptMatchesOpenSsl(String password, String salt, String expected) {
        assertEquals(expected, Secrets.md5Crypt(password, salt));
    }

    @Test
    void hashedSecretsVerify() {
        Secret s = Secrets.hash("class", new SplittableRandom(3));
        assertEquals(5, s.type());
        assertTrue(Secrets.matches(s, "class"));
        assertFalse(Secrets.matches(s, "Class"));
        assertTrue(Secrets.matches(new Secret(0, "plain"), "plain"));
    }
}
