package dev.routerlab.ikev2;

import dev.routerlab.ike.IpsecPolicy;
import dev.routerlab.ike.ProxyPair;
import dev.routerlab.ike.crypto.DhKeyPair;

/** A Child SA this side asked for (in IKE_AUTH or CREATE_CHILD_SA), while it is negotiated. */
final class ChildRequest {
    final IpsecPolicy policy;
    final ProxyPair proxies;
    /** The Child SA this one replaces (REKEY_SA, §2.8), 0 for a new one. */
    final long rekeyOf;
    int spi;
    byte[] nonce;
    DhKeyPair dh;

    ChildRequest(IpsecPolicy policy, ProxyPair proxies, long rekeyOf) {
        this.policy = policy;
        this.proxies = proxies;
        this.rekeyOf = rekeyOf;
    }
}
