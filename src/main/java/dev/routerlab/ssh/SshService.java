package dev.routerlab.ssh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import dev.routerlab.acl.AccessLists;
import dev.routerlab.acl.AclMatch;
import dev.routerlab.config.AccessList;
import dev.routerlab.config.LineConfig;
import dev.routerlab.config.LoginCheck;
import dev.routerlab.config.RunningConfig;
import dev.routerlab.device.Router;
import dev.routerlab.sim.VirtualScheduler;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.AsyncAuthException;
import org.apache.sshd.server.auth.keyboard.DefaultKeyboardInteractiveAuthenticator;
import org.apache.sshd.server.auth.keyboard.UserAuthKeyboardInteractiveFactory;
import org.apache.sshd.server.auth.password.PasswordAuthenticator;
import org.apache.sshd.server.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.server.session.ServerSession;

/**
 * A router's SSH server (Apache MINA SSHD): the host key from `crypto key generate rsa`,
 * logins checked against the running-config (`username`, `line vty` `login local`,
 * `transport input`, `access-class`, `login block-for`, `ip ssh`), and on each channel the
 * same JLine shell as the console, its commands run on the router's event loop.
 *
 * <pre>
 *   SshService ssh = SshService.start(router, 0);   // 127.0.0.1, any free port
 *   ssh.port();  ...  ssh.close();
 * </pre>
 * The router must run on wall time (a WallScheduler): SSH clients are real and concurrent.
 */
public final class SshService implements AutoCloseable {
    /** The logged-in user of a connection, set when authentication succeeds. */
    static final AttributeKey<Login> LOGIN = new AttributeKey<>();
    private static final AttributeKey<AtomicInteger> FAILURES = new AttributeKey<>();
    private static final AttributeKey<AtomicBoolean> COUNTED = new AttributeKey<>();
    private static final AttributeKey<String> SOURCE = new AttributeKey<>();

    /**
     * Limits: vty lines (concurrent shells and exec commands), connections still logging in,
     * and how long a question (`Password:`, `[confirm]`) waits for its answer before the command
     * goes on without one (it waits in its session, not on the router's loop).
     */
    public record Options(int vtyLines, int maxStartups, int maxStartupsPerSource, int askTimeoutSeconds) {
        /** IOS's own password-prompt timeout. */
        public static final int ASK_TIMEOUT_SECONDS = 30;
        public static final Options DEFAULT = new Options(16, 32, 10, ASK_TIMEOUT_SECONDS);

        /** No limit per source beyond the overall one. */
        public Options(int vtyLines, int maxStartups, int askTimeoutSeconds) {
            this(vtyLines, maxStartups, maxStartups, askTimeoutSeconds);
        }
    }

    record Login(String user, int privilege) {}

