package dev.routerlab.ospf;

/** Where the engine's log lines go: syslog messages (IOS text) and `debug ip ospf` lines. */
public interface OspfLog {
    /** A syslog message such as {@code %OSPF-5-ADJCHG: Process 1, Nbr 2.2.2.2 on Gi0/0 from LOADING to FULL, Loading Done}. */
    void log(String message);

    /** A debug line (the router prints it only when the matching `debug ip ospf` is on). */
    default void debug(String line) {}

    OspfLog NONE = m -> {};
}
