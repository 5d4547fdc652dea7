package dev.routerlab.link;

/**
 * A router port as a link end sees it: the link attaches to it and delivers through the
 * receiver it gets back, and posts everything to the port owner's thread.
 */
public interface Port {
    /** Attaches link to the port: the owner transmits into it and the link delivers to the returned receiver. */
    LinkReceiver attach(Link link);

    /** Detaches the port's link; the port loses carrier. */
    void detach();

    /**
     * Runs task on the owner's thread after delayNanos (0: soon, after queued work; never
     * synchronously); false when the owner's input queue was full and refused it (it never runs).
     */
    boolean post(long delayNanos, Runnable task);

    /** A seed for the link's random draws (frame loss), from the owner's random source. */
    long seed();

    /**
     * How many frames a link may queue for the owner itself, drained by one task ({@link #post}ed
     * when the queue stops being empty) rather than a task per frame: a lab's live routers, each on
     * its own thread, say the depth of their input queue; 0 (the default, and in virtual time)
     * asks for a task per frame, in the owner's (time, insertion) order.
     */
    default int frameQueue() { return 0; }

    /** n frames the link's own queue for the owner refused (full, or its drain task was refused). */
    default void refused(long n) { }
}
