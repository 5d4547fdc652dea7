package dev.routerlab.config;

import dev.routerlab.cli.CommandRegistry;

/** TODO(helper): Crypto configuration commands and their running-config section. */
final class CryptoCommands {
    private CryptoCommands() {}

    static void register(CommandRegistry r) {
    }

    /** Appends this section of the running-config. */
    static void write(RunningConfig c, StringBuilder sb) {
    }
}
