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
    /** Banner text between its delimiters, or null. */
    public String bannerMotd;
    public Timestamps timestampsDebug = Timestamps.DEFAULT;
    public Timestamps timestampsLog = Timestamps.DEFAULT;
    /** `logging console LEVEL` (severity 0-7, null: `no logging console`); IOS default debugging. */
    public Integer loggingConsole = 7;
    /** `logging buffered [SIZE] [LEVEL]` (null level: `no logging buffered`); IOS default 4096 bytes, debugging. */
    public Integer loggingBuffered = 7;
    public int loggingBufferSize = 4096;
    public boolean passwordEncryption;
    public boolean domainLookup = true;
    public String domainName;
    public final TreeMap<InterfaceName, InterfaceConfig> interfaces = new TreeMap<>();
    public final List<StaticRoute> staticRoutes = new ArrayList<>();
    public final TreeMap<Integer, AccessList> numberedAcls = new TreeMap<>();
    public final Map<String, AccessList> namedAcls = new LinkedHashMap<>();
    public final CryptoConfig crypto = new CryptoConfig();
    public final SshConfig ssh = new SshConfig();
    public final TreeMap<RoutingProcess.Key, RoutingProcess> routing = new TreeMap<>();
    public final LineConfig lineCon = new LineConfig(LineConfig.Kind.CON, 0, 0);
    public final LineConfig lineVty = new LineConfig(LineConfig.Kind.VTY, 0, 4);

    /** `username` entry. */
    public record User(String name, int privilege, Secret secret, Secret password) {}

    /** `service timestamps debug|log ...`; null fields mean the IOS default. */
    public record Timestamps(boolean uptime, boolean msec, boolean localtime, boolean showTimezone, boolean year) {
        public static final Timestamps DEFAULT = new Timestamps(false, true, false, false, false);
        public static final Timestamps UPTIME = new Timestamps(true, false, false, false, false);
    }

    /** `ip route P M target [distance]`: target is a next hop, an interface, or both. */
    public record StaticRoute(int prefix, int mask, InterfaceName iface, Integer nextHop, int distance) {}

    public InterfaceConfig iface(InterfaceName name) {
        return interfaces.computeIfAbsent(name, InterfaceConfig::new);
    }

    /** A fresh configuration as an unconfigured router boots: its physical ports are present. */
    public static RunningConfig factoryDefault(List<InterfaceName> physicalPorts) {
        RunningConfig c = new RunningConfig();
        for (InterfaceName n : physicalPorts) c.iface(n);
        return c;
    }
}
