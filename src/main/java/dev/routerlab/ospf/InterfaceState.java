package dev.routerlab.ospf;

/** Interface states (RFC 2328 9.1), with the words `show ip ospf interface` uses. */
public enum InterfaceState {
    DOWN("DOWN"), LOOPBACK("LOOP"), WAITING("WAIT"), POINT_TO_POINT("P2P"), DR_OTHER("DROTH"), BACKUP("BDR"), DR("DR");

    public final String ios;

    InterfaceState(String ios) { this.ios = ios; }
}
