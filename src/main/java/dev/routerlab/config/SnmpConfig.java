package dev.routerlab.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * `snmp-server ...`: communities (SNMPv1/v2c), SNMPv3 groups (RFC 3415 VACM) and users (RFC
 * 3414 USM), location and contact. The users are not part of the running-config: IOS keeps them
 * in private NVRAM, saved with the configuration.
 */
public final class SnmpConfig extends Model {
    /** `snmp-server community NAME [RO|RW] [ACL]`. */
    public record Community(String name, boolean readWrite, String acl) {}

    /** `snmp-server group NAME v3 noauth|auth|priv [read V] [write V] [access ACL]`. */
    public record Group(String name, String level, String read, String write, String acl) {}

    /**
     * `snmp-server user NAME GROUP v3 [auth ALG P [priv ALG P]] [access ACL]`: auth and priv are
     * IOS's protocol names (null: none); command is the line as given, what private NVRAM keeps.
     */
    public record User(String name, String group, String auth, String priv, String acl, String command) {}

    /**
     * `snmp-server host A.B.C.D [version 1|2c] COMMUNITY [udp-port N]`: where notifications go
     * (IOS's default version is 1, its port 162).
     */
    public record Host(int address, boolean v2c, String community, int port) {
        /** One entry per host and community, as IOS keeps them. */
        public String key() { return dev.routerlab.packet.Ipv4Address.toString(address) + " " + community; }
    }

    /** The `snmp-server enable traps snmp` kinds, in IOS's order. */
    public static final java.util.List<String> TRAP_KINDS = java.util.List.of("authentication", "linkdown", "linkup", "coldstart", "warmstart");

    public final Map<String, Community> communities = new LinkedHashMap<>();
    public final Map<String, Group> groups = new LinkedHashMap<>();
    public final Map<String, User> users = new LinkedHashMap<>();
    /** By {@link Host#key}. */
    public final Map<String, Host> hosts = new LinkedHashMap<>();
    /** Enabled trap kinds (of {@link #TRAP_KINDS}). */
    public final java.util.Set<String> traps = new java.util.TreeSet<>();
    public String location;
    public String contact;
}
