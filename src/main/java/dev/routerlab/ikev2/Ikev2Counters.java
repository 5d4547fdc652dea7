package dev.routerlab.ikev2;

/** What `show crypto ikev2 stats` counts; plain fields, written on the router's loop. */
public final class Ikev2Counters {
    public long datagramsIn, datagramsOut, malformed, unknownSa, retransmissions;
    public long saInitiated, saResponded, saEstablished, saFailed, authFailed, noProposal;
    public long childEstablished, childRekeys, ikeRekeys, deletesIn, deletesOut, dpdSent, cookiesSent, halfOpenRefused;
    /** RFC 7383: fragments sent, fragments received (authenticated), messages reassembled, fragments discarded. */
    public long fragmentsOut, fragmentsIn, reassembled, fragmentsDropped;

    /** Adds another engine's counts (one per front-door VRF) to these. */
    public void add(Ikev2Counters o) {
        datagramsIn += o.datagramsIn;
        datagramsOut += o.datagramsOut;
        malformed += o.malformed;
        unknownSa += o.unknownSa;
        retransmissions += o.retransmissions;
        saInitiated += o.saInitiated;
        saResponded += o.saResponded;
        saEstablished += o.saEstablished;
        saFailed += o.saFailed;
        authFailed += o.authFailed;
        noProposal += o.noProposal;
        childEstablished += o.childEstablished;
        childRekeys += o.childRekeys;
        ikeRekeys += o.ikeRekeys;
        deletesIn += o.deletesIn;
        deletesOut += o.deletesOut;
        dpdSent += o.dpdSent;
        cookiesSent += o.cookiesSent;
        halfOpenRefused += o.halfOpenRefused;
        fragmentsOut += o.fragmentsOut;
        fragmentsIn += o.fragmentsIn;
        reassembled += o.reassembled;
        fragmentsDropped += o.fragmentsDropped;
    }
}
