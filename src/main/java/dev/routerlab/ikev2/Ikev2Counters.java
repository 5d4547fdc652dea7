package dev.routerlab.ikev2;

/** What `show crypto ikev2 stats` counts; plain fields, written on the router's loop. */
public final class Ikev2Counters {
    public long datagramsIn, datagramsOut, malformed, unknownSa, retransmissions;
    public long saInitiated, saResponded, saEstablished, saFailed, authFailed, noProposal;
    public long childEstablished, childRekeys, ikeRekeys, deletesIn, deletesOut, dpdSent, cookiesSent, halfOpenRefused;
}
