package dev.routerlab.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import dev.routerlab.TestRouter;
import dev.routerlab.cli.Mode;
import org.junit.jupiter.api.Test;

class LineConfigTest {
    private static final String INVALID = "% Invalid input detected at '^' marker.";

    private static TestRouter configured() {
        TestRouter r = new TestRouter();
        r.exec("configure terminal");
        return r;
    }

    private static String lineSection(String running) {
        return running.substring(running.indexOf("line con 0"));
    }

    @Test
    void defaultLinesAsIosv() {
        assertEquals("""
            line con 0
            line aux 0
            line vty 0 4
             login
             transport input none
            !
            end
            """, lineSection(new TestRouter().running()));
    }

    @Test
    void lineSettingsRoundTripInIosOrder() {
        String out = RoundTrip.check("""
            access-list 23 permit 10.0.0.0 0.0.0.255
            line con 0
             logging synchronous
             exec-timeout 0 0
             privilege level 15
            line aux 0
             exec-timeout 0 0
            line vty 0 4
             transport input ssh telnet
             login local
             logging synchronous
             password cisco
             privilege level 15
             exec-timeout 30
             access-class 23 in
            """);
        assertEquals("""
            line con 0
             exec-timeout 0 0
             privilege level 15
             logging synchronous
            line aux 0
             exec-timeout 0 0
            line vty 0 4
             access-class 23 in
             exec-timeout 30 0
             privilege level 15
             password cisco
             logging synchronous
             login local
             transport input telnet ssh
            !
            end
            """, lineSection(out));
    }

    @Test
    void defaultValuesAreHiddenAndNoFormsRestore() {
        String out = RoundTrip.check("""
            line con 0
             exec-timeout 10 0
             privilege level 1
             transport input all
            line vty 0 15
             transport input none
             no login
            """);
        assertEquals("line con 0\nline aux 0\nline vty 0 4\n no login\n transport input none\n!\nend\n", lineSection(out));
        TestRouter r = configured();
        r.execAll("line vty 0 4", "password 7 0822455D0A16", "login", "transport input ssh", "exec-timeout 5 30",
            "privilege level 15", "logging synchronous", "access-class 10 in");
        LineConfig v = r.config().lineVty;
        assertEquals(330, v.execTimeoutSeconds());
        assertEquals(List.of("ssh"), v.effectiveTransport());
        assertEquals(new Secret(7, "0822455D0A16"), v.password);
        r.execAll("no password", "default login", "default transport input", "no exec-timeout", "no privilege level",
            "no logging synchronous", "no access-class 10 in");
        assertEquals(new LineConfig(LineConfig.Kind.VTY, 0, 4), v);
        r.exec("no transport input");
        assertEquals(List.of("none"), v.effectiveTransport());
        r.exec("transport input all");
        assertEquals(List.of("all"), v.effectiveTransport());
        r.exec("no login");
        assertEquals(LineConfig.Login.NONE, v.login);
        assertNull(r.config().lineCon.accessClass);
    }

    @Test
    void promptsErrorsAndMessages() {
        TestRouter r = configured();
        r.exec("line con 0");
        assertEquals("Router(config-line)#", r.session.prompt());
        assertEquals("% Login disabled on line 0, until 'password' is set\n", r.exec("login"));
        r.exec("password cisco");
        assertEquals("", r.exec("login"));
        assertEquals("% Incomplete command.\n\n", r.exec("exec-timeout"));
        assertEquals("% Incomplete command.\n\n", r.exec("transport input"));
        r.exec("password 5 abc");
        assertEquals(new Secret(0, "5 abc"), r.config().lineCon.password);
        assertTrue(r.exec("privilege level 16").contains(INVALID));
        assertTrue(r.exec("exec-timeout 40000").contains(INVALID));
        r.exec("line vty 0 4");
        assertEquals("Router(config-line)#", r.session.prompt());
        assertEquals("""
            % Login disabled on line 2, until 'password' is set
            % Login disabled on line 3, until 'password' is set
            % Login disabled on line 4, until 'password' is set
            % Login disabled on line 5, until 'password' is set
            % Login disabled on line 6, until 'password' is set
            """, r.exec("login"));
        assertEquals("", r.exec("login local"));
        assertTrue(r.exec("line vty 5 15").contains(INVALID));
        assertEquals(Mode.CONFIG_LINE, r.session.mode());
        assertTrue(r.exec("line con 1").contains(INVALID));
        r.exec("line vty 2");
        assertEquals("Router(config-line)#", r.session.prompt());
        // a global command leaves config-line
        r.exec("hostname R1");
        assertEquals(Mode.CONFIG, r.session.mode());
        assertEquals("R1(config)#", r.session.prompt());
    }
}
