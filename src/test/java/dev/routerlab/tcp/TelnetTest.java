package dev.routerlab.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import dev.routerlab.cli.Session;
import dev.routerlab.ip.Net;
import dev.routerlab.link.WireOptions;
import dev.routerlab.telnet.TelnetCodec;
import org.junit.jupiter.api.Test;

/** R1's telnet client to R2's vty lines over their TCP, in virtual time, with IOS's texts. */
class TelnetTest {
    final Net net = new Net();
    final Net.Node r1 = net.router("R1"), r2 = net.router("R2");

    TelnetTest() {
        net.wire(r1, "Gi0/0", r2, "Gi0/0", WireOptions.DEFAULT.withDelay(1_000_000));
        r1.config("interface GigabitEthernet0/0", "ip address 10.0.12.1 255.255.255.0", "no shutdown");
        r2.config("interface GigabitEthernet0/0", "ip address 10.0.12.2 255.255.255.0", "no shutdown",
            "line vty 0 4", "password cisco", "login", "transport input telnet");
        net.run(2);
        r1.exec("ping 10.0.12.2 repeat 1");
    }

    Session.Question prompt() { return r1.session.question(); }

    @Test
    void r1LogsInToR2WithTheLinePasswordRunsAShowAndExits() {
        String open = r1.exec("telnet 10.0.12.2");
        assertEquals("Trying 10.0.12.2 ... Open\n\n\nUser Access Verification\n\n", open);
        assertEquals(new Session.Question("Password: ", true), prompt());
        assertEquals("", r1.exec("cisco"));
        assertEquals(new Session.Question("R2>", false), prompt());
        String b = r2.exec("show tcp brief");
        assertTrue(b.matches("(?s).*10\\.0\\.12\\.2\\.23 +10\\.0\\.12\\.1\\.\\d+ +ESTAB\n"), b);
        String show = r1.exec("show ip interface brief");
        assertTrue(show.startsWith("Interface                  IP-Address      OK? Method Status                Protocol\n"), show);
        assertTrue(show.contains("GigabitEthernet0/0         10.0.12.2       YES manual up                    up\n"), show);
        assertTrue(r2.exec("show users").contains("vty 0"), "the telnet session is on vty 0");
        assertEquals("\n[Connection to 10.0.12.2 closed by foreign host]\n", r1.exec("exit"));
        assertNull(prompt());
        assertEquals(null, r1.session.connection());
        net.run(1);
        String b2 = r2.exec("show tcp brief");
        assertTrue(b2.endsWith("TIMEWAIT\n"), b2);
        assertEquals(1, r1.exec("show tcp brief").split("\n").length);
    }

    @Test
    void acrossTheGreLabR1TelnetsToR3sLoopbackThroughTheTunnel() {
        Net lab = Net.greLab(WireOptions.DEFAULT.withDelay(1_000_000));
        Net.Node a = lab.get("R1"), c = lab.get("R3");
        c.config("line vty 0 4", "password cisco", "login", "transport input telnet");
        lab.run(5);
        a.exec("ping 10.12.0.2 repeat 1");
        lab.get("R2").exec("ping 10.23.0.3 repeat 1");
        assertEquals("Trying 3.3.3.3 ... Open\n\n\nUser Access Verification\n\n", a.exec("telnet 3.3.3.3"));
        a.exec("cisco");
        assertEquals(new Session.Question("R3>", false), a.session.question());
        String show = a.exec("show ip interface brief");
        assertTrue(show.contains("Tunnel0                    172.16.13.2     YES manual up                    up"), show);
        assertTrue(c.exec("show tcp brief").contains("3.3.3.3.23                  172.16.13.1."), "R1 came through its tunnel");
        assertEquals("\n[Connection to 3.3.3.3 closed by foreign host]\n", a.exec("exit"));
        assertTrue(a.exec("show interfaces Tunnel0").contains("packets output"), "the session went through Tunnel0");
    }

    @Test
    void execTimeoutClosesAnIdleVtySession() {
        r2.config("line vty 0 4", "exec-timeout 1 0");
        r1.exec("telnet 10.0.12.2");
        r1.exec("cisco");
        assertEquals(new Session.Question("R2>", false), prompt());
        net.run(50);
        assertEquals(new Session.Question("R2>", false), prompt(), "50 s idle: still there");
        net.run(15);
        assertEquals("\n[Connection to 10.0.12.2 closed by foreign host]\n", r1.pending());
        assertNull(prompt());
        assertTrue(!r2.exec("show users").contains("vty 0"), "the vty line is free again");
    }

