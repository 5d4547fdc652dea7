package dev.routerlab.ssh;

import dev.routerlab.device.cli.Shell;
import dev.routerlab.features.Features;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import dev.routerlab.config.RunningConfigWriter;
import dev.routerlab.device.Nvram;
import dev.routerlab.device.Router;
import dev.routerlab.sim.WallScheduler;

/**
 * A router on wall time with its SSH server on 127.0.0.1 (a free port), for tests and the
 * benchmark. The host key is generated once per JVM (2048 bits) and put into each router's NVRAM,
 * as `crypto key generate rsa modulus 2048` followed by a restart would leave it.
 */
final class LiveRouter implements AutoCloseable {
    static final String USER = "admin";
    static final String PASSWORD = "Lab-Pass1";
    static final String ENABLE = "En4ble!";
    /** A privilege-15 admin (scrypt secret), a privilege-1 operator, vty login local over SSH. */
    static final String BASE_CONFIG = String.join("\n",
        "hostname R1",
        "ip domain name lab.local",
        "enable secret " + ENABLE,
        "username admin privilege 15 algorithm-type scrypt secret " + PASSWORD,
        "username oper secret oper-pw",
        "ip ssh version 2",
        "interface GigabitEthernet0/0",
        " ip address 192.0.2.1 255.255.255.0",
        " no shutdown",
        "line vty 0 4",
        " login local",
        " transport input ssh",
        "end", "");

    private static volatile HostKey sharedKey;

    final WallScheduler clock = new WallScheduler("R1");
    final Router router;
    final SshService ssh;

    LiveRouter() throws IOException {
        this(Nvram.memory(), BASE_CONFIG, true);
    }

    LiveRouter(Nvram nvram, String config, boolean withKey) throws IOException {
        this(nvram, config, withKey, SshService.Options.DEFAULT);
    }

    LiveRouter(Nvram nvram, String config, boolean withKey, SshService.Options options) throws IOException {
        if (withKey && HostKey.load(nvram) == null) sharedKey().save(nvram);
        router = new Router(clock, new SecureRandom(), nvram, Router.IOSV_PORTS);
        Features.shell(router);
        List<String> errors = call(() -> config == null ? Shell.of(router).boot() : Shell.of(router).bootFrom(config));
        if (!errors.isEmpty()) throw new IllegalStateException("config errors: " + errors);
        ssh = SshService.start(router, new java.net.InetSocketAddress("127.0.0.1", 0), options);
    }

    static synchronized HostKey sharedKey() {
        if (sharedKey == null) sharedKey = HostKey.generate("R1.lab.local", 2048);
        return sharedKey;
    }

    int port() { return ssh.port(); }

    /** Runs on the router's loop and waits. */
    <T> T call(Supplier<T> task) {
        CompletableFuture<T> f = new CompletableFuture<>();
        clock.execute(() -> {
            try {
                f.complete(task.get());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f.join();
    }

    void run(Runnable task) {
        call(() -> {
            task.run();
            return null;
        });
    }

    /** Applies configuration lines (global config mode) on the loop. */
    void configure(String... lines) {
        List<String> errors = call(() -> Shell.of(router).load(String.join("\n", lines) + "\nend\n"));
        if (!errors.isEmpty()) throw new IllegalStateException("config errors: " + errors);
    }

    /** Applies configuration lines and returns what they printed as errors (`%` lines). */
    List<String> load(String... lines) {
        return call(() -> Shell.of(router).load(String.join("\n", lines) + "\nend\n"));
    }

    String running() { return call(() -> Shell.of(router).running()); }

    List<String> log() { return call(() -> router.log().buffered()); }

    int vtysInUse() { return call(() -> SshState.of(router).inUse()); }

    @Override
    public void close() {
        ssh.close();
        clock.close();
    }

    /** Polls cond every 50 ms for up to 20 s. */
    static void waitFor(java.util.function.BooleanSupplier cond, String what) {
        long end = System.nanoTime() + 20_000_000_000L;
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out waiting: " + what);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
