package dev.routerlab.ike;

import dev.routerlab.packet.Ipv4Address;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * charon (strongSwan 5.9, kernel-libipsec) in a network namespace of its own, joined to the
 * root namespace by a veth pair:
 * <pre>
 *   root ns: VA  198.19.X.1/30   (the test JVM's engine binds UDP 500 and 4500 here)
 *   ns NS:   VB  198.19.X.2/30   charon; lo 10.98.0.1/32 (its inner host); ipsec0 (TUN)
 * </pre>
 * Names carry the JVM's pid and the harness's number within it, so that parallel runs, and
 * harnesses of test classes running concurrently in one JVM, do not collide. {@link #close} (also run by
 * a shutdown hook) kills charon by its pid and deletes the namespace, which removes the veth.
 */
final class StrongSwanHarness implements AutoCloseable {
    static final String CHARON = "/usr/lib/ipsec/charon";
    static final int INNER_CHARON = Ipv4Address.parse("10.98.0.1");
    static final int INNER_ENGINE = Ipv4Address.parse("10.99.0.1");
    static final String PSK = "routerlab-interop-psk";

    final String ns;
    /** The pid and this harness's number in the JVM: what its names (and its users' TUN names) carry. */
    final String tag;
    final String vethRoot;
    final String vethNs;
    final int rootAddr;
    final int nsAddr;
    final Path run;
    private Process charon;
    private final Thread hook;
    private boolean closed;

    /** Why the test cannot run here, or null when it can. */
    static String unavailable() {
        if (!"root".equals(System.getProperty("user.name"))) return "not running as root";
        if (!Files.isExecutable(Path.of(CHARON))) return "strongswan-charon not installed (" + CHARON + ")";
        if (!Files.exists(Path.of("/dev/net/tun"))) return "/dev/net/tun missing (kernel-libipsec needs it)";
        try {
            if (exec(List.of("sh", "-c", "command -v swanctl")).exit != 0) return "swanctl not installed";
            if (exec(List.of("ip", "-V")).exit != 0) return "iproute2 not installed";
        } catch (IOException e) {
            return "swanctl/ip not runnable: " + e.getMessage();
        }
        return null;
    }

    StrongSwanHarness() throws IOException {
        long pid = ProcessHandle.current().pid();
        tag = pid % 100000 + "n" + INSTANCES.incrementAndGet();
        ns = "rlike" + tag;
        vethRoot = "rlk" + tag + "a";
        vethNs = "rlk" + tag + "b";
        int base = freeSubnet((int) (pid % 250));
        rootAddr = base + 1;
        nsAddr = base + 2;
        run = Files.createTempDirectory("rlike-strongswan-");
        hook = new Thread(this::closeQuietly, "strongswan-harness-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            sh("ip", "netns", "add", ns);
            sh("ip", "link", "add", vethRoot, "type", "veth", "peer", "name", vethNs, "netns", ns);
            sh("ip", "addr", "add", Ipv4Address.toString(rootAddr) + "/30", "dev", vethRoot);
            sh("ip", "link", "set", vethRoot, "up");
            sh("ip", "-n", ns, "addr", "add", Ipv4Address.toString(nsAddr) + "/30", "dev", vethNs);
            sh("ip", "-n", ns, "link", "set", vethNs, "up");
            sh("ip", "-n", ns, "link", "set", "lo", "up");
            sh("ip", "-n", ns, "addr", "add", Ipv4Address.toString(INNER_CHARON) + "/32", "dev", "lo");
            Files.createDirectories(run.resolve("run"));
            Files.writeString(run.resolve("strongswan.conf"), strongswanConf());
            startCharon();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The /24s (X) harnesses of this JVM took, their addresses perhaps not yet on the host. */
    private static final java.util.Set<Integer> TAKEN = new java.util.HashSet<>();
    private static final java.util.concurrent.atomic.AtomicInteger INSTANCES = new java.util.concurrent.atomic.AtomicInteger();

    /** 198.19.X.0/30 with X chosen from the pid, skipping any /24 already on this host or taken by another harness of this JVM. */
    private static int freeSubnet(int start) throws IOException {
        String addrs = exec(List.of("ip", "-o", "-4", "addr", "show")).out;
        synchronized (TAKEN) {
            for (int i = 0; i < 250; i++) {
                int x = (start + i) % 250 + 1;
                if (!addrs.contains(" 198.19." + x + ".") && TAKEN.add(x)) return Ipv4Address.parse("198.19." + x + ".0");
            }
        }
        throw new IOException("no free 198.19.X.0/30");
    }


    private String strongswanConf() {
        String r = run.toString();
        return "charon {\n"
                + "    load = random nonce aes sha1 sha2 md5 hmac gmp gcm openssl kdf pem pkcs1 x509 pubkey"
                + " socket-default kernel-libipsec kernel-netlink vici\n"
                + "    port = 500\n    port_nat_t = 4500\n"
                // charon refuses Aggressive Mode with PSK as responder unless told otherwise
                + "    i_dont_care_about_security_and_use_aggressive_mode_psk = yes\n"
                + "    retransmit_tries = 3\n    retransmit_timeout = 2.0\n"
                // IKEv2 fragments (RFC 7383) of at most 200-octet datagrams, only to a peer that announced support
                + "    fragment_size = 200\n"
                + "    install_routes = yes\n    routing_table = 220\n    routing_table_prio = 220\n"
                + "    plugins {\n        vici {\n            socket = unix://" + r + "/charon.vici\n        }\n"
                + "        kernel-libipsec {\n            allow_peer_ts = no\n        }\n    }\n"
                + "    filelog {\n        main {\n            path = " + r + "/charon.log\n            time_format = %H:%M:%S\n"
                + "            ike_name = yes\n            append = no\n            flush_line = yes\n"
                + "            default = 1\n            cfg = 2\n            knl = 2\n            net = 2\n"
                + "            ike = 2\n            chd = 2\n        }\n    }\n}\n"
                + "swanctl {\n    socket = unix://" + r + "/charon.vici\n}\n";
    }

    /** Starts charon in the namespace (a private /run so that its compiled-in pid file is its own). */
    void startCharon() throws IOException {
        Files.deleteIfExists(run.resolve("charon.vici"));
        String cmd = "mount --bind '" + run.resolve("run") + "' /run && exec env STRONGSWAN_CONF='"
                + run.resolve("strongswan.conf") + "' " + CHARON;
        charon = new ProcessBuilder("ip", "netns", "exec", ns, "sh", "-c", cmd)
                .redirectErrorStream(true).redirectOutput(run.resolve("charon.stdout").toFile()).start();
        for (int i = 0; i < 100 && !Files.exists(run.resolve("charon.vici")); i++) sleep(100);
        if (!Files.exists(run.resolve("charon.vici"))) {
            throw new IOException("charon did not start: " + Files.readString(run.resolve("charon.stdout")));
        }
    }

    /** SIGKILL: charon says nothing to its peer (a dead peer for DPD). */
    void killCharon() {
        if (charon != null) {
            charon.destroyForcibly();
            try {
                charon.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Writes and loads a swanctl.conf (connections not in it are unloaded). */
    void load(String connections) throws IOException {
        load(connections, nsAddr, rootAddr);
    }

    /** As {@link #load(String)} with the PSK bound to other identities (a peer not on the veth). */
    void load(String connections, int localId, int remoteId) throws IOException {
        String conf = "connections {\n" + connections + "}\nsecrets {\n    ike-rl {\n        id-a = "
                + Ipv4Address.toString(localId) + "\n        id-b = " + Ipv4Address.toString(remoteId)
                + "\n        secret = \"" + PSK + "\"\n    }\n}\n";
        Path f = run.resolve("swanctl.conf");
        Files.writeString(f, conf);
        Result r = swanctl("--load-all", "--file", f.toString());
        if (r.exit != 0) throw new IOException("swanctl --load-all failed: " + r.out);
    }

    /**
     * Writes and loads a whole swanctl.conf (connections and secrets as given), with these private
     * keys copied into its own {@code private/} directory (swanctl loads keys only from there;
     * SWANCTL_DIR points it at this harness's directory).
     */
    void loadConf(String conf, Path... privateKeys) throws IOException {
        Path dir = Files.createDirectories(run.resolve("swanctl"));
        Path keys = Files.createDirectories(dir.resolve("private"));
        try (var old = Files.list(keys)) {
            for (Path k : old.toList()) Files.delete(k);
        }
        for (Path k : privateKeys) Files.copy(k, keys.resolve(k.getFileName()));
        Path f = dir.resolve("swanctl.conf");
        Files.writeString(f, conf);
        Result r = exec(List.of("ip", "netns", "exec", ns, "env", "SWANCTL_DIR=" + dir, "swanctl", "--load-all", "--file",
                f.toString(), "--uri", "unix://" + run.resolve("charon.vici")));
        if (r.exit != 0) throw new IOException("swanctl --load-all failed: " + r.out);
    }

    /** A swanctl connection: IKEv1 Main Mode, PSK, 10.98.0.1 <-> 10.99.0.1, tunnel. */
    String connection(String name, String ikeProposal, String espProposal, boolean aggressive, int dpdDelay) {
        return connection(name, ikeProposal, espProposal, aggressive, dpdDelay, nsAddr, rootAddr);
    }

    /** As above between charon's {@code local} and the peer's {@code remote} outer addresses. */
    String connection(String name, String ikeProposal, String espProposal, boolean aggressive, int dpdDelay,
                      int local, int remote) {
        return connection(1, name, ikeProposal, espProposal, aggressive, dpdDelay, local, remote);
    }

    /** As above in IKE {@code version} 1 or 2 ({@code aggressive} only means something in version 1). */
    String connection(int version, String name, String ikeProposal, String espProposal, boolean aggressive, int dpdDelay,
                      int local, int remote) {
        int nsAddr = local, rootAddr = remote;
        return "    " + name + " {\n        version = " + version + "\n        aggressive = " + (aggressive ? "yes" : "no") + "\n"
                + "        local_addrs = " + Ipv4Address.toString(nsAddr) + "\n"
                + "        remote_addrs = " + Ipv4Address.toString(rootAddr) + "\n"
                + "        proposals = " + ikeProposal + "\n        rekey_time = 0\n        reauth_time = 0\n"
                + "        dpd_delay = " + dpdDelay + "\n"
                + "        local {\n            auth = psk\n            id = " + Ipv4Address.toString(nsAddr) + "\n        }\n"
                + "        remote {\n            auth = psk\n            id = " + Ipv4Address.toString(rootAddr) + "\n        }\n"
                + "        children {\n            " + name + "-net {\n                mode = tunnel\n"
                + "                local_ts = " + Ipv4Address.toString(INNER_CHARON) + "/32\n"
                + "                remote_ts = " + Ipv4Address.toString(INNER_ENGINE) + "/32\n"
                + "                esp_proposals = " + espProposal + "\n                start_action = none\n"
                + "            }\n        }\n    }\n";
    }

    Result swanctl(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns, "swanctl"));
        cmd.addAll(Arrays.asList(args));
        cmd.add("--uri");
        cmd.add("unix://" + run.resolve("charon.vici"));
        Result r = exec(cmd);
        // swanctl lists every plugin it could not load on stderr: noise here.
        StringBuilder sb = new StringBuilder();
        for (String l : r.out.split("\n")) if (!l.startsWith("plugin '")) sb.append(l).append('\n');
        return new Result(r.exit, sb.toString());
    }

    String charonLog() {
        try {
            return Files.readString(run.resolve("charon.log"));
        } catch (IOException e) {
            return "(no charon.log: " + e.getMessage() + ")";
        }
    }

    /** Lines of charon's log that help when a scenario fails (never keys: log level 2). */
    String charonLogTail(int lines) {
        String[] l = charonLog().split("\n");
        return String.join("\n", Arrays.copyOfRange(l, Math.max(0, l.length - lines), l.length));
    }

    record Result(int exit, String out) {}

    static Result exec(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timeout: " + cmd);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static void sh(String... cmd) throws IOException {
        Result r = exec(List.of(cmd));
        if (r.exit != 0) throw new IOException(String.join(" ", cmd) + ": " + r.out);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (RuntimeException e) {
            // best effort at shutdown
        }
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (charon != null && charon.isAlive()) {
            charon.destroy();
            try {
                if (!charon.waitFor(5, TimeUnit.SECONDS)) charon.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            exec(List.of("ip", "netns", "del", ns)); // takes the veth pair with it
            exec(List.of("ip", "link", "del", vethRoot)); // in case the namespace was never made
        } catch (IOException e) {
            // nothing more to do
        }
        if (!Boolean.getBoolean("rl.keepInterop")) { // -Drl.keepInterop=true keeps charon.log for a post-mortem
            try (var files = Files.walk(run)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                // a temp dir left behind is harmless
            }
        }
        if (Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down
            }
        }
    }
}
