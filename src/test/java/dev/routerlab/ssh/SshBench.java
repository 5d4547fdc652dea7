package dev.routerlab.ssh;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.client.session.ClientSession;

/**
 * The SSH figures for BENCHMARKS.md (a scripted run, not a unit test):
 * <pre>
 *   mvn -q -o -Drl.buildDir=target-ssh test-compile
 *   java -cp target-ssh/classes:target-ssh/test-classes:$(cat cp.txt) dev.routerlab.ssh.SshBench
 * </pre>
 * (cp.txt from `mvn dependency:build-classpath -Dmdep.outputFile=cp.txt`), or run
 * scripts/ssh-bench.sh. Measures: logins per second (connect, key exchange, password, close;
 * type 5 and type 9 secrets; 1 and 4 clients), `show version` latency over one interactive
 * session (median and p99 over 1,000 commands), and heap and threads per open session (shells
 * opened by a separate client process when /usr/bin/python3 has paramiko, else in-process).
 */
public final class SshBench {
    private SshBench() {}

    public static void main(String[] args) throws Exception {
        int commands = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        try (LiveRouter r = new LiveRouter(dev.routerlab.device.Nvram.memory(), LiveRouter.BASE_CONFIG, true,
                new SshService.Options(64, 64, 30));
             TestClient c = new TestClient()) {
            r.configure("username md5user privilege 15 secret md5-pass");
            System.out.printf(Locale.ROOT, "cores %d, %s %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
            warmUp(r, c);
            logins(r, c, "md5user", "md5-pass", "type 5 secret", 1, 300);
            logins(r, c, "md5user", "md5-pass", "type 5 secret", 4, 600);
            logins(r, c, LiveRouter.USER, LiveRouter.PASSWORD, "type 9 (scrypt) secret", 1, 100);
            logins(r, c, LiveRouter.USER, LiveRouter.PASSWORD, "type 9 (scrypt) secret", 4, 200);
            latency(r, c, commands);
            memory(r, c, 50);
        }
        System.exit(0);
    }

    private static void warmUp(LiveRouter r, TestClient c) throws IOException {
        for (int i = 0; i < 30; i++) c.exec(r.port(), "md5user", "md5-pass", "show clock");
        try (TestClient.Shell sh = c.shell(r.port(), "md5user", "md5-pass")) {
            sh.expect("R1#$");
            sh.cmd("terminal length 0");
            for (int i = 0; i < 300; i++) sh.cmd("show version");
        }
    }

    private static void logins(LiveRouter r, TestClient c, String user, String pw, String what, int clients, int n)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long t0 = System.nanoTime();
        List<Future<?>> f = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            f.add(pool.submit(() -> {
                try (ClientSession s = c.login(r.port(), user, pw)) {
                    return null;
                }
            }));
        }
        for (Future<?> x : f) x.get(10, TimeUnit.MINUTES);
        double secs = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        System.out.printf(Locale.ROOT, "logins/s, %s, %d client%s: %.0f (%d logins in %.2f s; client and server in one JVM)%n",
            what, clients, clients == 1 ? "" : "s", n / secs, n, secs);
    }

    private static void latency(LiveRouter r, TestClient c, int n) throws IOException {
        try (TestClient.Shell sh = c.shell(r.port(), "md5user", "md5-pass")) {
            sh.expect("R1#$");
            sh.cmd("terminal length 0");
            long[] t = new long[n];
            int bytes = 0;
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                bytes = sh.cmd("show version").length();
                t[i] = System.nanoTime() - t0;
            }
            Arrays.sort(t);
            System.out.printf(Locale.ROOT, "show version over one ssh session (%d commands, %d bytes each): "
                + "median %.2f ms, p99 %.2f ms, max %.2f ms%n", n, bytes, t[n / 2] / 1e6, t[(int) (n * 0.99)] / 1e6, t[n - 1] / 1e6);
        }
    }

    private static void memory(LiveRouter r, TestClient c, int n) throws Exception {
        Path py = Path.of("/usr/bin/python3");
        boolean external = Files.isExecutable(py) && new ProcessBuilder(py.toString(), "-c", "import paramiko")
            .redirectErrorStream(true).start().waitFor() == 0;
        long heap0 = usedHeap();
        int threads0 = Thread.activeCount();
        List<AutoCloseable> open = new ArrayList<>();
        Process p = null;
        if (external) {
            String script = "import paramiko,sys,time\n"
                + "cs=[]\n"
                + "for i in range(" + n + "):\n"
                + "  c=paramiko.SSHClient(); c.set_missing_host_key_policy(paramiko.AutoAddPolicy())\n"
                + "  c.connect('127.0.0.1', port=" + r.port() + ", username='md5user', password='md5-pass', look_for_keys=False, allow_agent=False)\n"
                + "  ch=c.invoke_shell(); cs.append((c,ch))\n"
                + "time.sleep(2)\n"
                + "print('ready', flush=True)\n"
                + "sys.stdin.readline()\n";
            p = new ProcessBuilder(py.toString(), "-c", script).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String ready = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream())).readLine();
            if (!"ready".equals(ready)) throw new IllegalStateException("paramiko client: " + ready);
        } else {
            for (int i = 0; i < n; i++) {
                TestClient.Shell sh = c.shell(r.port(), "md5user", "md5-pass");
                sh.expect("R1#$");
                open.add(sh);
            }
        }
        LiveRouter.waitFor(() -> r.vtysInUse() == n, n + " sessions");
        long heap1 = usedHeap();
        int threads1 = Thread.activeCount();
        System.out.printf(Locale.ROOT, "memory per open ssh shell session: %.0f KiB heap, %.1f threads (%d sessions, %s client)%n",
            (heap1 - heap0) / 1024.0 / n, (threads1 - threads0) / (double) n, n, external ? "paramiko, separate process" : "in-process MINA");
        if (p != null) {
            p.getOutputStream().write('\n');
            p.getOutputStream().flush();
            p.waitFor(30, TimeUnit.SECONDS);
            p.destroy();
        }
        for (AutoCloseable a : open) a.close();
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
