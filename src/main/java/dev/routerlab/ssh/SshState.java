package dev.routerlab.ssh;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import dev.routerlab.device.Router;

/**
 * A router's SSH state beside its configuration: the RSA host key (kept in NVRAM, so it
 * survives reloads and restarts), the login watcher, and the vty lines in use. The host key is
 * read by SSH threads; everything else is touched only on the router's event loop.
 */
public final class SshState {
    private final Router router;
    private final LoginWatch watch;
    private final TreeMap<Integer, Vty> vtys = new TreeMap<>();
    private volatile HostKey hostKey;
    private boolean loaded;

    /** One vty line in use by an SSH connection. */
    public interface Vty {
        int number();

        String user();

        String from();

        /** `show ssh` columns: encryption and MAC for IN (client to server) and OUT. */
        String[] algorithms();

        /** Ends the connection (`clear line`, exec-timeout, reload). */
        void disconnect(String why);
    }

    private SshState(Router router) {
        this.router = router;
        this.watch = new LoginWatch(router);
    }

    /** The router's SSH state (a router service, created on first use). */
    public static SshState of(Router r) {
        return r.service(SshState.class, () -> new SshState(r));
    }

    public LoginWatch watch() { return watch; }

    /** The RSA key pair, loaded from NVRAM the first time; null when none was generated. */
    public synchronized HostKey hostKey() {
        if (!loaded) {
            loaded = true;
            hostKey = HostKey.load(router.nvram());
        }
        return hostKey;
    }

    /** Installs a new key (or none) and keeps it in NVRAM. */
    public synchronized void setHostKey(HostKey k) throws IOException {
        if (k == null) HostKey.erase(router.nvram());
        else k.save(router.nvram());
        hostKey = k;
        loaded = true;
    }

    /** Takes the lowest free vty number, or -1 when `max` lines are in use. */
    int allocate(int max) {
        for (int i = 0; i < max; i++) {
            if (!vtys.containsKey(i)) {
                vtys.put(i, null);
                return i;
            }
        }
        return -1;
    }

    void bind(int n, Vty v) { vtys.put(n, v); }

    void release(int n) { vtys.remove(n); }

    public List<Vty> vtys() {
        List<Vty> out = new ArrayList<>();
        for (Vty v : vtys.values()) if (v != null) out.add(v);
        return out;
    }

    public Vty vty(int n) { return vtys.get(n); }

    public int inUse() { return vtys.size(); }
}
