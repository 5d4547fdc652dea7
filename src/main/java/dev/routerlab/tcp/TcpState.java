package dev.routerlab.tcp;

/** The connection states of RFC 9293 section 3.3.2, with the words IOS's `show tcp brief` prints. */
public enum TcpState {
    LISTEN("LISTEN"), SYN_SENT("SYNSENT"), SYN_RECEIVED("SYNRCVD"), ESTABLISHED("ESTAB"),
    FIN_WAIT_1("FINWAIT1"), FIN_WAIT_2("FINWAIT2"), CLOSE_WAIT("CLOSEWAIT"), CLOSING("CLOSING"),
    LAST_ACK("LASTACK"), TIME_WAIT("TIMEWAIT"), CLOSED("CLOSED");

    /** The IOS word. */
    public final String ios;

    TcpState(String ios) { this.ios = ios; }

    /** States after the SYNs are exchanged (RFC 9293 section 3.10.7.4: "synchronized"). */
    public boolean synchronized_() {
        return this != LISTEN && this != SYN_SENT && this != SYN_RECEIVED && this != CLOSED;
    }
}
