package dev.routerlab.lab;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import dev.routerlab.device.Router;

/**
 * The one place a lab starts SSH servers for nodes with an {@code ssh-port}: it calls
 * {@code dev.routerlab.ssh.SshService.start(Router, int)} when that class is on the class path.
 */
final class SshHook {
    static final String SERVICE = "dev.routerlab.ssh.SshService";

    private SshHook() {}

    static boolean available() {
        try {
            Class.forName(SERVICE);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** Starts SSH for the router; the result stops it (a no-op when the service returns nothing closeable). */
    static AutoCloseable start(Router r, int port) throws Exception {
        Class<?> c;
        try {
            c = Class.forName(SERVICE);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("ssh-port " + port + ": this build has no SSH service (" + SERVICE + ")");
        }
        Method m = c.getMethod("start", Router.class, int.class);
        Object o;
        try {
            o = m.invoke(null, r, port);
        } catch (InvocationTargetException e) {
            Throwable t = e.getCause();
            if (t instanceof Exception x) throw x;
            throw e;
        }
        return o instanceof AutoCloseable a ? a : () -> { };
    }
}