    @Test
    void anUnansweredLoginTimesOutAfter30Seconds() {
        assertEquals("Trying 10.0.12.2 ... Open\n\n\nUser Access Verification\n\n", r1.exec("telnet 10.0.12.2"));
        net.run(25);
        assertEquals(new Session.Question("Password: ", true), prompt(), "25 s: still asked");
        net.run(6);
        assertEquals("\n% Password:  timeout expired!\n\n[Connection to 10.0.12.2 closed by foreign host]\n", r1.pending());
        assertNull(prompt());
        assertTrue(!r2.exec("show users").contains("vty 0"), "the vty line is free again");
    }

    @Test
    void anAddressAloneTelnetsAndWrongPasswordsEndIt() {
        assertTrue(r1.exec("10.0.12.2").startsWith("Trying 10.0.12.2 ... Open\n"));
        assertEquals("", r1.exec("wrong"));
        assertEquals(new Session.Question("Password: ", true), prompt());
        r1.exec("wrong");
        assertEquals("% Bad passwords\n\n\n[Connection to 10.0.12.2 closed by foreign host]\n", r1.exec("wrong"));
    }

    @Test
    void aaaNewModelAsksAUsernameAuthorizesTheExecAndNamedListsApplyToTheLine() {
        r2.config("username admin privilege 15 secret s3cret", "aaa new-model");
        // no list: the vty uses the local usernames; without exec authorization the user lands at the line's level
        assertEquals("Trying 10.0.12.2 ... Open\n\n\nUser Access Verification\n\n", r1.exec("telnet 10.0.12.2"));
        assertEquals(new Session.Question("Username: ", false), prompt());
        r1.exec("admin");
        assertEquals(new Session.Question("Password: ", true), prompt());
        assertEquals("% Authentication failed\n\n", r1.exec("wrong"));
        assertEquals(new Session.Question("Username: ", false), prompt());
        r1.exec("admin");
        r1.exec("s3cret");
        assertEquals(new Session.Question("R2>", false), prompt());
        r1.exec("exit");
        r2.config("aaa authentication login default local", "aaa authorization exec default local");
        r1.exec("telnet 10.0.12.2");
        r1.exec("admin");
        r1.exec("s3cret");
        assertEquals(new Session.Question("R2#", false), prompt(), "exec authorization gives the user's privilege 15");
        r1.exec("exit");
        // a named list on the line: the line password, then none when it has none
        r2.config("aaa authentication login VTY line none", "line vty 0 4", "login authentication VTY");
        r1.exec("telnet 10.0.12.2");
        assertEquals(new Session.Question("Password: ", true), prompt());
        assertEquals("% Authentication failed\n\n", r1.exec("nope"));
        r1.exec("cisco");
        assertEquals(new Session.Question("R2>", false), prompt());
        r1.exec("exit");
        r2.config("line vty 0 4", "no password");
        assertEquals("Trying 10.0.12.2 ... Open\n", r1.exec("telnet 10.0.12.2"));
        assertEquals(new Session.Question("R2>", false), prompt(), "no line password: `none` lets the login in");
        r1.exec("exit");
        String run = r2.exec("show running-config");
        assertTrue(run.contains("!\naaa new-model\n!\n!\n"
            + "aaa authentication login default local\naaa authentication login VTY line none\n"
            + "aaa authorization exec default local \n!\n"), run);
        assertTrue(run.contains("line vty 0 4\n login authentication VTY\n transport input telnet\n"), run);
        // three failures end the connection
        r2.config("line vty 0 4", "no login authentication");
        r1.exec("telnet 10.0.12.2");
        r1.exec("x");
        r1.exec("y");
        r1.exec("x");
        r1.exec("y");
        r1.exec("x");
        assertEquals("% Authentication failed\n\n\n[Connection to 10.0.12.2 closed by foreign host]\n", r1.exec("y"));
        // `no aaa new-model`: the line password is back
        r2.config("no aaa new-model", "line vty 0 4", "password cisco");
        assertTrue(!r2.exec("show running-config").contains("aaa "));
        r1.exec("telnet 10.0.12.2");
        assertEquals(new Session.Question("Password: ", true), prompt());
    }

    @Test
    void refusedUnreachableAndTimedOutAreIosTexts() {
        r2.config("line vty 0 4", "transport input ssh");
        assertEquals("Trying 10.0.12.2 ... \n% Connection refused by remote host\n\n", r1.exec("telnet 10.0.12.2"));
        assertEquals("Trying 10.0.12.2, 80 ... \n% Connection refused by remote host\n\n", r1.exec("telnet 10.0.12.2 80"));
        assertEquals("Trying 192.0.2.1 ... \n% Destination unreachable; gateway or host down\n\n", r1.exec("telnet 192.0.2.1"));
        assertEquals("Trying 10.0.12.9 ... \n% Connection timed out; remote host not responding\n\n", r1.exec("telnet 10.0.12.9"));
    }

