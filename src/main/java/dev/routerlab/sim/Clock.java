package dev.routerlab.sim;

/** Time as a router sees it: monotonic nanoseconds plus the wall-clock date those map to. */
public interface Clock {
    /** Monotonic time in nanoseconds; only differences mean anything. */
    long nanos();

    /** Wall-clock time in epoch milliseconds (what `show clock` prints). */
    long epochMillis();
}
