package dev.routerlab.ipsec;

import java.util.ArrayList;
import java.util.List;
import dev.routerlab.config.CryptoConfig;
import dev.routerlab.ike.IpsecPolicy;
import dev.routerlab.ike.KeyManager;
import dev.routerlab.ike.ProxyPair;
import dev.routerlab.ip.IpInterface;
import dev.routerlab.ip.PathMtus;
import dev.routerlab.packet.IpAddress;

/**
 * One SPD entry towards one peer (a crypto ACL line, or a tunnel's GRE/any selectors) and the SA
 * pairs that carry it; IOS shows it as one block of `show crypto ipsec sa`. Flows survive
 * reconciliation with their SAs and counters.
 */
public final class Flow {
    final String tag;
    IpInterface iface;
    final ProxyPair proxies;
    /** The peer and our end: IPv4, or IPv6 for a tunnel over IPv6 ({@link #ipv6}). */
    final IpAddress peer;
    /** An mGRE peer behind PAT: its NAT-T port, one host of several at one address (RFC 3947 §5); else {@link KeyManager#ANY_PORT}. */
    final int natPort;
    /** The front-door VRF its IKE and ESP go by (null: the global table). */
    String fvrf;
    IpAddress local = IpAddress.NONE;
    /** ESP over IPv6: the peer is an IPv6 address. */
    final boolean ipv6;
    IpsecPolicy policy;
    boolean transport;
    boolean vti;
    boolean tunnelProtection;
    final List<SaPair> pairs = new ArrayList<>();
    SaPair current;
    /** Counters of SAs already gone (IOS keeps the flow's totals across rekeys). */
    private final Totals gone = new Totals();
    /** Drops IOS shows per flow: `#pkts no sa (send)`, `invalid sa (rcv)`, `invalid len (rcv)`, `invalid prot (recv)`, `invalid identity (recv)`. */
    long noSa, invalidSa, invalidLen, invalidProt, invalidIdentity;
    boolean live;
    /** `crypto ipsec df-bit` of its interface, else the global one: the outer DF of its tunnel-mode ESP (RFC 4301 §8.1). */
    CryptoConfig.DfBit dfBit = CryptoConfig.DfBit.COPY;
    /** RFC 791: every IPv4 path carries 68 octets; a smaller next-hop MTU is not believed (RFC 1191 §3). */
    static final int MIN_PATH_MTU = 68;
    /**
     * What "fragmentation needed" about its ESP taught of the path to the peer: RFC 4301 §8.2.1 keeps
     * it in the SAD, §8.2.2 ages it (RFC 1191 §6.3's 10 minutes, IOS's IP path MTU ager).
     */
    private final PathMtus<IpAddress> learned = new PathMtus<>(MIN_PATH_MTU, 1);

    Flow(String tag, IpInterface iface, ProxyPair proxies, IpAddress peer, int natPort) {
        this.tag = tag;
        this.iface = iface;
        this.proxies = proxies;
        this.peer = peer;
        this.natPort = natPort;
        this.ipv6 = peer.isV6();
    }

    /** Whether the flow is another host's behind the same PAT than the one at natPort (RFC 3947 §5). */
    boolean otherHost(int port) { return !KeyManager.portMatches(natPort, port); }

    /** The crypto map name or the tunnel's profile instance ({@code Tunnel0-head-0}). */
    public String tag() { return tag; }

    public IpInterface iface() { return iface; }

    public ProxyPair proxies() { return proxies; }

    public IpAddress peer() { return peer; }

    /** The NAT-T port of the one host behind PAT this flow is for, else {@link KeyManager#ANY_PORT}. */
    public int natPort() { return natPort; }

    public IpAddress local() { return local; }

    public boolean ipv6() { return ipv6; }

    /** The front-door VRF (null: the global table). */
    public String fvrf() { return fvrf; }

    /** The inside VRF (IOS's `protected vrf`): the one its interface's clear traffic is in (null: the global table). */
    public String ivrf() { return iface == null ? null : iface.vrf(); }

    public boolean transport() { return transport; }

    public boolean tunnelProtection() { return tunnelProtection; }

    /** The installed SA pairs, oldest first. */
    public List<SaPair> pairs() { return pairs; }

    /** The outbound pair in use, or null. */
    public SaPair current() { return current; }

    /** The flow's counters as `show crypto ipsec sa` prints them: the SAs gone plus those installed. */
    public Totals totals() {
        Totals t = gone.copy();
        for (SaPair p : pairs) t.add(p);
        return t;
    }

    /** Summed SA counters (outbound: encaps, encrypt, digest, send errors; inbound: the rest). */
    public static final class Totals {
        public long encaps, encrypt, digest, decaps, decrypt, verify, sendErrors, recvErrors, replayFailed, verifyFailed;

        void add(SaPair p) {
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

        Totals copy() {
            Totals t = new Totals();
            t.encaps = encaps;
            t.encrypt = encrypt;
            t.digest = digest;
            t.decaps = decaps;
            t.decrypt = decrypt;
            t.verify = verify;
            t.sendErrors = sendErrors;
            t.recvErrors = recvErrors;
            t.replayFailed = replayFailed;
            t.verifyFailed = verifyFailed;
            return t;
        }
    }

    public long noSa() { return noSa; }

    public long invalidSa() { return invalidSa; }

    public long invalidLen() { return invalidLen; }

    public long invalidProt() { return invalidProt; }

    public long invalidIdentity() { return invalidIdentity; }

    /** The receive drops IOS adds into `#recv errors`. */
    public long receiveDrops() { return invalidSa + invalidLen + invalidProt + invalidIdentity; }

    /** Adds a gone pair's counters to the flow's totals. */
    void fold(SaPair p) { gone.add(p); }

    /** The path MTU towards the peer: linkMtu (the IP MTU of the interface ESP leaves by), or what was learned while it holds. */
    public int pathMtu(int linkMtu, long now) { return learned.toward(peer, linkMtu, now); }

    /** RFC 1191 §3 / RFC 4301 §8.2.1: a next-hop MTU below the path MTU in use lowers it, and restarts the ager. */
    void lowerPathMtu(int nextHopMtu, int linkMtu, long now) {
        if (nextHopMtu > 0 && Math.max(MIN_PATH_MTU, nextHopMtu) < pathMtu(linkMtu, now)) learned.reduce(peer, nextHopMtu, now);
    }

    /** True while the flow has an outbound SA that is not hard-expired. */
    boolean up() { return current != null && !current.out.hardExpired(); }
}
