package dev.routerlab.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.TestRouter;
import dev.routerlab.device.Nvram;
import org.junit.jupiter.api.Test;

/** The SSH and login-security commands in virtual time (no network). */
class SshCommandsTest {
    private static String noLog(String s) { return s.replaceAll("(?m)^\\*.*%SYS-5-CONFIG_I.*\n", ""); }

    @Test
    void keyGenerationNeedsHostnameAndDomain() {
        TestRouter r = new TestRouter();
        r.exec("conf t");
        assertEquals("% Please define a hostname other than Router.\n", r.exec("crypto key generate rsa modulus 2048"));
        r.exec("hostname R1");
        assertEquals("% Please define a domain-name first.\n", r.exec("crypto key generate rsa modulus 2048"));
        assertNull(SshState.of(r.router).hostKey());
        assertTrue(r.exec("do show ip ssh").startsWith("SSH Disabled - version 1.99\n"
            + "%Please create RSA keys to enable SSH (and of atleast 768 bits for SSH v2).\n"));
    }

    @Test
    void keyGenerationDialogLogAndNvram() {
        Nvram nvram = Nvram.memory();
        TestRouter r = new TestRouter(nvram);
        r.execAll("conf t", "hostname R1", "ip domain name lab.local", "ip ssh version 2");
        String out = r.exec("crypto key generate rsa modulus 2048");
        assertEquals("The name for the keys will be: R1.lab.local\n\n"
            + "% The key modulus size is 2048 bits\n"
            + "% Generating 2048 bit RSA keys, keys will be non-exportable...\n"
            + "[OK] (elapsed time was 0 seconds)\n\n"
            + "*Mar  1 00:00:00.000: %SSH-5-ENABLED: SSH 2.0 has been enabled\n", out);
        HostKey k = SshState.of(r.router).hostKey();
        assertEquals(2048, k.bits());
        assertEquals("R1.lab.local", k.label());
        // kept in NVRAM: a router started on the same NVRAM has the same key
        TestRouter again = new TestRouter(nvram);
        assertEquals(k.modulus(), SshState.of(again.router).hostKey().modulus());
        // replacing asks first
        r.answer("no");
        out = r.exec("crypto key generate rsa modulus 2048");
        assertEquals("% You already have RSA keys defined named R1.lab.local.\n"
            + "% Do you really want to replace them? [yes/no]: \n", out);
        assertEquals(k.modulus(), SshState.of(r.router).hostKey().modulus());

        String show = r.exec("do show ip ssh");
        assertTrue(show.startsWith("SSH Enabled - version 2.0\nAuthentication methods:keyboard-interactive,password\n"), show);
        assertTrue(show.contains("Authentication timeout: 120 secs; Authentication retries: 3\n"), show);
        assertTrue(show.contains("IOS Keys in SECSH format(ssh-rsa, base64 encoded): R1.lab.local\n"
            + k.openSshPublicKey() + "\n"), show);

        r.answer("yes");
        out = r.exec("crypto key zeroize rsa");
        assertEquals("% All keys will be removed.\n% All router certs issued using these keys will also be removed.\n"
            + "Do you really want to remove these keys? [yes/no]: \n"
            + "*Mar  1 00:00:00.000: %SSH-5-DISABLED: SSH 2.0 has been disabled\n", out);
        assertNull(SshState.of(r.router).hostKey());
        assertNull(SshState.of(new TestRouter(nvram).router).hostKey());
    }

    @Test
    void keyModulusAskedWhenNotGiven() {
        TestRouter r = new TestRouter();
        r.execAll("conf t", "hostname R2", "ip domain name example.net");
        r.answer("1024");
        String out = r.exec("crypto key generate rsa general-keys label SSHKEY");
        assertTrue(out.startsWith("The name for the keys will be: SSHKEY\n"
            + "Choose the size of the key modulus in the range of 512 to 4096 for your\n"), out);
        assertTrue(out.contains("How many bits in the modulus [512]: \n% Generating 1024 bit RSA keys"), out);
        assertTrue(out.contains("%SSH-5-ENABLED: SSH 1.99 has been enabled"), out);
        assertEquals(1024, SshState.of(r.router).hostKey().bits());
    }

    @Test
    void keyGenerationInAStartupConfigIsQuietAndKeepsTheNvramKey() {
        Nvram nvram = Nvram.memory();
        String startup = "hostname R5\nip domain name lab.local\ncrypto key generate rsa\nusername a secret b\nend\n";
        TestRouter r = new TestRouter(nvram);
        assertEquals(java.util.List.of(), r.shell.bootFrom(startup));
        HostKey k = SshState.of(r.router).hostKey();
        assertEquals(2048, k.bits());
        assertTrue(r.config().users.containsKey("a"), "no config line was taken as an answer");
        TestRouter again = new TestRouter(nvram);
        assertEquals(java.util.List.of(), again.shell.bootFrom(startup));
        assertEquals(k.modulus(), SshState.of(again.router).hostKey().modulus());
    }

