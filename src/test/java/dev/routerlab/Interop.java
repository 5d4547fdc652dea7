package dev.routerlab;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Skips a test that needs what this machine lacks (root, TUN, network namespaces, strongSwan,
 * tshark, Netmiko, Ansible), printing why. Where those are promised (CI sets
 * {@value #REQUIRE}=1: it runs as root and installs the tools), a missing one fails the test
 * instead, so an interop test never passes without running.
 */
public final class Interop {
    public static final String REQUIRE = "ROUTERLAB_REQUIRE_INTEROP";

    private Interop() {}

    /** True when this run must not skip interop tests. */
    public static boolean required() { return "1".equals(System.getenv(REQUIRE)); }

    /** Skips (or, when required, fails) with the reason printed. */
    public static void skip(String reason) {
        if (required()) Assertions.fail(REQUIRE + "=1 but " + reason);
        System.out.println("SKIPPED: " + reason);
        Assumptions.abort(reason);
    }

    /** Skips (or fails) unless ok. */
    public static void require(boolean ok, String reason) {
        if (!ok) skip(reason);
    }
}
