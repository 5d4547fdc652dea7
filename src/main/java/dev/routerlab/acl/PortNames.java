package dev.routerlab.acl;

import java.util.Map;

/** The TCP and UDP port names of IOS access lists: how they print a port, and what a name means. */
public final class PortNames {
    private PortNames() {}

    /** TCP ports IOS names in access lists (others print as numbers). */
    public static final Map<Integer, String> TCP = Map.ofEntries(
        Map.entry(179, "bgp"), Map.entry(19, "chargen"), Map.entry(514, "cmd"), Map.entry(13, "daytime"),
        Map.entry(9, "discard"), Map.entry(53, "domain"), Map.entry(7, "echo"), Map.entry(512, "exec"),
        Map.entry(79, "finger"), Map.entry(21, "ftp"), Map.entry(20, "ftp-data"), Map.entry(70, "gopher"),
        Map.entry(101, "hostname"), Map.entry(113, "ident"), Map.entry(194, "irc"), Map.entry(543, "klogin"),
        Map.entry(544, "kshell"), Map.entry(513, "login"), Map.entry(515, "lpd"), Map.entry(135, "msrpc"),
        Map.entry(119, "nntp"), Map.entry(496, "pim-auto-rp"), Map.entry(109, "pop2"), Map.entry(110, "pop3"),
        Map.entry(25, "smtp"), Map.entry(111, "sunrpc"), Map.entry(49, "tacacs"), Map.entry(517, "talk"),
        Map.entry(23, "telnet"), Map.entry(37, "time"), Map.entry(540, "uucp"), Map.entry(43, "whois"),
        Map.entry(80, "www"));

    /** UDP ports IOS names in access lists. */
    public static final Map<Integer, String> UDP = Map.ofEntries(
        Map.entry(512, "biff"), Map.entry(68, "bootpc"), Map.entry(67, "bootps"), Map.entry(9, "discard"),
        Map.entry(195, "dnsix"), Map.entry(53, "domain"), Map.entry(7, "echo"), Map.entry(500, "isakmp"),
        Map.entry(434, "mobile-ip"), Map.entry(42, "nameserver"), Map.entry(138, "netbios-dgm"),
        Map.entry(137, "netbios-ns"), Map.entry(139, "netbios-ss"), Map.entry(4500, "non500-isakmp"),
        Map.entry(123, "ntp"), Map.entry(496, "pim-auto-rp"), Map.entry(520, "rip"), Map.entry(161, "snmp"),
        Map.entry(162, "snmptrap"), Map.entry(111, "sunrpc"), Map.entry(514, "syslog"), Map.entry(49, "tacacs"),
        Map.entry(517, "talk"), Map.entry(69, "tftp"), Map.entry(37, "time"), Map.entry(513, "who"),
        Map.entry(177, "xdmcp"));

    /** The port a name or number stands for (a name means the same port for TCP and UDP), -1 for none. */
    public static int number(String s) {
        if (s == null || s.isEmpty()) return -1;
        int v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return BY_NAME.getOrDefault(s, -1);
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static final Map<String, Integer> BY_NAME = byName();

    private static Map<String, Integer> byName() {
        Map<String, Integer> m = new java.util.HashMap<>();
        TCP.forEach((n, name) -> m.put(name, n));
        UDP.forEach((n, name) -> m.put(name, n));
        return Map.copyOf(m);
    }
}
