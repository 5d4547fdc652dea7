package dev.routerlab.ospf;

/** Neighbour states (RFC 2328 10.1), with the words IOS prints in ADJCHG and `show ip ospf neighbor`. */
public enum NeighborState {
    DOWN("DOWN"), ATTEMPT("ATTEMPT"), INIT("INIT"), TWO_WAY("2WAY"), EXSTART("EXSTART"), EXCHANGE("EXCHANGE"),
    LOADING("LOADING"), FULL("FULL");

    public final String ios;

    NeighborState(String ios) { this.ios = ios; }

    public boolean atLeast(NeighborState s) { return compareTo(s) >= 0; }
}
