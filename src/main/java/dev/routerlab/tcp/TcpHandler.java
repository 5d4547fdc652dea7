package dev.routerlab.tcp;

/**
 * What an application on the router (telnet, HTTP) hears from one of its connections. Every
 * call runs on the router's scheduler; handlers must not block.
 */
public interface TcpHandler {
    /** Why a connection ended. */
    enum Reason {
        /** Both sides closed (FIN exchanged), or the application aborted. */
        CLOSED,
        /** The peer answered the SYN with a RST: nothing listens there. */
        REFUSED,
        /** The peer reset an open connection. */
        RESET,
        /** Retransmissions went unanswered (RFC 9293 section 3.8.3, R2). */
        TIMED_OUT
    }

    /** The three-way handshake is over (ESTABLISHED). */
    default void connected(Tcb c) { }

    /** In-order data from the peer. */
    void received(Tcb c, byte[] data);

    /** The peer sent FIN: it sends no more (CLOSE-WAIT); the application closes when it is done. */
    default void remoteClosed(Tcb c) { c.close(); }

    /** Room came free in the send buffer after a write that did not fit. */
    default void writable(Tcb c) { }

    /** The connection is gone (its TCB deleted, or in TIME-WAIT); called once. */
    default void closed(Tcb c, Reason why) { }
}
