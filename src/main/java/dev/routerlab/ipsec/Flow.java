package dev.routerlab.ipsec;

import java.util.ArrayList;
import java.util.List;
import dev.routerlab.ike.IpsecPolicy;
import dev.routerlab.ike.ProxyPair;
import dev.routerlab.ip.IpInterface;

/**
 * One SPD entry towards one peer (a crypto ACL line, or a tunnel's GRE/any selectors) and the SA
 * pairs that carry it; IOS shows it as one block of `show crypto ipsec sa`. Flows survive
 * reconciliation with their SAs and counters.
 */
public final class Flow {
    final String tag;
    IpInterface iface;
    final ProxyPair proxies;
    final int peer;
    int local;
    IpsecPolicy policy;
    boolean transport;
    boolean vti;
    boolean tunnelProtection;
    final List<SaPair> pairs = new ArrayList<>();
    SaPair current;
    /** Counters of SAs already gone (IOS keeps the flow's totals across rekeys). */
    long encaps, encrypt, digest, decaps, decrypt, verify, sendErrors, recvErrors, replayFailed, verifyFailed;
    /** Drops IOS shows per flow: `#pkts no sa (send)`, `invalid sa (rcv)`, `invalid len (rcv)`, `invalid prot (recv)`, `invalid identity (recv)`. */
    long noSa, invalidSa, invalidLen, invalidProt, invalidIdentity;
    boolean live;

    Flow(String tag, IpInterface iface, ProxyPair proxies, int peer) {
        this.tag = tag;
        this.iface = iface;
        this.proxies = proxies;
        this.peer = peer;
    }

    /** The crypto map name or the tunnel's profile instance ({@code Tunnel0-head-0}). */
    public String tag() { return tag; }

    public IpInterface iface() { return iface; }

    public ProxyPair proxies() { return proxies; }

    public int peer() { return peer; }

    public int local() { return local; }

    public boolean transport() { return transport; }

    public boolean tunnelProtection() { return tunnelProtection; }

    /** The installed SA pairs, oldest first. */
    public List<SaPair> pairs() { return pairs; }

    /** The outbound pair in use, or null. */
    public SaPair current() { return current; }

    /** Totals of the SAs already gone. */
    public long encaps() { return encaps; }

    public long encrypt() { return encrypt; }

    public long digest() { return digest; }

    public long decaps() { return decaps; }

    public long decrypt() { return decrypt; }

    public long verify() { return verify; }

    public long sendErrors() { return sendErrors; }

    public long recvErrors() { return recvErrors; }

    public long replayFailed() { return replayFailed; }

    public long verifyFailed() { return verifyFailed; }

    public long noSa() { return noSa; }

    public long invalidSa() { return invalidSa; }

    public long invalidLen() { return invalidLen; }

    public long invalidProt() { return invalidProt; }

    public long invalidIdentity() { return invalidIdentity; }

    /** The receive drops IOS adds into `#recv errors`. */
    public long receiveDrops() { return invalidSa + invalidLen + invalidProt + invalidIdentity; }

    /** Adds a gone pair's counters to the flow's totals. */
    void fold(SaPair p) {
        var o = p.out.counters();
        var i = p.in.counters();
        encaps += o.encaps();
        encrypt += o.encrypt();
        digest += o.digest();
        sendErrors += o.sendErrors();
        decaps += i.decaps();
        decrypt += i.decrypt();
        verify += i.verify();
        recvErrors += i.recvErrors();
        replayFailed += i.replayFailures();
        verifyFailed += i.authFailures();
    }

    /** True while the flow has an outbound SA that is not hard-expired. */
    boolean up() { return current != null && !current.out.hardExpired(); }
}