    @Test
    void theEscapeSequenceSuspendsShowSessionsResumeAndDisconnectAndNoLoginNeedsNoPassword() {
        r2.config("line vty 0 4", "no login");
        assertEquals("% No connections open\n", r1.exec("show sessions"));
        assertEquals("% No connection to resume\n", r1.exec("resume"));
        r1.exec("telnet 10.0.12.2");
        assertEquals(new Session.Question("R2>", false), prompt());
        r1.session.abort();      // Ctrl-Shift-6 x: suspended, as IOS; the local prompt is back
        net.run(1);
        assertNull(r1.session.connection());
        assertNull(prompt());
        assertEquals("Conn Host                Address             Byte  Idle Conn Name\n"
            + "*  1 10.0.12.2           10.0.12.2              0     0 10.0.12.2\n", r1.exec("show sessions"));
        assertTrue(r1.exec("show tcp brief").contains("ESTAB"), "the connection stays open");
        assertEquals("% Invalid connection number\n", r1.exec("resume 2"));
        assertEquals("[Resuming connection 1 to 10.0.12.2 ... ]\n\n", r1.exec("resume 1"));
        assertEquals(new Session.Question("", false), prompt());
        String show = r1.exec("show ip interface brief");
        assertTrue(show.contains("GigabitEthernet0/0         10.0.12.2       YES manual up"), show);   // R2's
        assertEquals(new Session.Question("R2>", false), prompt());
        r1.session.abort();
        net.run(1);
        // a second connection takes number 2; `resume` alone goes back to the last one (the `*`)
        r1.exec("telnet 10.0.12.2");
        r1.session.abort();
        net.run(1);
        String sessions = r1.exec("show sessions");
        assertEquals("Conn Host                Address             Byte  Idle Conn Name\n"
            + "   1 10.0.12.2           10.0.12.2              0     0 10.0.12.2\n"
            + "*  2 10.0.12.2           10.0.12.2              0     0 10.0.12.2\n", sessions);
        // Return alone at the local prompt resumes the last connection, as on IOS
        assertEquals("[Resuming connection 2 to 10.0.12.2 ... ]\n\n", r1.exec(""));
        assertEquals(new Session.Question("", false), prompt());
        r1.session.abort();
        net.run(1);
        r1.answer("");
        assertEquals("Closing connection to 10.0.12.2 [confirm]", r1.exec("disconnect 1").strip());
        net.run(1);
        assertEquals("Conn Host                Address             Byte  Idle Conn Name\n"
            + "*  2 10.0.12.2           10.0.12.2              0     0 10.0.12.2\n", r1.exec("show sessions"));
        r1.answer("");
        r1.exec("disconnect");
        net.run(1);
        assertEquals("% No connections open\n", r1.exec("show sessions"));
        String tcbs = r1.exec("show tcp brief");
        assertTrue(!tcbs.contains("ESTAB") && tcbs.contains("TIMEWAIT"), "both connections closed by R1: " + tcbs);
    }

    @Test
    void theCodecNegotiatesEchoAndSgaWithoutLoopsAndStripsCommands() {
        TelnetCodec server = new TelnetCodec(true), client = new TelnetCodec(false);
        ByteArrayOutputStream toServer = new ByteArrayOutputStream(), toClient = new ByteArrayOutputStream();
        byte[] d = client.decode(server.greeting(), toServer);
        assertEquals(0, d.length);
        // DONT ECHO (the client echoes itself), DO SGA
        assertEquals("[-1, -2, 1, -1, -3, 3]", java.util.Arrays.toString(toServer.toByteArray()));
        server.decode(toServer.toByteArray(), toClient);
        assertEquals("[-1, -4, 1]", java.util.Arrays.toString(toClient.toByteArray()), "WONT ECHO, and SGA already agreed");
        assertTrue(!server.echoing());
        ByteArrayOutputStream none = new ByteArrayOutputStream();
        client.decode(toClient.toByteArray(), none);
        assertEquals(0, none.size(), "no reply to a state that did not change");
        byte[] data = server.decode(new byte[] {'a', (byte) 255, (byte) 255, 'b', (byte) 255, (byte) 250, 24, 1, (byte) 255, (byte) 240, '\r', 0, 'c',
            (byte) 255, (byte) 253, 24}, none);
        assertEquals("[97, -1, 98, 13, 99]", java.util.Arrays.toString(data));
        assertEquals("[-1, -4, 24]", java.util.Arrays.toString(none.toByteArray()), "DO TERMINAL-TYPE refused");
    }
}
