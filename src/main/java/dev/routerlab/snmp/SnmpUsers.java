package dev.routerlab.snmp;

import java.nio.charset.StandardCharsets;
import dev.routerlab.config.SnmpConfig;

/**
 * SNMPv3 users are kept out of the running-config: as IOS, `write memory` saves them to private
 * NVRAM as their commands, read back at boot after the startup-config.
 */
public final class SnmpUsers {
    /** Private NVRAM: the SNMPv3 users as their commands. */
    public static final String PRIVATE_FILE = "private-config-snmp";

    private SnmpUsers() {}

    /** What private NVRAM keeps of the users, or null when there are none (the file goes). */
    public static byte[] privateConfig(SnmpConfig s) {
        StringBuilder sb = new StringBuilder();
        for (SnmpConfig.User u : s.users.values()) sb.append(u.command()).append('\n');
        return sb.length() == 0 ? null : sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