    @Test
    void ipSshAndLoginLinesRenderAndRoundTrip() {
        TestRouter r = new TestRouter();
        r.execAll("conf t", "ip ssh version 2", "ip ssh time-out 60", "ip ssh authentication-retries 2",
            "login block-for 120 attempts 3 within 60", "login on-failure log", "login on-success log", "end");
        String run = r.running();
        assertTrue(run.contains("login block-for 120 attempts 3 within 60\nlogin on-failure log\nlogin on-success log\n!\n"), run);
        assertTrue(run.contains("ip ssh time-out 60\nip ssh authentication-retries 2\nip ssh version 2\n!\n"), run);
        TestRouter again = new TestRouter();
        assertEquals(java.util.List.of(), again.load(run));
        assertEquals(r.config().ssh, again.config().ssh);
        assertEquals(run, again.running());

        r.execAll("conf t", "no ip ssh version", "ip ssh time-out 120", "no login block-for", "no login on-failure log", "end");
        run = r.running();
        assertFalse(run.contains("ip ssh version"), run);
        assertFalse(run.contains("ip ssh time-out"), run);
        assertFalse(run.contains("block-for"), run);
        assertFalse(run.contains("on-failure"), run);
        assertTrue(run.contains("login on-success log\n"), run);
    }

    @Test
    void loginBlockForQuietModeAndLogs() {
        TestRouter r = new TestRouter();
        r.execAll("conf t", "login block-for 100 attempts 3 within 60", "end");
        LoginWatch w = SshState.of(r.router).watch();
        assertTrue(r.exec("show login").contains("     Router presently in Normal-Mode.\n"));
        java.util.List<String> before = r.router.log().buffered();
        w.failed("admin", "10.1.1.1", 22, "Login Authentication Failed");
        r.clock.advance(5_000_000_000L);
        w.failed("admin", "10.1.1.1", 22, "Login Authentication Failed");
        assertFalse(w.quiet());
        w.failed("eve", "10.1.1.2", 22, "Login Authentication Failed");
        assertTrue(w.quiet());
        java.util.List<String> log = r.router.log().buffered().subList(before.size(), r.router.log().buffered().size());
        assertEquals("*Mar  1 00:00:00.000: %SEC_LOGIN-4-LOGIN_FAILED: Login failed [user: admin] [Source: 10.1.1.1] "
            + "[localport: 22] [Reason: Login Authentication Failed] at 00:00:00 UTC Mon Mar 1 1993", log.get(0));
        assertEquals("*Mar  1 00:00:05.000: %SEC_LOGIN-1-QUIET_MODE_ON: Still timeleft for watching failures is 55 secs, "
            + "[user: eve] [Source: 10.1.1.2] [localport: 22] [Reason: Login Authentication Failed] [ACL: sl_def_acl] "
            + "at 00:00:05 UTC Mon Mar 1 1993", log.get(3));
        String show = r.exec("show login");
        assertTrue(show.contains("     Router presently in Quiet-Mode.\n     Will remain in Quiet-Mode for 100 seconds.\n"), show);
        assertTrue(show.contains("     Total login failures: 3.\n"), show);
        assertTrue(r.exec("show login failures").contains("admin           10.1.1.1        22    2     00:00:05 UTC Mon Mar 1 1993\n"));
        r.clock.advance(100_000_000_000L);
        assertFalse(w.quiet());
        assertTrue(r.router.log().buffered().get(r.router.log().buffered().size() - 1)
            .endsWith("%SEC_LOGIN-5-QUIET_MODE_OFF: Quiet Mode is OFF, because block period timed out at 00:01:45 UTC Mon Mar 1 1993"));
        w.succeeded("admin", "10.1.1.1", 22);
        assertTrue(r.router.log().buffered().get(r.router.log().buffered().size() - 1)
            .endsWith("%SEC_LOGIN-5-LOGIN_SUCCESS: Login Success [user: admin] [Source: 10.1.1.1] [localport: 22] at 00:01:45 UTC Mon Mar 1 1993"));
    }

    @Test
    void noLoginLogsWithoutConfiguration() {
        TestRouter r = new TestRouter();
        int n = r.router.log().buffered().size();
        SshState.of(r.router).watch().failed("x", "127.0.0.1", 22, "Login Authentication Failed");
        assertEquals(n, r.router.log().buffered().size());
        assertEquals(1, SshState.of(r.router).watch().totalFailures());
        assertTrue(r.exec("show login").contains("Router NOT enabled to watch for login Attacks"));
    }

    @Test
    void helpComesFromTheGrammar() {
        TestRouter r = new TestRouter();
        r.exec("conf t");
        String help = r.exec("crypto key generate rsa ?");
        assertTrue(help.contains("  general-keys  Generate a general purpose RSA key pair for signing and encryption\n"), help);
        assertTrue(help.contains("  modulus       Provide number of modulus bits on the command line\n"), help);
        assertTrue(help.contains("  <cr>"), help);
        r.exec("");
        assertTrue(r.exec("ip ssh ?").contains("  version                 Specify protocol version to be supported\n"));
        r.exec("");
        assertTrue(noLog(r.exec("login ?")).contains("block-for"));
        r.exec("");
        r.exec("end");
        assertTrue(r.exec("show ip ssh ?").contains("<cr>"));
        r.exec("");
        assertTrue(r.exec("clear line ?").contains("vty"));
        r.exec("");
        // abbreviations resolve as on IOS
        r.execAll("conf t", "ip ss ver 2", "end");
        assertEquals(Integer.valueOf(2), r.config().ssh.version);
    }

    @Test
    void clearLineConfirms() {
        TestRouter r = new TestRouter();
        r.answer("");
        assertEquals("[confirm]\n [OK]\n", r.exec("clear line vty 3"));
        r.answer("n");
        assertEquals("[confirm]\n", r.exec("clear line 4"));
        assertNotNull(SshState.of(r.router));
    }
}
