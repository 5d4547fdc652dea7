package dev.routerlab.ssh;

import dev.routerlab.Interop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import dev.routerlab.device.Nvram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clients network engineers use, against a router's SSH server on 127.0.0.1: OpenSSH
 * (exec and an interactive pty session), Netmiko (cisco_ios) and Ansible (cisco.ios over
 * network_cli). CI installs them with `apt-get install -y python3-netmiko ansible sshpass
 * openssh-client`; a test whose client is missing is skipped with the reason printed.
 * Debian's Python packages are only visible to /usr/bin/python3.
 */
@Timeout(300)
class RealClientsTest {
    private static final String PY = "/usr/bin/python3";
    private final Nvram nvram = Nvram.memory();
    private LiveRouter r;
    @TempDir Path tmp;

    @BeforeEach
    void start() throws IOException {
        r = new LiveRouter(nvram, LiveRouter.BASE_CONFIG, true);
    }

    @AfterEach
    void stop() {
        r.close();
    }

    @Test
    void openSshRunsACommand() throws Exception {
        need("ssh", "sshpass");
        Result res = run(List.of("sshpass", "-p", LiveRouter.PASSWORD, "ssh", "-p", String.valueOf(r.port()),
            "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
            "-o", "PubkeyAuthentication=no", LiveRouter.USER + "@127.0.0.1", "show version"), 60);
        assertEquals(0, res.code, res.out);
        assertTrue(res.out.startsWith("Cisco IOS Software, IOSv Software (VIOS-ADVENTERPRISEK9-M), Version 15.8(3)M2"), res.out);
        assertTrue(res.out.contains("\nR1 uptime is "), res.out);
        // the channel closes when the command is over: every probe and the summary are there
        Result ping = run(List.of("sshpass", "-p", LiveRouter.PASSWORD, "ssh", "-p", String.valueOf(r.port()),
            "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
            "-o", "PubkeyAuthentication=no", LiveRouter.USER + "@127.0.0.1", "ping 192.0.2.99 repeat 3 timeout 1"), 60);
        assertEquals("Type escape sequence to abort.\nSending 3, 100-byte ICMP Echos to 192.0.2.99, timeout is 1 seconds:\n"
            + "...\nSuccess rate is 0 percent (0/3)\n", ping.out);
        // a wrong password gets no shell (sshpass: 5 = wrong password)
        Result bad = run(List.of("sshpass", "-p", "nope", "ssh", "-p", String.valueOf(r.port()),
            "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
            "-o", "PubkeyAuthentication=no", LiveRouter.USER + "@127.0.0.1", "show version"), 60);
        assertTrue(bad.code != 0 && !bad.out.contains("Cisco IOS"), bad.out);
    }

    @Test
    void openSshInteractiveOnAPty() throws Exception {
        need("ssh", "sshpass", PY);
        Result res = run(List.of(PY, script("pty_session.py").toString(), String.valueOf(r.port()),
            LiveRouter.USER, LiveRouter.PASSWORD), 90);
        assertTrue(res.out.contains("PTY-SESSION OK"), res.out);
        assertTrue(r.running().contains("interface Loopback42\n description typed on a pty\n"), r.running());
    }

    @Test
    void netmikoShowsConfiguresAndSaves() throws Exception {
        need(PY);
        pythonModule("netmiko");
        Result res = run(List.of(PY, script("netmiko_check.py").toString(), String.valueOf(r.port()),
            "oper", "oper-pw", LiveRouter.ENABLE), 120);
        assertEquals(0, res.code, res.out);
        String json = res.out.lines().filter(l -> l.startsWith("{")).findFirst().orElse("");
        assertTrue(json.contains("\"prompt\": \"R1>\""), json);   // oper logs in at privilege 1
        assertTrue(json.contains("GigabitEthernet0/0         192.0.2.1       YES"), json);
        assertTrue(json.contains("\"ping\": \"Type escape sequence to abort.\\nSending 3, 100-byte ICMP Echos to 192.0.2.99,"
            + " timeout is 1 seconds:\\n...\\nSuccess rate is 0 percent (0/3)\""), json);
        assertTrue(json.contains("\"running_has_change\": true"), json);
        assertTrue(json.contains("\"running_ends\": true"), json);
        assertTrue(json.contains("[OK]"), json);
        // the change is on the router, and saved to NVRAM
        assertTrue(r.running().contains("interface GigabitEthernet0/2\n description netmiko was here\n ip address 203.0.113.1 255.255.255.0\n"),
            r.running());
        String startup = new String(nvram.read(Nvram.STARTUP_CONFIG), StandardCharsets.UTF_8);
        assertTrue(startup.contains(" description netmiko was here\n"), startup);
    }

