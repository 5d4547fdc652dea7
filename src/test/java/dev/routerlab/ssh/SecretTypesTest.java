package dev.routerlab.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.TestRouter;
import dev.routerlab.config.RunningConfig;
import dev.routerlab.config.Secret;
import dev.routerlab.config.Secrets;
import org.junit.jupiter.api.Test;

/** IOS secret types 7, 8 and 9, and `algorithm-type` on `username` and `enable`. */
class SecretTypesTest {
    @Test
    void scryptType9KnownAnswer() {
        // hashcat's example for mode 9300 (Cisco-IOS $9$), password "hashcat"
        Secret s = new Secret(9, "$9$2MJBozw/9R3UsU$2lFhcKvpghcyw8deP25GOfyZaagyUOGBymkryvOdfo6");
        assertTrue(Secrets.matches(s, "hashcat"));
        assertFalse(Secrets.matches(s, "hashcaT"));
        assertFalse(Secrets.matches(new Secret(9, "$9$2MJBozw/9R3UsU$short"), "hashcat"));
        assertFalse(Secrets.matches(new Secret(9, "garbage"), "hashcat"));
    }

    @Test
    void pbkdf2Type8KnownAnswer() {
        // hashcat's example for mode 9200 (Cisco-IOS $8$), password "hashcat"
        Secret s = new Secret(8, "$8$TnGX/fE4KGHOVU$pEhnEvxrvaynpi8j4f.EMHr6M.FzU8xnZnBr/tJdFWk");
        assertTrue(Secrets.matches(s, "hashcat"));
        assertFalse(Secrets.matches(s, "cisco"));
    }

    @Test
    void type7Password() {
        assertTrue(Secrets.matches(new Secret(7, "0822455D0A16"), "cisco"));
        assertFalse(Secrets.matches(new Secret(7, "0822455D0A16"), "Cisco"));
        assertFalse(Secrets.matches(new Secret(7, "zz"), "cisco"));
    }

    @Test
    void algorithmTypeScryptMakesType9() {
        TestRouter r = new TestRouter();
        r.exec("conf t");
        assertEquals("", r.exec("username admin privilege 15 algorithm-type scrypt secret S3cret!"));
        r.exec("end");
        RunningConfig.User u = r.config().users.get("admin");
        assertEquals(15, u.privilege());
        assertEquals(9, u.secret().type());
        assertTrue(u.secret().value().matches("\\$9\\$[./0-9A-Za-z]{14}\\$[./0-9A-Za-z]{43}"), u.secret().value());
        assertTrue(Secrets.matches(u.secret(), "S3cret!"));
        assertFalse(Secrets.matches(u.secret(), "s3cret!"));
        assertTrue(r.running().contains("username admin privilege 15 secret 9 $9$"), r.running());
        // the rendering loads back to the same hash
        TestRouter again = new TestRouter();
        again.load(r.running());
        assertEquals(u, again.config().users.get("admin"));
        // the clear text is never shown
        assertFalse(r.running().contains("S3cret!"));
    }

    @Test
    void algorithmTypeSha256MakesType8AndEnableToo() {
        TestRouter r = new TestRouter();
        r.execAll("conf t", "username bob algorithm-type sha256 secret pw1", "enable algorithm-type scrypt secret en4ble", "end");
        assertEquals(8, r.config().users.get("bob").secret().type());
        assertTrue(Secrets.matches(r.config().users.get("bob").secret(), "pw1"));
        assertEquals(9, r.config().enableSecret.type());
        assertTrue(Secrets.matches(r.config().enableSecret, "en4ble"));
        assertTrue(r.running().contains("enable secret 9 $9$"));
    }

    @Test
    void algorithmTypeTakesOnlyClearText() {
        TestRouter r = new TestRouter();
        r.exec("conf t");
        String out = r.exec("username eve algorithm-type scrypt secret 5 $1$abcd$xyz");
        assertTrue(out.contains("% Invalid input detected"), out);
        assertFalse(r.config().users.containsKey("eve"));
    }
}
