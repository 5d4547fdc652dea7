package dev.routerlab.ipsec;

import dev.routerlab.ike.ChildSa;
import dev.routerlab.ike.KeyManager;
import dev.routerlab.esp.EspSa;

/** An installed SA pair of a flow (RFC 4301 §4.4.2: one inbound and one outbound SAD entry). */
public final class SaPair {
    final ChildSa child;
    final EspSa in;
    final EspSa out;
    final Flow flow;
    /** The engine that negotiated it (IKEv1 or IKEv2): told of its traffic and volume lifetime. */
    final KeyManager keys;
    final int connIn;
    final int connOut;
    boolean softReported;

    SaPair(ChildSa child, EspSa in, EspSa out, Flow flow, KeyManager keys, int connIn, int connOut) {
        this.child = child;
        this.in = in;
        this.out = out;
        this.flow = flow;
        this.keys = keys;
        this.connIn = connIn;
        this.connOut = connOut;
    }

    public ChildSa child() { return child; }

    public EspSa in() { return in; }

    public EspSa out() { return out; }

    public Flow flow() { return flow; }

    /** The `show crypto engine connections active` ids. */
    public int connIn() { return connIn; }

    public int connOut() { return connOut; }
}
