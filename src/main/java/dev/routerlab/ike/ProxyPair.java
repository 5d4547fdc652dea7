package dev.routerlab.ike;

import java.util.Objects;

/** The local and remote proxies of one phase-2 SA (one crypto ACL line, or GRE between tunnel ends). */
public record ProxyPair(ProxyId local, ProxyId remote) {
    public ProxyPair {
        Objects.requireNonNull(local);
        Objects.requireNonNull(remote);
    }

    public ProxyPair mirror() { return new ProxyPair(remote, local); }

    @Override
    public String toString() { return "(" + local + ") -> (" + remote + ")"; }
}
