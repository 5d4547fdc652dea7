package dev.routerlab.link;

/** What a link delivers to; always called on the receiving router's scheduler thread. */
public interface LinkReceiver {
    void receive(byte[] data, int off, int len);

    /** Carrier change: the far side appeared, went away, or its port was shut. */
    void carrier(boolean up);

    /** {@code n} packets were dropped because the link's input queue was full (`show interfaces` input drops). */
    default void inputQueueDrops(long n) { }
}
