package dev.routerlab.link;

/**
 * A link as one router interface sees it: the interface transmits into it, and the far side's
 * traffic arrives through the LinkReceiver the router returned when the link was bound.
 */
public interface Link {
    /** Sends a frame (Ethernet links) or a bare IPv4 packet (TUN links). The bytes are copied or owned by the link. */
    void transmit(byte[] data, int off, int len);

    /** True when the link carries Ethernet II frames (wires); false for bare IPv4 (TUN). */
    boolean ethernet();

    /**
     * The router's port was enabled or shut (`no shutdown` / `shutdown`), and once when bound.
     * A wire passes it on as the far end's carrier; links without a far port ignore it.
     */
    default void portState(boolean up) { }

    /** Packets waiting in the link's input queue for the router (the `size` of `Input queue: size/max/...`). */
    default int inputQueueSize() { return 0; }
}
