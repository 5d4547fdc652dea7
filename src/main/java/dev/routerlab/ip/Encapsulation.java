package dev.routerlab.ip;

import java.util.List;
import dev.routerlab.config.InterfaceConfig;
import dev.routerlab.config.RunningConfig;

/**
 * The tunnel engine as the IPv4 engine sees it, installed with {@link IpEngine#bindTunnels}:
 * it makes each tunnel interface's {@link TunnelBinding}, takes the GRE (IP protocol 47)
 * delivered to the router, and follows each evaluation of the line protocols. Scheduler thread only.
 */
public interface Encapsulation {
    /** Reconciliation of tunnel interface t: {@code current} (null at first) brought in line with the model ic, or a new binding. */
    TunnelBinding configure(IpInterface t, TunnelBinding current, InterfaceConfig ic);

    /**
     * GRE addressed to the router, received on {@code in} (a checked IPv4 packet at off):
     * false when no tunnel matches it (then the engine answers protocol unreachable).
     */
    boolean input(IpInterface in, byte[] b, int off, int len);

    /** The end of an evaluation of model cfg: the tunnels' line states are committed and the FIB rebuilt. */
    void evaluated(RunningConfig cfg, List<IpInterface> tunnels);
}
