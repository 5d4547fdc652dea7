package dev.routerlab.ipsec;

import dev.routerlab.ip.IpInterface;
import dev.routerlab.ip.IpsecBinding;

/** A protected point-to-point tunnel (GRE with `tunnel protection`, or a VTI): one flow (none while a tunnel over IPv6 has no source: it sends nothing). */
final class TunnelProtection implements IpsecBinding {
    final Flow flow;
    private final EspPath esp;

    TunnelProtection(Flow flow, EspPath esp) {
        this.flow = flow;
        this.esp = esp;
    }

    @Override
    public boolean tunnelOut(IpInterface t, byte[] b, int off, int len, int depth) {
        if (flow == null) return false;
        esp.protect(flow, b, off, len, depth);
        return true;
    }

    /** IOS's plaintext MTU of the SA in use, else of the profile's first transform set, over the path MTU the flow learned (the tunnel's transport MTU follows it). */
    @Override
    public int plaintextMtu(int pathMtu) {
        if (flow == null || flow.policy == null) return pathMtu;
        pathMtu = esp.pathMtu(flow, pathMtu);
        SaPair cur = flow.current;
        if (cur != null) return IpsecEngine.plaintextMtu(cur.child(), pathMtu);
        return IpsecEngine.plaintextMtu(flow.policy.transformSets().get(0).transform(), flow.transport, false, flow.ipv6, pathMtu);
    }

    @Override
    public boolean tunnelInClear(IpInterface t, byte[] b, int off) { return esp.clearInTunnel(b, off); }
}
