package dev.routerlab.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import dev.routerlab.device.Nvram;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The SSH server with a real SSH client (MINA's), on 127.0.0.1. */
@Timeout(120)
class SshServerTest {
    private LiveRouter r;
    private TestClient c;

    @BeforeEach
    void start() throws IOException {
        r = new LiveRouter();
        c = new TestClient();
    }

    @AfterEach
    void stop() throws IOException {
        c.close();
        r.close();
    }

    @Test
    void execRunsOneCommand() throws IOException {
        String out = c.exec(r.port(), LiveRouter.USER, LiveRouter.PASSWORD, "show version");
        assertTrue(out.startsWith("Cisco IOS Software, IOSv Software"), out);
        assertTrue(out.contains("\nR1 uptime is "), out);
        assertTrue(out.contains("Cisco IOSv (revision 1.0) with"), out);
        // a privilege-1 user runs in user EXEC
        assertTrue(c.exec(r.port(), "oper", "oper-pw", "show privilege").contains("Current privilege level is 1"));
        waitFor(() -> r.vtysInUse() == 0, "vty lines freed");
    }

    @Test
    void shellLandsInPrivilegedExecAndEditsLikeTheConsole() throws IOException {
        try (TestClient.Shell sh = c.shell(r.port(), LiveRouter.USER, LiveRouter.PASSWORD)) {
            sh.expect("R1#$");
            assertTrue(sh.cmd("show privilege").contains("Current privilege level is 15\r\n"));
            // ? lists what may follow and keeps the typed text
            sh.send("show ip ?");
            String help = sh.expect("R1#show ip $");
            assertTrue(help.contains("  interface"), help);
            assertTrue(help.contains("  ssh"), help);
            sh.send("\u0015");   // Ctrl-U clears the line
            // TAB completes a unique prefix
            sh.send("conf\t");
            sh.expect("configure");
            sh.line(" terminal");
            sh.expect("R1\\(config\\)#$");
            sh.line("interface Loopback5");
            sh.expect("R1\\(config-if\\)#$");
            sh.line("description set over ssh");
            sh.expect("R1\\(config-if\\)#$");
            sh.send("\u001a");   // Ctrl-Z
            sh.expect("R1#$");
            assertTrue(r.running().contains("interface Loopback5\n description set over ssh\n"));
            assertTrue(r.log().stream().anyMatch(l -> l.endsWith("%SYS-5-CONFIG_I: Configured from console by admin on vty0 (127.0.0.1)")),
                String.valueOf(r.log()) + sh.all());
            // the pager stops at a page and goes on with space
            sh.line("show running-config");
            sh.expect(" --More-- $");
            sh.send(" ");
            // (the running-config starts with IOS's `! Last configuration change` stamp: a third page)
            sh.expect(" --More-- $");
            sh.send(" ");
            sh.expect("\\nend\\r\\n\\r?\\nR1#$|\\nend\\r\\nR1#$");
            // errors are IOS's
            assertTrue(sh.cmd("show ip routing-table").contains("% Invalid input detected at '^' marker."));
            sh.line("exit");
            waitFor(sh::closed, "exit closes the channel");
        }
    }

    @Test
    void userLevelNeedsTheEnableSecret() throws IOException {
        try (TestClient.Shell sh = c.shell(r.port(), "oper", "oper-pw")) {
            sh.expect("R1>$");
            sh.line("enable");
            sh.expect("Password: $");
            sh.line("wrong");
            sh.expect("Password: $");
            sh.line(LiveRouter.ENABLE);
            sh.expect("R1#$");
            assertTrue(sh.cmd("show privilege").contains("level is 15"));
        }
    }

    @Test
    void wrongPasswordAndUnknownUserAreRefusedCountedAndLogged() throws IOException {
        r.configure("login on-failure log", "login on-success log");
        assertThrows(Exception.class, () -> c.login(r.port(), LiveRouter.USER, "not-it"));
        assertThrows(Exception.class, () -> c.login(r.port(), "mallory", "whatever"));
        waitFor(() -> r.log().stream().anyMatch(l -> l.contains("[user: mallory]")), "failure logged");
        List<String> log = r.log();
        assertTrue(log.stream().anyMatch(l -> l.contains("%SEC_LOGIN-4-LOGIN_FAILED: Login failed [user: admin] [Source: 127.0.0.1] "
            + "[localport: " + r.port() + "] [Reason: Login Authentication Failed] at ")), String.valueOf(log));
        assertTrue(r.call(() -> SshState.of(r.router).watch().totalFailures()) >= 2);
        assertEquals(0, r.vtysInUse());
        // the shell never started; a right password still works and is logged
        c.exec(r.port(), LiveRouter.USER, LiveRouter.PASSWORD, "show clock");
        assertTrue(r.log().stream().anyMatch(l -> l.contains("%SEC_LOGIN-5-LOGIN_SUCCESS: Login Success [user: admin]")));
        String failures = c.exec(r.port(), LiveRouter.USER, LiveRouter.PASSWORD, "show login failures");
        assertTrue(failures.contains("mallory"), failures);
    }

    @Test
    void aaaListsDecideSshLoginsAndExecAuthorizationGivesTheUsersPrivilege() throws IOException {
        r.configure("aaa new-model");
        // the vty's `login local` is AAA's now: local usernames, but the exec is not authorized (privilege 1)
        assertTrue(c.exec(r.port(), LiveRouter.USER, LiveRouter.PASSWORD, "show privilege").contains("Current privilege level is 1"));
        assertThrows(Exception.class, () -> c.login(r.port(), LiveRouter.USER, "not-it"));
        r.configure("aaa authentication login default local", "aaa authorization exec default local");
        assertTrue(c.exec(r.port(), LiveRouter.USER, LiveRouter.PASSWORD, "show privilege").contains("Current privilege level is 15"));
        // a named list with `enable` on the line: the enable secret is the password, whoever logs in
        r.configure("aaa authentication login ENA enable", "line vty 0 4", "login authentication ENA");
        assertThrows(Exception.class, () -> c.login(r.port(), LiveRouter.USER, LiveRouter.PASSWORD));
        assertTrue(c.exec(r.port(), "anyone", LiveRouter.ENABLE, "show privilege").contains("Current privilege level is 1"));
        assertTrue(r.running().contains("line vty 0 4\n login authentication ENA\n"), r.running());
        waitFor(() -> r.vtysInUse() == 0, "vty lines freed");
    }

    @Test
    void controlCharactersInAUsernameShowInCaretNotation() throws IOException {
        r.configure("login on-failure log");
        String forged = "x\r\n*Mar  1 00:00:00.000: %SYS-5-RESTART: System restarted --\u001b[2J";
        assertThrows(Exception.class, () -> c.login(r.port(), forged, "whatever"));
        waitFor(() -> r.log().stream().anyMatch(l -> l.contains("LOGIN_FAILED")), "failure logged");
        List<String> log = r.log();
        assertTrue(log.stream().noneMatch(l -> l.contains("\r") || l.contains("\n") || l.contains("\u001b")), String.valueOf(log));
        assertTrue(log.stream().noneMatch(l -> l.startsWith("*Mar  1 00:00:00.000: %SYS-5-RESTART")), String.valueOf(log));
        assertTrue(log.stream().anyMatch(l -> l.contains("[user: x^M^J*Mar  1 00:00:00.000: %SYS-5-RESTART: System restarted --^[[2J]")),
            String.valueOf(log));
        String failures = c.exec(r.port(), LiveRouter.USER, LiveRouter.PASSWORD, "show login failures");
        assertTrue(failures.contains("x^M^J*Mar"), failures);
        assertFalse(failures.contains("\u001b"), failures);
        // `no login`: any name gets in; `show users` and `show ssh` show it in caret notation
        r.configure("line vty 0 4", "no login", "privilege level 15");
        try (TestClient.Shell sh = c.shell(r.port(), "ev\u001b[2Jil\r\n", "any")) {
            sh.expect("R1#$");
            sh.cmd("terminal length 0");
            String users = sh.cmd("show users");
            assertTrue(users.contains("ev^[[2Jil^M^J"), users);
            assertFalse(users.contains("\u001b"), users);
            String ssh = sh.cmd("show ssh");
            assertTrue(ssh.contains("ev^[[2Jil^M^J"), ssh);
        }
    }

    @Test
    void noHostKeyNoSsh() throws IOException {
        try (LiveRouter bare = new LiveRouter(Nvram.memory(), LiveRouter.BASE_CONFIG, false)) {
            assertThrows(Exception.class, () -> c.login(bare.port(), LiveRouter.USER, LiveRouter.PASSWORD));
            bare.load("crypto key generate rsa modulus 1024");
            assertTrue(c.exec(bare.port(), LiveRouter.USER, LiveRouter.PASSWORD, "show ip ssh").contains("SSH Enabled - version 2.0"));
        }
    }

    @Test
    void transportInputAndAccessClassGateTheLine() throws IOException {
        r.configure("line vty 0 4", "transport input none");
        assertThrows(Exception.class, () -> c.login(r.port(), LiveRouter.USER, LiveRouter.PASSWORD));
        r.configure("line vty 0 4", "transport input ssh", "access-list 10 permit 10.0.0.0 0.255.255.255",
            "line vty 0 4", "access-class 10 in");
        assertThrows(Exception.class, () -> c.exec(r.port(), LiveRouter.USER, LiveRouter.PASSWORD, "show clock"));
        r.configure("access-list 11 permit host 127.0.0.1", "line vty 0 4", "access-class 11 in");
        assertTrue(c.exec(r.port(), LiveRouter.USER, LiveRouter.PASSWORD, "show clock").startsWith("*"));
    }

    @Test
    void sixteenSessionsConfigureTheSameRouter() throws Exception {
        // sixteen logins at once from one address: more than the default 10 per source
        r.close();
        r = new LiveRouter(Nvram.memory(), LiveRouter.BASE_CONFIG, true,
            new SshService.Options(16, 32, 16, SshService.Options.DEFAULT.askTimeoutSeconds()));
        int n = 16;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<TestClient.Shell> shells = new ArrayList<>();
        try {
            List<Future<TestClient.Shell>> opened = new ArrayList<>();
            for (int i = 0; i < n; i++) opened.add(pool.submit(() -> c.shell(r.port(), LiveRouter.USER, LiveRouter.PASSWORD)));
            for (Future<TestClient.Shell> f : opened) shells.add(f.get(60, TimeUnit.SECONDS));
            waitFor(() -> r.vtysInUse() == n, "16 vty lines in use");
            // the 17th is refused: every vty line is in use
            try (TestClient.Shell extra = c.shell(r.port(), LiveRouter.USER, LiveRouter.PASSWORD)) {
                extra.expect("% All vty lines are in use");
            }
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                TestClient.Shell sh = shells.get(i);
                int id = i;
                work.add(pool.submit(() -> {
                    sh.expect("R1#$");
                    sh.cmd("configure terminal");
                    for (int k = 0; k < 5; k++) {
                        sh.cmd("interface Loopback" + (100 + id * 10 + k));
                        sh.cmd("description s" + id + "-" + k);
                        sh.cmd("ip address 10." + id + "." + k + ".1 255.255.255.255");
                    }
                    sh.cmd("end");
                    return null;
                }));
            }
            for (Future<?> f : work) f.get(90, TimeUnit.SECONDS);
            String show = shells.get(0).cmd("show users");
            for (int i = 0; i < n; i++) assertTrue(show.contains("vty " + i + " "), show);
            String run = r.running();
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < 5; k++) {
                    assertTrue(run.contains("interface Loopback" + (100 + i * 10 + k) + "\n description s" + i + "-" + k
                        + "\n ip address 10." + i + "." + k + ".1 255.255.255.255\n"), "missing s" + i + "-" + k);
                }
            }
        } finally {
            for (TestClient.Shell sh : shells) sh.close();
            pool.shutdownNow();
        }
        waitFor(() -> r.vtysInUse() == 0, "all vty lines freed");
    }

    @Test
    void disconnectMidCommandLeavesConfigConsistent() throws IOException {
        TestClient.Shell sh = c.shell(r.port(), LiveRouter.USER, LiveRouter.PASSWORD);
        sh.expect("R1#$");
        sh.cmd("configure terminal");
        sh.cmd("interface Loopback77");
        sh.send("description half a li");   // no Enter: the line never runs
        sh.session.close(true);             // the client drops the TCP connection
        waitFor(() -> r.vtysInUse() == 0, "vty freed");
        String run = r.running();
        assertTrue(run.contains("interface Loopback77\n no ip address\n") || run.contains("interface Loopback77\n"), run);
        assertFalse(run.contains("half a li"), run);
        waitFor(() -> r.log().stream().anyMatch(l -> l.contains("%SYS-5-CONFIG_I: Configured from console by admin on vty0")),
            "config mode left as on IOS");
        assertTrue(c.exec(r.port(), LiveRouter.USER, LiveRouter.PASSWORD, "show privilege").contains("15"));
    }

    @Test
    void disconnectAtAQuestionAbortsTheCommand() throws IOException {
        TestClient.Shell sh = c.shell(r.port(), LiveRouter.USER, LiveRouter.PASSWORD);
        sh.expect("R1#$");
        sh.line("copy running-config startup-config");
        sh.expect("Destination filename \\[startup-config\\]\\? $");
        sh.session.close(true);
        waitFor(() -> r.vtysInUse() == 0, "vty freed");
        assertEquals(null, r.call(() -> {
            try {
                return r.router.nvram().read(Nvram.STARTUP_CONFIG);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }));
        assertTrue(c.exec(r.port(), LiveRouter.USER, LiveRouter.PASSWORD, "show privilege").contains("15"));
    }

    @Test
    void aFloodOfConnectionsDoesNotStopOtherSessions() throws Exception {
        try (TestClient.Shell sh = c.shell(r.port(), LiveRouter.USER, LiveRouter.PASSWORD)) {
            sh.expect("R1#$");
            sh.cmd("terminal length 0");
            ExecutorService flood = Executors.newFixedThreadPool(8);
            List<Socket> open = new ArrayList<>();
            List<Future<?>> f = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int k = i;
                f.add(flood.submit(() -> {
                    Socket s = new Socket();
                    s.connect(new InetSocketAddress("127.0.0.1", r.port()), 5000);
                    OutputStream o = s.getOutputStream();
                    if (k % 3 == 0) o.write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    else if (k % 3 == 1) o.write("SSH-2.0-flood\r\n".getBytes(StandardCharsets.US_ASCII));
                    synchronized (open) {
                        open.add(s);
                    }
                    return null;
                }));
            }
            long worst = 0;
            for (int i = 0; i < 30; i++) {
                long t0 = System.nanoTime();
                assertTrue(sh.cmd("show version").contains("R1 uptime is"));
                worst = Math.max(worst, System.nanoTime() - t0);
            }
            for (Future<?> x : f) {
                try {
                    x.get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // refused or reset under the flood: expected for some
                }
            }
            assertTrue(worst < 2_000_000_000L, "show version took " + worst / 1_000_000 + " ms during the flood");
            synchronized (open) {
                for (Socket s : open) s.close();
            }
            flood.shutdownNow();
            // the console (the loop) answered throughout, and new logins work once the flood is gone
            assertTrue(c.exec(r.port(), LiveRouter.USER, LiveRouter.PASSWORD, "show privilege").contains("15"));
        }
    }

    @Test
    void idleConnectionsFromOneSourceCannotLockOthersOut() throws Exception {
        // 50 idle TCP connections from 127.0.0.2 (more than the 32 logins allowed at once) stay
        // open for the 120 s login timer; a user from 127.0.0.1 still logs in meanwhile
        List<Socket> flood = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                Socket s = new Socket();
                try {
                    s.bind(new InetSocketAddress("127.0.0.2", 0));
                    s.connect(new InetSocketAddress("127.0.0.1", r.port()), 5000);
                } catch (IOException e) {
                    s.close();
                    org.junit.jupiter.api.Assumptions.abort("cannot connect from 127.0.0.2: " + e.getMessage());
                }
                flood.add(s);
            }
            waitFor(() -> r.ssh.unauthenticated() == 10, "10 unauthenticated from 127.0.0.2 kept, the rest closed");
            // the ones beyond the per-source limit were closed at once: the server ends them (EOF)
            int closed = 0;
            for (Socket s : flood) {
                s.setSoTimeout(3000);
                java.io.InputStream in = s.getInputStream();
                try {
                    byte[] b = new byte[256];
                    for (int k = 0; k < 4; k++) {        // ident line, then EOF if closed (bounded reads)
                        int n = in.read(b);
                        if (n < 0) {
                            closed++;
                            break;
                        }
                    }
                } catch (java.net.SocketTimeoutException | java.net.SocketException e) {
                    if (e instanceof java.net.SocketException) closed++;
                }
            }
            assertEquals(40, closed);
            assertTrue(c.exec(r.port(), LiveRouter.USER, LiveRouter.PASSWORD, "show privilege").contains("15"));
        } finally {
            for (Socket s : flood) s.close();
        }
    }

    @Test
    void execTimeoutAndClearLineEndSessions() throws IOException {
        r.configure("line vty 0 4", "exec-timeout 0 2");
        try (TestClient.Shell idle = c.shell(r.port(), LiveRouter.USER, LiveRouter.PASSWORD)) {
            idle.expect("R1#$");
            waitFor(idle::closed, "exec-timeout closes an idle line");
        }
        r.configure("line vty 0 4", "exec-timeout 10 0");
        try (TestClient.Shell a = c.shell(r.port(), LiveRouter.USER, LiveRouter.PASSWORD);
             TestClient.Shell b = c.shell(r.port(), LiveRouter.USER, LiveRouter.PASSWORD)) {
            a.expect("R1#$");
            b.expect("R1#$");
            String users = b.cmd("show users");
            assertTrue(users.matches("(?s).*\\r\\n {3}2 vty 0 {5}admin {6}idle {17}00:00:0\\d {3}127\\.0\\.0\\.1\\r\\n.*"), users);
            assertTrue(users.contains("*  3 vty 1     admin"), users);
            String ssh = b.cmd("show ssh");
            assertTrue(ssh.contains("Connection Version Mode Encryption  Hmac         State                 Username\r\n"), ssh);
            assertTrue(ssh.matches("(?s).*\\r\\n0 {10}2\\.0 {5}IN {3}\\S+ +\\S+ +Session started {7}admin\\r\\n.*"), ssh);
            b.line("clear line vty 0");
            b.expect("\\[confirm\\]");
            b.line("");
            b.expect(" \\[OK\\]");
            waitFor(a::closed, "clear line drops vty 0");
            assertFalse(b.closed());
        }
    }

    @Test
    void loginBlockForRefusesEveryoneInQuietMode() throws IOException {
        r.configure("login block-for 30 attempts 2 within 30");
        assertThrows(Exception.class, () -> c.login(r.port(), LiveRouter.USER, "bad1"));
        assertThrows(Exception.class, () -> c.login(r.port(), LiveRouter.USER, "bad2"));
        waitFor(() -> r.call(() -> SshState.of(r.router).watch().quiet()), "quiet mode");
        assertThrows(Exception.class, () -> c.login(r.port(), LiveRouter.USER, LiveRouter.PASSWORD));
        assertTrue(r.log().stream().anyMatch(l -> l.contains("%SEC_LOGIN-1-QUIET_MODE_ON: Still timeleft for watching failures is ")));
        r.configure("no login block-for");
        assertTrue(c.exec(r.port(), LiveRouter.USER, LiveRouter.PASSWORD, "show login").contains("NOT enabled"));
    }

    @Test
    void unauthenticatedConnectionsAreClosedAfterIpSshTimeOut() throws IOException {
        r.configure("ip ssh time-out 1");
        try (Socket s = new Socket("127.0.0.1", r.port())) {
            s.setSoTimeout(10_000);
            long t0 = System.nanoTime();
            java.io.InputStream in = s.getInputStream();
            StringBuilder ident = new StringBuilder();
            for (int b; (b = in.read()) >= 0; ) ident.append((char) b);
            assertTrue(ident.toString().startsWith("SSH-2.0-Cisco-1.25\r\n"), ident.toString());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 900 && ms < 5000, "closed after " + ms + " ms");
        }
    }

    @Test
    void aPendingQuestionHoldsTheRouterOnlyUntilItsTimeout() throws IOException {
        r.close();
        r = new LiveRouter(Nvram.memory(), LiveRouter.BASE_CONFIG, true, new SshService.Options(16, 32, 1));
        try (TestClient.Shell waiting = c.shell(r.port(), "oper", "oper-pw");
             TestClient.Shell other = c.shell(r.port(), LiveRouter.USER, LiveRouter.PASSWORD)) {
            waiting.expect("R1>$");
            other.expect("R1#$");
            waiting.line("enable");
            waiting.expect("Password: $");
            long t0 = System.nanoTime();
            assertTrue(other.cmd("show privilege").contains("level is 15"));
            assertTrue(System.nanoTime() - t0 < 3_000_000_000L);
            waiting.expect("% Bad secrets");
            waiting.expect("R1>$");
            // the loop thread went on clean: NVRAM writes (interruptible channels) still work
            assertTrue(other.cmd("write memory").contains("[OK]"));
        }
    }

    @Test
    void aUserAtPasswordHoldsNoOtherLoginOrCommand() throws IOException {
        // default options: the question's bound is 30 s, and nothing else may wait for it
        try (TestClient.Shell waiting = c.shell(r.port(), "oper", "oper-pw")) {
            waiting.expect("R1>$");
            waiting.line("enable");
            waiting.expect("Password: $");
            long t0 = System.nanoTime();
            try (TestClient.Shell other = c.shell(r.port(), LiveRouter.USER, LiveRouter.PASSWORD)) {   // a new login
                other.expect("R1#$");
                assertTrue(other.cmd("show users").contains("oper"));
            }
            assertTrue(c.exec(r.port(), LiveRouter.USER, LiveRouter.PASSWORD, "show privilege").contains("level is 15"));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < 5000, "a second login and its commands took " + ms + " ms");
            // the question is still open, and answering it now completes `enable`
            waiting.line(LiveRouter.ENABLE);
            waiting.expect("R1#$");
            assertTrue(waiting.cmd("show privilege").contains("level is 15"));
        }
    }

    @Test
    void hostKeyPersistsInNvramAcrossRestarts(@TempDir Path dir) throws IOException {
        r.close();
        Nvram nvram = Nvram.directory(dir);
        PublicKey first;
        try (LiveRouter a = new LiveRouter(nvram, LiveRouter.BASE_CONFIG, false)) {
            a.load("crypto key generate rsa modulus 2048");
            assertTrue(Files.exists(dir.resolve(HostKey.NVRAM_FILE)));
            first = serverKey(a.port());
        }
        try (LiveRouter b = new LiveRouter(nvram, LiveRouter.BASE_CONFIG, false)) {
            assertEquals(first, serverKey(b.port()));
        }
        r = new LiveRouter();
    }

    @Test
    void windowChangeResizesTheTerminal() throws IOException {
        try (TestClient.Shell sh = c.shell(r.port(), LiveRouter.USER, LiveRouter.PASSWORD)) {
            sh.expect("R1#$");
            assertTrue(sh.cmd("show terminal").contains("Length: 24 lines, Width: 80 columns"));
            sh.channel.sendWindowChange(132, 40);
            waitFor(() -> {
                try {
                    return sh.cmd("show terminal").contains("Length: 40 lines, Width: 132 columns");
                } catch (IOException e) {
                    return false;
                }
            }, "window size applied");
        }
    }

    private PublicKey serverKey(int port) throws IOException {
        AtomicReference<PublicKey> seen = new AtomicReference<>();
        try (TestClient t = new TestClient()) {
            t.client.setServerKeyVerifier((session, remote, key) -> {
                seen.set(key);
                return true;
            });
            try (ClientSession s = t.login(port, LiveRouter.USER, LiveRouter.PASSWORD)) {
                return seen.get();
            }
        }
    }

    static void waitFor(java.util.function.BooleanSupplier cond, String what) {
        LiveRouter.waitFor(cond, what);
    }
}
