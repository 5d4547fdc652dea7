package dev.routerlab.cli;

import dev.routerlab.sim.Scheduler;

/**
 * What the generic CLI needs from the device its sessions run on. The CLI knows no feature:
 * command handlers reach their device through the host they registered for.
 */
public interface Host {
    /** The shared parser and command registry. */
    Cli cli();

    /** For the prompt. */
    String hostname();

    /** The device's event loop: sessions run on it, background commands schedule on it. */
    Scheduler scheduler();

    /**
     * Called after every configuration command: bring the device in line with its model.
     * {@code scope} is the sub-mode's object the command left the session in (the interface
     * being configured, ...), or null in global configuration: what the command may have changed.
     */
    void configured(Object scope);

    /** Leaving configuration mode: `%SYS-5-CONFIG_I: Configured from ...`. */
    void configuredFrom(Session s);

    /** IOS tries an unknown EXEC word as a host name: the `Translating "x"` line. */
    String unknownCommand(String word);

    /** A session starts (log lines reach it) or ends. */
    void attach(Session s);

    void detach(Session s);
}