    @Test
    void ansibleResourceModulesAreIdempotent() throws Exception {
        Result res = playbook("ansible/resources.yml");
        assertEquals(0, res.code, res.out);
        String result = res.out.lines().filter(l -> l.contains("RESULT ")).findFirst().orElse("");
        assertTrue(result.contains("RESULT i=True/False l3=True/False s=True/False"), res.out);
        String run = r.running();
        assertTrue(run.contains("interface GigabitEthernet0/2\n description ansible-if\n mtu 1400\n ip address 198.51.100.1 255.255.255.0\n"
            + " duplex full\n speed 100\n"), run);
        assertTrue(run.contains("ip route 10.50.0.0 255.255.0.0 198.51.100.254 50 tag 7 name viaansible\n"), run);
    }

    @Test
    void ansibleCommandConfigIdempotentAndFacts() throws Exception {
        Result res = playbook("ansible/playbook.yml");
        assertEquals(0, res.code, res.out);
        assertTrue(res.out.matches("(?s).*r1 +: ok=6 +changed=1 +unreachable=0 +failed=0.*"), res.out);
        String result = res.out.lines().filter(l -> l.contains("RESULT ")).findFirst().orElse("");
        assertTrue(result.contains("hostname=R1 version=15.8(3)M2 model=IOSv "), result);
        assertTrue(result.contains("interfaces=GigabitEthernet0/0,GigabitEthernet0/1,GigabitEthernet0/2,GigabitEthernet0/3 "), result);
        assertTrue(result.contains("g03=ansible-managed ipv4=192.0.2.1,198.18.0.1 first=True second=False"), result);
        assertTrue(r.running().contains("interface GigabitEthernet0/3\n description ansible-managed\n ip address 198.18.0.1 255.255.255.0\n"));
    }

    /** Runs a playbook against the router (oper, enable to 15) over network_cli. */
    private Result playbook(String name) throws Exception {
        need("ansible-playbook");
        Path inv = tmp.resolve("inventory.ini");
        Files.writeString(inv, String.join("\n",
            "[routers]",
            "r1 ansible_host=127.0.0.1 ansible_port=" + r.port(),
            "[routers:vars]",
            "ansible_user=oper",
            "ansible_password=oper-pw",
            "ansible_connection=ansible.netcommon.network_cli",
            "ansible_network_os=cisco.ios.ios",
            "ansible_become=true",
            "ansible_become_method=enable",
            "ansible_become_password=" + LiveRouter.ENABLE, ""));
        List<String> cmd = List.of("ansible-playbook", "-i", inv.toString(), script(name).toString());
        return run(cmd, 240, Map.of("ANSIBLE_HOST_KEY_CHECKING", "False", "ANSIBLE_NOCOLOR", "1",
            "ANSIBLE_LOCAL_TEMP", tmp.resolve("ansible-tmp").toString(), "ANSIBLE_PERSISTENT_CONTROL_PATH_DIR",
            tmp.resolve("pc").toString()));
    }

    // ---- helpers

    private record Result(int code, String out) {}

    private Path script(String name) throws IOException {
        Path p = tmp.resolve(name.replace('/', '_'));
        try (InputStream in = getClass().getResourceAsStream("/ssh/" + name)) {
            if (in == null) throw new IOException("missing test resource /ssh/" + name);
            Files.copy(in, p);
        }
        return p;
    }

    private Result run(List<String> cmd, int seconds) throws Exception {
        return run(cmd, seconds, Map.of());
    }

    private Result run(List<String> cmd, int seconds, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(cmd)).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        byte[][] out = new byte[1][];
        Thread reader = new Thread(() -> {
            try {
                out[0] = p.getInputStream().readAllBytes();
            } catch (IOException e) {
                out[0] = new byte[0];
            }
        });
        reader.start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            reader.join(5000);
            throw new AssertionError(cmd.get(0) + " did not finish in " + seconds + " s:\n"
                + (out[0] == null ? "" : new String(out[0], StandardCharsets.UTF_8)));
        }
        reader.join();
        return new Result(p.exitValue(), new String(out[0], StandardCharsets.UTF_8));
    }

    private static void need(String... programs) {
        for (String prog : programs) {
            boolean found = prog.startsWith("/") ? Files.isExecutable(Path.of(prog))
                : java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                    .anyMatch(d -> Files.isExecutable(Path.of(d, prog)));
            skipUnless(found, prog + " is not installed (apt-get install -y python3-netmiko ansible sshpass openssh-client)");
        }
    }

    private void pythonModule(String module) throws Exception {
        Result r = run(List.of(PY, "-c", "import " + module), 60);
        skipUnless(r.code == 0, "python module " + module + " is not installed for " + PY + " (apt-get install -y python3-netmiko)");
    }

    private static void skipUnless(boolean ok, String reason) {
        Interop.require(ok, reason);
    }
}
