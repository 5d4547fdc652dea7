package dev.routerlab.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The router's running configuration as a typed model. Rendered by RunningConfigWriter. */
public final class RunningConfig extends Model {
    public String hostname = "Router";
    public Secret enableSecret;
    public final Map<String, User> users = new LinkedHashMap<>();
    /** `aaa new-model` and its login and exec method lists. */
    public final AaaConfig aaa = new AaaConfig();
    /** Banner text between its delimiters, or null. */
    public String bannerMotd;
    public Timestamps timestampsDebug = Timestamps.DEFAULT;
    public Timestamps timestampsLog = Timestamps.DEFAULT;
    /** `logging console LEVEL` (severity 0-7, null: `no logging console`); IOS default debugging. */
    public Integer loggingConsole = 7;
    /** `logging buffered [SIZE] [LEVEL]` (null level: `no logging buffered`); IOS default 4096 bytes, debugging. */
    public Integer loggingBuffered = 7;
    public int loggingBufferSize = 4096;
    /** `logging host A [vrf V]` (or `logging A`): syslog servers, in configuration order. */
    public final java.util.List<LoggingHost> loggingHosts = new java.util.ArrayList<>();
    /** `logging trap LEVEL` (null: `no logging trap`); IOS default informational. */
    public Integer loggingTrap = 6;
    /** `logging source-interface IF`: the syslog datagrams' source address; null: the output interface's. */
    public InterfaceName loggingSource;
    /** `snmp-server ...` (its SNMPv3 users kept apart from the running-config, as IOS does). */
    public final SnmpConfig snmp = new SnmpConfig();
    public boolean passwordEncryption;
    public boolean domainLookup = true;
    public String domainName;
    /** `cdp run`, `cdp timer`, `cdp holdtime`, `cdp advertise-v2` (IOS defaults: on, 60 s, 180 s, v2). */
    public boolean cdpRun = true, cdpAdvertiseV2 = true;
    /** `ip http server` (IOSv's factory default: off). */
    public boolean ipHttpServer;
    public int cdpTimer = 60, cdpHoldtime = 180;
    public final TreeMap<InterfaceName, InterfaceConfig> interfaces = new TreeMap<>();
    public final List<StaticRoute> staticRoutes = new ArrayList<>();
    public final TreeMap<Integer, AccessList> numberedAcls = new TreeMap<>();
    public final Map<String, AccessList> namedAcls = new LinkedHashMap<>();
    public final CryptoConfig crypto = new CryptoConfig();
    /** `crypto pki ...`: trustpoints and their certificates, certificate maps, the CA server. */
    public final PkiConfig pki = new PkiConfig();
    public final SshConfig ssh = new SshConfig();
    public final NatConfig nat = new NatConfig();
    /** VRF-lite instances by name (`vrf definition`, `ip vrf`). */
    public final TreeMap<String, VrfConfig> vrfs = new TreeMap<>();
    public final Ipv6Config ipv6 = new Ipv6Config();
    public final TreeMap<RoutingProcess.Key, RoutingProcess> routing = new TreeMap<>();
    /** `key chain NAME` with its keys. */
    public final TreeMap<String, KeyChain> keyChains = new TreeMap<>();
    public final LineConfig lineCon = new LineConfig(LineConfig.Kind.CON, 0, 0);
    public final LineConfig lineAux = new LineConfig(LineConfig.Kind.CON, 0, 0);
    public final LineConfig lineVty = new LineConfig(LineConfig.Kind.VTY, 0, 4);

    /**
     * A clear-text password as it is stored when typed: type 7 under `service password-encryption`.
     * Every password that the service encrypts goes through here and through {@link #encryptPasswords}.
     */
    public Secret stored(Secret s) { return passwordEncryption ? s.encrypted() : s; }