    private static final ExecutorService VERIFIERS = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "ssh-auth");
        t.setDaemon(true);
        return t;
    });

    private final Router router;
    private final SshState state;
    private final Options options;
    private final SshServer server;
    private final AtomicInteger unauthenticated = new AtomicInteger();
    /** Connections still logging in, per source address (a flood from one address cannot take every slot). */
    private final java.util.concurrent.ConcurrentHashMap<String, AtomicInteger> unauthenticatedFrom =
        new java.util.concurrent.ConcurrentHashMap<>();

    private SshService(Router router, Options options) {
        if (router.scheduler() instanceof VirtualScheduler) {
            throw new IllegalArgumentException("SSH needs a router on wall time (WallScheduler), not virtual time");
        }
        this.router = router;
        this.state = SshState.of(router);
        this.options = options;
        this.server = newServer();
    }

    /**
     * MINA's defaults less the post-quantum hybrid key exchanges: IOS offers none, and MINA's
     * Java sntrup761 costs about 170 ms of CPU per login (curve25519: about 15 ms).
     */
    static SshServer newServer() {
        SshServer s = SshServer.setUpDefaultServer();
        s.setKeyExchangeFactories(s.getKeyExchangeFactories().stream()
            .filter(k -> !k.getName().startsWith("sntrup") && !k.getName().startsWith("mlkem"))
            .collect(Collectors.toList()));
        return s;
    }

    /** Starts an SSH server for router on 127.0.0.1:port (0 = any free port). */
    public static SshService start(Router router, int port) throws IOException {
        return start(router, new InetSocketAddress(InetAddress.getLoopbackAddress(), port), Options.DEFAULT);
    }

    public static SshService start(Router router, InetSocketAddress bind, Options options) throws IOException {
        SshService s = new SshService(router, options);
        s.state.hostKey();   // read NVRAM before the first client
        s.configure(bind);
        s.server.start();
        return s;
    }

    public Router router() { return router; }

    /**
     * For labs and scripts: gives the router an RSA host key now when it has none, as
     * `crypto key generate rsa modulus BITS` would (label HOSTNAME.DOMAIN, kept in NVRAM), and
     * returns the key in use. Call on the router's loop, or before the router runs.
     */
    public static HostKey ensureHostKey(Router router, int bits) throws IOException {
        SshState st = SshState.of(router);
        HostKey k = st.hostKey();
        if (k == null) {
            String d = router.config().domainName;
            k = HostKey.generate(router.hostname() + (d == null ? "" : "." + d), bits);
            st.setHostKey(k);
        }
        return k;
    }

    /** The port the server listens on. */
    public int port() {
        for (SocketAddress a : server.getBoundAddresses()) {
            if (a instanceof InetSocketAddress i) return i.getPort();
        }
        return server.getPort();
    }

    public Options options() { return options; }

    /** Connections still logging in (overall), for tests and `show ssh`-like views. */
    int unauthenticated() { return unauthenticated.get(); }

    /** Stops listening and drops every connection. */
    @Override
    public void close() {
        try {
            server.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void configure(InetSocketAddress bind) {
        server.setHost(bind.getAddress().getHostAddress());
        server.setPort(bind.getPort());
        server.setKeyPairProvider(session -> {
            HostKey k = state.hostKey();
            return k == null ? List.of() : List.of(k.pair());
        });
        CoreModuleProperties.SERVER_IDENTIFICATION.set(server, "Cisco-1.25");
        // a CLI is all small writes: without this, Nagle and delayed ACKs add 40 ms per exchange
        CoreModuleProperties.TCP_NODELAY.set(server, true);
        // exec-timeout is the router's business; the login timer is ours (ip ssh time-out)
        CoreModuleProperties.IDLE_TIMEOUT.set(server, Duration.ZERO);
        CoreModuleProperties.AUTH_TIMEOUT.set(server, Duration.ofSeconds(300));
        server.setUserAuthFactories(List.of(UserAuthKeyboardInteractiveFactory.INSTANCE, UserAuthPasswordFactory.INSTANCE));
        server.setPublickeyAuthenticator(null);
        server.setGSSAuthenticator(null);
        server.setHostBasedAuthenticator(null);
        server.setPasswordAuthenticator(new Auth());
        server.setKeyboardInteractiveAuthenticator(new DefaultKeyboardInteractiveAuthenticator() {
            // IOS asks just "Password: ", with no interaction name for the client to print
            @Override
            protected String getInteractionName(ServerSession session) {
                return "";
            }
        });
        server.setShellFactory(channel -> new VtyChannel(this, null));
        server.setCommandFactory(ScpFiles.factory(this, (channel, command) -> new VtyChannel(this, command)));
        server.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                admit((ServerSession) session);
            }

            @Override
            public void sessionEvent(Session session, Event event) {
                if (event == Event.Authenticated) leaveLogin(session);
            }

            @Override
            public void sessionClosed(Session session) {
                leaveLogin(session);
            }
        });
    }

    // ---- admission: who may connect at all

    private void admit(ServerSession s) {
        String source = source(s);
        s.setAttribute(SOURCE, source);
        s.setAttribute(COUNTED, new AtomicBoolean(true));
        int fromSource = unauthenticatedFrom.computeIfAbsent(source, k -> new AtomicInteger()).incrementAndGet();
        // IOS runs no SSH server without an RSA key; and only so many logins at a time, overall
        // and per source address: beyond either limit a new connection is closed at once
        if (unauthenticated.incrementAndGet() > options.maxStartups() || fromSource > options.maxStartupsPerSource()
                || state.hostKey() == null) {
            close(s);
            return;
        }
        router.scheduler().execute(() -> {
            String refusal = refusal(router.config(), source);
            if (refusal == null) refusal = state.watch().quiet() ? "quiet mode" : null;
            if (refusal != null) {
                close(s);
                return;
            }
            long timeout = router.config().ssh.effectiveTimeout();
            LoopTerminal.TIMERS.schedule(() -> {
                if (!s.isAuthenticated()) close(s);
            }, timeout, TimeUnit.SECONDS);
        });
    }

    private void leaveLogin(Session s) {
        AtomicBoolean counted = s.getAttribute(COUNTED);
        if (counted != null && counted.getAndSet(false)) {
            unauthenticated.decrementAndGet();
            String source = s.getAttribute(SOURCE);
            if (source != null) {
                unauthenticatedFrom.computeIfPresent(source, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
            }
        }
    }

    /** Why a connection from source is refused before login, or null when it may log in. */
    String refusal(RunningConfig c, String source) {
        if (state.hostKey() == null) return "no RSA key";
        if (c.ssh.version != null && c.ssh.version == 1) return "SSH version 1 only";
        LineConfig vty = c.lineVty;
        List<String> t = vty.effectiveTransport();
        if (!t.contains("ssh") && !t.contains("all")) return "transport input";
        if (vty.accessClass != null && !permits(c, vty.accessClass, source)) return "access-class";
        return null;
    }

    /** `access-class N in`: the list's first matching entry decides; a missing list permits. */
    static boolean permits(RunningConfig c, String aclName, String source) {
        AccessList acl = AccessLists.find(c, aclName);
        if (acl == null) return true;
        int src;
        try {
            src = dev.routerlab.packet.Ipv4Address.parse(source);
        } catch (RuntimeException e) {
            return false;
        }
        return AclMatch.permitsConnection(acl, src);
    }

    static String source(Session s) {
        SocketAddress a = s.getRemoteAddress();
        return a instanceof InetSocketAddress i ? i.getAddress().getHostAddress()
            : dev.routerlab.text.Printable.printable(String.valueOf(a));
    }

    static int localPort(Session s) {
        SocketAddress a = s.getLocalAddress();
        return a instanceof InetSocketAddress i ? i.getPort() : 22;
    }

    private static void close(Session s) {
        s.close(true);
    }

    // ---- authentication from the running-config

    private final class Auth implements PasswordAuthenticator {
        @Override
        public boolean authenticate(String username, String password, ServerSession s) throws AsyncAuthException {
            AsyncAuthException async = new AsyncAuthException();
            String source = source(s);
            int port = localPort(s);
            router.scheduler().execute(() -> {
                if (state.watch().quiet()) {
                    answer(async, false);
                    close(s);
                    return;
                }
                RunningConfig c = router.config();
                // the vty's login (or AAA's method list), read now, checked away from the loop
                LoginCheck check = LoginCheck.of(c, c.lineVty);
                int retries = c.ssh.effectiveRetries();
                boolean delay = c.ssh.loginBlock != null;
                VERIFIERS.execute(() -> {
                    int privilege = check.verify(username, password);
                    router.scheduler().execute(() -> decided(s, async, username, source, port, privilege, retries, delay));
                });
            });
            throw async;
        }
    }

    /** A login checked: privilege is the level it gets, or -1 when it was rejected. */
    private void decided(ServerSession s, AsyncAuthException async, String rawUser, String source, int port, int privilege,
                         int retries, boolean delay) {
        // the client's bytes: ESC, CR, LF never reach a log, `show users` or `show ssh`
        String user = dev.routerlab.text.Printable.printable(rawUser);
        if (privilege >= 0) {
            state.watch().succeeded(user, source, port);
            s.setAttribute(LOGIN, new Login(user, privilege));
            answer(async, true);
            return;
        }
        state.watch().failed(user, source, port, "Login Authentication Failed");
        AtomicInteger n = s.computeAttributeIfAbsent(FAILURES, k -> new AtomicInteger());
        boolean last = n.incrementAndGet() >= Math.max(1, retries) || state.watch().quiet();
        Runnable respond = () -> {
            async.setAuthed(false);
            if (last) {
                try {
                    s.disconnect(SshConstants.SSH2_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE,
                        "Too many authentication failures");
                } catch (IOException e) {
                    close(s);
                }
            }
        };
        // `login block-for` brings IOS's login delay: one second before a failure is answered
        if (delay) LoopTerminal.TIMERS.schedule(respond, 1, TimeUnit.SECONDS);
        else LoopTerminal.TIMERS.execute(respond);
    }

    private static void answer(AsyncAuthException async, boolean ok) {
        LoopTerminal.TIMERS.execute(() -> async.setAuthed(ok));
    }

    // ---- what `show ip ssh` reports

    SshState state() { return state; }

    /** The algorithms this server offers, by kind, as `show ip ssh` lists them. */
    public static Algorithms algorithms() { return Algorithms.INSTANCE; }

    public record Algorithms(String kex, String hostKey, String ciphers, String macs) {
        static final Algorithms INSTANCE = of(newServer());

        static Algorithms of(SshServer s) {
            return new Algorithms(
                s.getKeyExchangeFactories().stream().map(NamedResource::getName).collect(Collectors.joining(",")),
                s.getSignatureFactories().stream().map(NamedResource::getName)
                    .filter(n -> (n.startsWith("rsa-") || n.equals("ssh-rsa")) && !n.contains("-cert-"))
                    .collect(Collectors.joining(",")),
                s.getCipherFactories().stream().map(NamedResource::getName).collect(Collectors.joining(",")),
                s.getMacFactories().stream().map(NamedResource::getName).collect(Collectors.joining(",")));
        }
    }

    /** The vty lines a router has for SSH. */
    int vtyLines() { return options.vtyLines(); }

    /** For `show ip ssh`: the minimum DH group size the server accepts. */
    public static final int MIN_DH_BITS = 2048;
}
