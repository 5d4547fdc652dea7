package dev.routerlab.ospf;

/** Where the engine's syslog messages go (IOS text); `debug ip ospf` events go to an {@link OspfDebug}. */
public interface OspfLog {
    /** A syslog message such as {@code %OSPF-5-ADJCHG: Process 1, Nbr 2.2.2.2 on Gi0/0 from LOADING to FULL, Loading Done}. */
    void log(String message);

    OspfLog NONE = m -> {};
}
