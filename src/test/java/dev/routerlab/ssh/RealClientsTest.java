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

    /**
     * OpenSSH's scp (the legacy protocol, `-O`, which IOS speaks) to and from flash0:, into
     * running-config and out of it; refused until `ip scp server enable`, and for a user below
     * privilege 15.
     */
    @Test
    void openSshScpCopiesToAndFromFlash() throws Exception {
        need("scp", "sshpass");
        Path file = tmp.resolve("lab.txt");
        byte[] data = new byte[70_000];
        new java.util.Random(5).nextBytes(data);
        Files.write(file, data);
        Result off = scp(LiveRouter.USER, LiveRouter.PASSWORD, file.toString(), "@127.0.0.1:flash:/lab.txt");
        assertTrue(off.code != 0 && off.out.contains("SCP server is not enabled"), off.out);
        r.configure("ip scp server enable");
        assertTrue(r.running().contains("\nip scp server enable\nip ssh version 2\n"), r.running());
        Result put = scp(LiveRouter.USER, LiveRouter.PASSWORD, file.toString(), "@127.0.0.1:flash:/lab.txt");
        assertEquals(0, put.code, put.out);
        assertTrue(java.util.Arrays.equals(data, r.call(() -> read("lab.txt"))), "flash0:/lab.txt holds the bytes sent");
        assertEquals(70_000, r.router.nvram().flash().find("lab.txt").size());
        Path back = tmp.resolve("back.txt");
        Result get = scp(LiveRouter.USER, LiveRouter.PASSWORD, "@127.0.0.1:flash0:lab.txt", back.toString());
        assertEquals(0, get.code, get.out);
        assertTrue(java.util.Arrays.equals(data, Files.readAllBytes(back)));
        // a configuration in and out: merged into running-config, then the running-config copied out
        Path cfg = tmp.resolve("add.cfg");
        Files.writeString(cfg, "interface Loopback7\n ip address 7.7.7.7 255.255.255.255\nend\n");
        Result in = scp(LiveRouter.USER, LiveRouter.PASSWORD, cfg.toString(), "@127.0.0.1:running-config");
        assertEquals(0, in.code, in.out);
        Path out = tmp.resolve("running.cfg");
        Result pull = scp(LiveRouter.USER, LiveRouter.PASSWORD, "@127.0.0.1:running-config", out.toString());
        assertEquals(0, pull.code, pull.out);
        assertEquals(r.running(), Files.readString(out));
        assertTrue(Files.readString(out).contains("interface Loopback7\n ip address 7.7.7.7 255.255.255.255\n"));
        Result missing = scp(LiveRouter.USER, LiveRouter.PASSWORD, "@127.0.0.1:flash:/nope", back.toString());
        assertTrue(missing.code != 0 && missing.out.contains("No such file or directory"), missing.out);
        Result oper = scp("oper", "oper-pw", file.toString(), "@127.0.0.1:flash:/x.txt");
        assertTrue(oper.code != 0 && oper.out.contains("Privilege level 15 is required"), oper.out);
    }

    /** Netmiko's file_transfer: `dir` for the file system and space, SCP, `verify /md5` both ways. */
    @Test
    void netmikoFileTransferPutsAndGets() throws Exception {
        need(PY);
        pythonModule("netmiko");
        pythonModule("scp");
        r.configure("ip scp server enable");
        Path file = tmp.resolve("up.txt");
        Files.writeString(file, "routerlab netmiko file transfer\n".repeat(200));
        Path back = tmp.resolve("down.txt");
        Result res = run(List.of(PY, script("netmiko_scp.py").toString(), String.valueOf(r.port()), LiveRouter.USER,
            LiveRouter.PASSWORD, file.toString(), back.toString()), 120);
        assertEquals(0, res.code, res.out);
        String json = res.out.lines().filter(l -> l.startsWith("{")).findFirst().orElse("");
        String all = "{\"file_exists\": true, \"file_transferred\": true, \"file_verified\": true}";
        assertTrue(json.contains("\"put\": " + all), res.out);
        assertTrue(json.contains("\"again\": {\"file_exists\": true, \"file_transferred\": false, \"file_verified\": true}"), res.out);
        assertTrue(json.contains("\"get\": " + all), res.out);
        assertEquals(Files.readString(file), Files.readString(back));
        assertTrue(json.contains("Directory of flash0:/netmiko.txt"), res.out);
    }

    private byte[] read(String name) {
        try {
            return r.router.nvram().flash().read(name);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** scp -O from to; a side starting with `@` is the router's (user@127.0.0.1:path). */
    private Result scp(String user, String password, String from, String to) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("sshpass", "-p", password, "scp", "-O", "-P", String.valueOf(r.port()),
            "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
            "-o", "PubkeyAuthentication=no"));
        cmd.add(from.startsWith("@") ? user + from : from);
        cmd.add(to.startsWith("@") ? user + to : to);
        return run(cmd, 60);
    }

    @Test
    void ansibleResourceModulesAreIdempotent() throws Exception {
        Result res = playbook("ansible/resources.yml");
        assertEquals(0, res.code, res.out);
        String result = res.out.lines().filter(l -> l.contains("RESULT ")).findFirst().orElse("");
        assertTrue(result.contains("RESULT i=True/False l3=True/False s=True/False log=True/False acl=True/False"), res.out);
        // ios_facts: hardware facts, and every resource asked parsed (none failed the play)
        String facts = res.out.lines().filter(l -> l.contains("FACTS ")).findFirst().orElse("");
        assertTrue(facts.contains("FACTS fs=flash0: memtotal=449 serial="), facts);
        assertTrue(facts.contains(" image=flash0:/vios-adventerprisek9-m acls=110,MGMT logging=32000 routes=1 lacp=32768 res=acl_interfaces,acls,"
            + "hostname,interfaces,l2_interfaces,l3_interfaces,lacp,lacp_interfaces,lag_interfaces,logging_global,ntp_global,"
            + "ospf_interfaces,prefix_lists,service,static_routes"), facts);
        String run = r.running();
        assertTrue(run.contains("interface GigabitEthernet0/2\n description ansible-if\n mtu 1400\n ip address 198.51.100.1 255.255.255.0\n"
            + " duplex full\n speed 100\n"), run);
        assertTrue(run.contains("ip route 10.50.0.0 255.255.0.0 198.51.100.254 50 tag 7 name viaansible\n"), run);
        assertTrue(run.contains("\nlogging buffered 32000 informational\nlogging console critical\n"), run);
        assertTrue(run.contains("\nip access-list standard MGMT\n permit 192.0.2.0 0.0.0.255\n"), run);
        assertTrue(run.contains("\naccess-list 110 permit tcp any host 198.51.100.1 eq 22\n"
            + "access-list 110 deny   ip 10.0.0.0 0.255.255.255 any\n"), run);
    }

    /**
     * ios_ospfv2 and ios_ospf_interfaces merged, then again with nothing to change; the facts
     * read the router's `router ospf` and interface lines back as configured. ios_l2_interfaces:
     * IOSv's ports are routed (no `switchport`), so a port named alone changes nothing, both times.
     */
    @Test
    void ansibleOspfAndL2ResourceModulesAreIdempotent() throws Exception {
        r.configure("interface GigabitEthernet0/2", "ip address 198.51.100.1 255.255.255.0", "no shutdown");
        Result res = playbook("ansible/routing.yml");
        assertEquals(0, res.code, res.out);
        String result = res.out.lines().filter(l -> l.contains("RESULT ")).findFirst().orElse("");
        assertTrue(result.contains("RESULT ospf=True/False ospfif=True/False l2=False/False "), res.out);
        assertTrue(result.contains(" again=[] []"), res.out);
        String facts = res.out.lines().filter(l -> l.contains("FACTS ")).findFirst().orElse("");
        assertTrue(facts.contains("\\\"summary_address\\\": {\\\"address\\\": \\\"172.16.0.0\\\""), facts);
        assertTrue(facts.contains("\\\"mtu_ignore\\\": true"), facts);
        String run = r.running();
        assertTrue(run.contains("router ospf 10\n router-id 10.0.0.1\n auto-cost reference-bandwidth 1000\n"
            + " area 0 authentication message-digest\n area 0 range 198.51.0.0 255.255.0.0\n area 5 stub\n area 7 nssa\n"
            + " area 7 default-cost 15\n summary-address 172.16.0.0 255.255.0.0\n passive-interface GigabitEthernet0/3\n"
            + " network 198.51.100.0 0.0.0.255 area 0\n default-information originate always\n"), run);
        assertTrue(run.contains(" ip ospf network point-to-point\n"), run);
    }

    /**
     * ansible.netcommon's net_put and net_get (SCP over network_cli, as admin: SCP needs
     * privilege 15 at login) to and from flash0:, net_put idempotent, then the file merged into
     * the running-config (`copy flash:ansible.cfg running-config` through ios_command) and the
     * running-config fetched with net_get.
     */
    @Test
    void ansibleNetPutAndNetGetOverScp() throws Exception {
        r.configure("ip scp server enable");
        Path src = tmp.resolve("ansible.cfg");
        Files.writeString(src, "interface Loopback9\n description from ansible\n ip address 9.9.9.9 255.255.255.255\nend\n");
        Path back = tmp.resolve("back.cfg");
        Path running = tmp.resolve("running.cfg");
        Result res = playbook("ansible/files.yml", "-e", "src=" + src, "-e", "back=" + back, "-e", "running=" + running);
        assertEquals(0, res.code, res.out);
        String result = res.out.lines().filter(l -> l.contains("RESULT ")).findFirst().orElse("");
        assertTrue(result.contains("RESULT put=True/False get=True copy=86 bytes copied"), res.out);
        assertEquals(Files.readString(src), Files.readString(back));
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(src), r.call(() -> read("ansible.cfg"))));
        String run = r.running();
        assertTrue(run.contains("interface Loopback9\n description from ansible\n ip address 9.9.9.9 255.255.255.255\n"), run);
        assertEquals(run, Files.readString(running));
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
    private Result playbook(String name, String... extra) throws Exception {
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
        List<String> cmd = new ArrayList<>(List.of("ansible-playbook", "-i", inv.toString(), script(name).toString()));
        cmd.addAll(List.of(extra));
        return run(cmd, 240, Map.of("ANSIBLE_HOST_KEY_CHECKING", "False", "ANSIBLE_NOCOLOR", "1",
            "ANSIBLE_LOCAL_TEMP", tmp.resolve("ansible-tmp").toString(), "ANSIBLE_PERSISTENT_CONTROL_PATH_DIR",
            tmp.resolve("pc").toString()));
    }

    // ---- helpers

    /** A client's exit code and its output (stdout and stderr together). */
    record Result(int code, String out) {}

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

    /** Runs a client with its stdin closed, its output read as it goes, killed after {@code seconds}. */
    static Result run(List<String> cmd, int seconds, Map<String, String> env) throws Exception {
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