    /**
     * `service password-encryption` turned on: IOS rewrites every clear-text password already in the
     * configuration as type 7 (line and username passwords, OSPF keys, key-chain key strings); turning
     * it off decrypts none.
     */
    public void encryptPasswords() {
        for (LineConfig l : List.of(lineCon, lineAux, lineVty)) if (l.password != null) l.password = l.password.encrypted();
        users.replaceAll((n, u) -> u.password() == null ? u : new User(n, u.privilege(), u.secret(), u.password().encrypted()));
        for (InterfaceConfig i : interfaces.values()) {
            if (i.ospfAuthenticationKey != null) i.ospfAuthenticationKey = i.ospfAuthenticationKey.encrypted();
            i.ospfMessageDigestKeys.replaceAll((k, s) -> s.encrypted());
        }
        for (KeyChain chain : keyChains.values()) {
            for (KeyChain.Key k : chain.keys.values()) if (k.keyString != null) k.keyString = k.keyString.encrypted();
        }
    }

    /** `username` entry. */
    /** A syslog server: its address and the VRF it is reached in (null: the global table). */
    public record LoggingHost(int address, String vrf) {}

    public record User(String name, int privilege, Secret secret, Secret password) {}

    /** `service timestamps debug|log ...`; null fields mean the IOS default. */
    public record Timestamps(boolean uptime, boolean msec, boolean localtime, boolean showTimezone, boolean year) {
        public static final Timestamps DEFAULT = new Timestamps(false, true, false, false, false);
        public static final Timestamps UPTIME = new Timestamps(true, false, false, false, false);
    }

    /**
     * `ip route P M target [distance] [tag T] [permanent] [name N] [track K]`: target is a next
     * hop, an interface, or both; tag 0 and null name/track when not given.
     */
    public record StaticRoute(int prefix, int mask, InterfaceName iface, Integer nextHop, int distance,
                              long tag, boolean permanent, String name, Integer track, String vrf) {
        public StaticRoute(int prefix, int mask, InterfaceName iface, Integer nextHop, int distance) {
            this(prefix, mask, iface, nextHop, distance, 0, false, null, null, null);
        }

        /** A route of the global table. */
        public StaticRoute(int prefix, int mask, InterfaceName iface, Integer nextHop, int distance,
                           long tag, boolean permanent, String name, Integer track) {
            this(prefix, mask, iface, nextHop, distance, tag, permanent, name, track, null);
        }
    }

    /** Derived from the interfaces' addresses (transient: not part of the model's value). */
    private final transient SubnetIndex subnets = new SubnetIndex();

    /** Sets an interface's primary address (null clears it and its secondaries). */
    public void setAddress(InterfaceConfig i, InterfaceConfig.Ipv4Prefix p) {
        if (p == null) {
            for (InterfaceConfig.Ipv4Prefix s : i.secondaries) subnets.remove(s, i);
            i.secondaries.clear();
        }
        if (i.address != null) subnets.remove(i.address, i);
        i.address = p;
        if (p != null) subnets.add(p, i);
    }

    public void addSecondary(InterfaceConfig i, InterfaceConfig.Ipv4Prefix p) {
        if (i.secondaries.contains(p)) return;
        i.secondaries.add(p);
        subnets.add(p, i);
    }

    public void removeSecondary(InterfaceConfig i, InterfaceConfig.Ipv4Prefix p) {
        if (i.secondaries.remove(p)) subnets.remove(p, i);
    }

    public void removeInterface(InterfaceName name) {
        InterfaceConfig i = interfaces.get(name);
        if (i == null) return;
        setAddress(i, null);
        interfaces.remove(name);
    }

    /** IOS's overlap check: another interface (up or down, not shut) whose subnet overlaps p. */
    public InterfaceConfig overlapping(InterfaceConfig.Ipv4Prefix p, InterfaceConfig self) {
        return subnets.overlapping(p, self);
    }

    /** Is a the primary or a secondary address of one of the interfaces? */
    public boolean ownsAddress(int a) {
        return subnets.owner(a) != null;
    }

    public InterfaceConfig iface(InterfaceName name) {
        InterfaceConfig i = interfaces.get(name);   // no method reference: this runs before the first prompt
        if (i == null) interfaces.put(name, i = new InterfaceConfig(name));
        return i;
    }

    /** A fresh configuration as an unconfigured router boots: its physical ports are present. */
    public static RunningConfig factoryDefault(List<InterfaceName> physicalPorts) {
        RunningConfig c = new RunningConfig();
        for (InterfaceName n : physicalPorts) c.iface(n);
        return c;
    }
}
