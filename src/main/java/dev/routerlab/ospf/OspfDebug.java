package dev.routerlab.ospf;

/**
 * `debug ip ospf` events as the engine emits them (what happened, on which interface, in the IOS
 * words); the command layer adds `OSPF-<pid> <CATEGORY> <interface>:` and the timestamp. The
 * engine emits only while a sink is set.
 */
@FunctionalInterface
public interface OspfDebug {
    /** ADJ: adjacency events (`debug ip ospf adj`, `events`); HELLO: hello-protocol events (`hello`, `events`); HELLO_PACKET: each hello sent or received (`hello`). */
    enum Category { ADJ, HELLO, HELLO_PACKET }

    void event(int processId, Category category, String interfaceName, String text);
}
