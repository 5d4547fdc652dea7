package dev.routerlab.config;

import java.util.ArrayList;
import java.util.List;
import dev.routerlab.packet.Ipv4Address;

/**
 * Renders the model as IOS `show running-config` does: IOS section order, canonical keywords,
 * defaults hidden, `!` between sections. Parsing the rendering gives back the same model.
 * Each feature's command layer registers the sections it owns (FRR's per-node config_write);
 * the entry point builds one writer with all of them.
 */
public final class RunningConfigWriter {
    public static final String VERSION = "15.8";

    /** One feature's part of the rendering: the lines it owns, in IOS form. */
    @FunctionalInterface
    public interface Section<M> {
        void write(M model, StringBuilder sb);
    }

    /** A section that also writes the defaults `show running-config all` shows (all: true). */
    @FunctionalInterface
    public interface FullSection<M> {
        void write(M model, StringBuilder sb, boolean all);
    }

    private record Slot<M>(int order, FullSection<M> section) {}

    private final List<Slot<RunningConfig>> global = new ArrayList<>();
    private final List<Slot<InterfaceConfig>> iface = new ArrayList<>();
    /** Sections still to register (at the first rendering), or null. */
    private java.util.function.Consumer<RunningConfigWriter> pending;
    private volatile boolean ready = true;

    /** A writer whose sections are registered directly (`global`, `iface`). */
    public RunningConfigWriter() {}

    /** A writer whose sections are registered by sections when it first renders (a launch renders nothing). */
    public RunningConfigWriter(java.util.function.Consumer<RunningConfigWriter> sections) {
        pending = sections;
        ready = false;
    }

    private void ready() {
        if (ready) return;
        synchronized (this) {
            if (pending != null) {
                var p = pending;
                pending = null;
                p.accept(this);
            }
            ready = true;   // volatile: the sections are visible to whoever sees it
        }
    }

    /** Where the `interface` sections go among the global ones. */
    public static final int INTERFACES = 600;

    /** IOS order of the global sections: each feature registers its own at its place. */
    public static final int HEADER = 100, LOGIN = 200, KEY_CHAIN = 250, CRYPTO_PKI = 280, USERS = 300, IP_SSH = 400, CRYPTO_IKEV2 = 490, CRYPTO = 500,
        ROUTER_EIGRP = 680, ROUTER_OSPF = 690, ROUTING = 700, ACL = 800, LOGGING_HOSTS = 850, SNMP = 860, BANNER = 900, LINES = 1000;

    /** A global section at its place in IOS order (see the constants). */
    public RunningConfigWriter global(int order, Section<RunningConfig> s) {
        return globalWithDefaults(order, (m, sb, all) -> s.write(m, sb));
    }

    /** A global section that writes its defaults too in `show running-config all`. */
    public RunningConfigWriter globalWithDefaults(int order, FullSection<RunningConfig> s) {
        add(global, new Slot<>(order, s));
        return this;
    }

    /** Lines inside each `interface` section, at their place in IOS order. */
    public RunningConfigWriter iface(int order, Section<InterfaceConfig> s) {
        return ifaceWithDefaults(order, (m, sb, all) -> s.write(m, sb));
    }

    /** Interface lines that write their defaults too in `show running-config all`. */
    public RunningConfigWriter ifaceWithDefaults(int order, FullSection<InterfaceConfig> s) {
        add(iface, new Slot<>(order, s));
        return this;
    }

    private static <M> void add(List<Slot<M>> slots, Slot<M> s) {
        slots.add(s);
        slots.sort(java.util.Comparator.comparingInt(Slot::order));  // stable: equal orders keep registration order
    }

    public String render(RunningConfig c) { return render(c, false); }

    /** The running-config; with all, also the defaults of what is modelled (`show running-config all`). */
    public String render(RunningConfig c, boolean all) {
        ready();
        StringBuilder sb = new StringBuilder();
        boolean interfaces = false;
        for (Slot<RunningConfig> s : global) {
            if (!interfaces && s.order() > INTERFACES) {
                interfaces(c, sb, all);
                interfaces = true;
            }
            s.section().write(c, sb, all);
        }
        if (!interfaces) interfaces(c, sb, all);
        sb.append("!\nend\n");
        return sb.toString();
    }

    private void interfaces(RunningConfig c, StringBuilder sb, boolean all) {
        for (InterfaceConfig i : c.interfaces.values()) {
            writeInterface(i, sb, all);
            sb.append("!\n");
        }
    }

    private void writeInterface(InterfaceConfig i, StringBuilder sb, boolean all) {
        sb.append("interface ").append(i.name).append('\n');
        for (Slot<InterfaceConfig> s : iface) s.section().write(i, sb, all);
    }

    /** The `interface X` section alone, as `show running-config [all] interface X` prints it. */
    public String renderInterface(InterfaceConfig i, boolean all) {
        ready();
        StringBuilder sb = new StringBuilder("!\n");
        writeInterface(i, sb, all);
        return sb.append("end\n").toString();
    }

    private static final String[] LEVELS = {
        "emergencies", "alerts", "critical", "errors", "warnings", "notifications", "informational", "debugging"};

    /** IOS severity keyword for 0-7. */
    public static String levelName(int level) { return LEVELS[level]; }

    /** Dotted quad. */
    static String ip(int a) { return Ipv4Address.toString(a); }
}
