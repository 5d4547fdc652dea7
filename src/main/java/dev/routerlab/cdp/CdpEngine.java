package dev.routerlab.cdp;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import dev.routerlab.config.InterfaceConfig;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.config.RunningConfig;
import dev.routerlab.ip.IpEngine;
import dev.routerlab.ip.IpInterface;
import dev.routerlab.packet.Cdp;
import dev.routerlab.packet.PacketError;
import dev.routerlab.sim.Scheduler;
import dev.routerlab.text.Printable;

/**
 * One router's Cisco Discovery Protocol: on by default (`cdp run`) on every Ethernet port with
 * `cdp enable` (the default), a CDPv2 advertisement per port every `cdp timer` seconds (60) with
 * `cdp holdtime` (180) and once when the port's line comes up; a neighbour table whose entries
 * age out after the holdtime the neighbour sent, and leave when the port goes down. Frames come
 * from the IP engine's link-layer hook ({@link IpEngine#registerFrames}); malformed ones are
 * counted and dropped.
 */
public final class CdpEngine {
    public static final int DEFAULT_TIMER = 60, DEFAULT_HOLDTIME = 180;
    /** What an IOSv router advertises of itself. */
    public static final String PLATFORM = "Cisco IOSv";
    public static final int CAPABILITIES = Cdp.CAP_ROUTER | Cdp.CAP_SR_BRIDGE;
    /** Bound on the neighbour table (hostile input cannot grow it further). */
    static final int MAX_NEIGHBORS = 256;
    private static final long SECOND = 1_000_000_000L;

    /** One neighbour as received on a local port; its holdtime runs out at {@code expiresNanos}. */
    public record Neighbor(InterfaceName local, String deviceId, List<Integer> addresses, String platform,
                           int capabilities, String portId, String version, int advertVersion, Boolean fullDuplex,
                           int nativeVlan, List<Integer> management, long expiresNanos) {}

    /** `show cdp traffic`. */
    public static final class Counters {
        public long output, input, headerSyntax, checksum, encapsFailed, invalid, v1Out, v2Out, v1In, v2In;
    }

    private final IpEngine ip;
    private final Scheduler scheduler;
    private final IpEngine.LogSink log;
    private final String software;
    private final Counters counters = new Counters();
    /** By local port, device ID and port ID, in arrival order. */
    private final Map<List<Object>, Neighbor> neighbors = new LinkedHashMap<>();
    /** Ports with `cdp enable` (Ethernet ports only) and their duplex as advertised. */
    private final Map<InterfaceName, Boolean> ports = new HashMap<>();
    private boolean run = true;
    private int timer = DEFAULT_TIMER, holdtime = DEFAULT_HOLDTIME;
    private boolean v2 = true;
    private String deviceId = "Router";
    private Scheduler.Timer tick;

    /** @param software the software version TLV (`show version`'s first lines) */
    public CdpEngine(IpEngine ip, Scheduler scheduler, IpEngine.LogSink log, String software) {
        this.ip = ip;
        this.scheduler = scheduler;
        this.log = log;
        this.software = software;
        ip.registerFrames(Cdp.MULTICAST, new IpEngine.FrameHandler() {   // not this::receive: see device.Router
            @Override public void frame(IpInterface in, byte[] b, int off, int len) { receive(in, b, off, len); }
        });
        ip.onLineChange(new java.util.function.Consumer<IpEngine.LineChange>() {
            @Override public void accept(IpEngine.LineChange c) { lineChanged(c.iface()); }
        });
        schedule();
    }

    public boolean running() { return run; }

    public int timer() { return timer; }

    public int holdtime() { return holdtime; }

    public boolean v2() { return v2; }

    public Counters counters() { return counters; }

    /** True when CDP runs on that port (`cdp enable` on an Ethernet port while `cdp run`). */
    public boolean enabled(InterfaceName port) { return run && ports.containsKey(port); }

    /** The ports CDP runs on, in interface order. */
    public Set<InterfaceName> ports() { return run ? new TreeSet<>(ports.keySet()) : Set.of(); }

    /** The live neighbours (expired ones leave first), in arrival order. */
    public Collection<Neighbor> neighbors() {
        expire();
        return List.copyOf(neighbors.values());
    }

    /** Seconds left of a neighbour's holdtime. */
    public long remaining(Neighbor n) { return Math.max(0, (n.expiresNanos() - scheduler.nanos() + SECOND - 1) / SECOND); }

    /** `clear cdp table`: forgets every neighbour. */
    public void clearTable() { neighbors.clear(); }

    /** `clear cdp counters`. */
    public void clearCounters() {
        Counters c = counters;
        c.output = c.input = c.headerSyntax = c.checksum = c.encapsFailed = c.invalid = c.v1Out = c.v2Out = c.v1In = c.v2In = 0;
    }

    /** Follows the model: `cdp run`, `cdp timer`, `cdp holdtime`, `cdp advertise-v2`, per-port `cdp enable`. */
    public void reconcile(RunningConfig cfg) {
        String host = cfg.hostname, domain = cfg.domainName;
        deviceId = domain == null ? host : host + "." + domain;
        holdtime = cfg.cdpHoldtime;
        v2 = cfg.cdpAdvertiseV2;
        if (timer != cfg.cdpTimer) {
            timer = cfg.cdpTimer;
            schedule();
        }
        Map<InterfaceName, Boolean> now = new HashMap<>();
        for (InterfaceConfig i : cfg.interfaces.values()) {
            if (i.cdpEnable && i.name.isPhysical() && !i.name.isSubinterface()) now.put(i.name, !"half".equals(i.duplex));
        }
        boolean wasRun = run;
        run = cfg.cdpRun;
        if (!run) {
            neighbors.clear();
            ports.clear();
            ports.putAll(now);
            return;
        }
        Set<InterfaceName> before = wasRun ? Set.copyOf(ports.keySet()) : Set.of();
        ports.clear();
        ports.putAll(now);
        for (InterfaceName n : before) if (!now.containsKey(n)) forget(n);
        for (InterfaceName n : new TreeSet<>(now.keySet())) if (!before.contains(n)) advertise(ip.get(n));
    }

    /** Power-on state. */
    public void reset() {
        neighbors.clear();
        clearCounters();
        ports.clear();
        run = true;
        timer = DEFAULT_TIMER;
        holdtime = DEFAULT_HOLDTIME;
        schedule();
    }

    private void schedule() {
        if (tick != null) tick.cancel();
        tick = scheduler.schedule(timer * SECOND, new Runnable() {   // not a lambda: scheduled at launch (see device.Router)
            @Override public void run() {
                tick = null;
                expire();
                if (CdpEngine.this.run) for (InterfaceName n : new TreeSet<>(ports.keySet())) advertise(ip.get(n));
                schedule();
            }
        });
    }

    private void lineChanged(IpInterface i) {
        if (!enabled(i.name)) return;
        if (i.lineUp()) advertise(i);
        else forget(i.name);
    }

    /** Multi-line text from outside: each line made printable, the line breaks kept. */
    private static String lines(String s) {
        return String.join("\n", java.util.Arrays.stream(s.split("\r?\n", -1)).map(Printable::printable).toList());
    }

    private void forget(InterfaceName port) { neighbors.values().removeIf(n -> n.local().equals(port)); }

    private void expire() {
        long now = scheduler.nanos();
        neighbors.values().removeIf(n -> n.expiresNanos() <= now);
    }

    /** This router's advertisement on a port (RFC-less: Cisco's CDPv2 TLVs as IOS sends them). */
    public Cdp.Advert advert(IpInterface port) {
        List<Integer> addresses = port.hasAddress() ? List.of(port.address()) : List.of();
        return new Cdp.Advert(v2 ? 2 : 1, holdtime, deviceId, addresses, port.name.toString(), CAPABILITIES,
            software, PLATFORM, -1, ports.getOrDefault(port.name, true), addresses);
    }

    private void advertise(IpInterface port) {
        if (port == null || !port.lineUp() || !enabled(port.name)) return;
        if (ip.sendFrame(port, Cdp.build(port.macAddress(), advert(port)))) {
            counters.output++;
            if (v2) counters.v2Out++;
            else counters.v1Out++;
        } else {
            counters.encapsFailed++;
        }
    }

    private void receive(IpInterface in, byte[] b, int off, int len) {
        if (!enabled(in.name)) return;
        counters.input++;
        PacketError e = Cdp.check(b, off, len);
        if (e == PacketError.BAD_CHECKSUM) {
            counters.checksum++;
            return;
        }
        if (!e.ok()) {
            counters.headerSyntax++;
            return;
        }
        Cdp.Advert a = Cdp.parse(b, off, len);
        if (a.version() == 2) counters.v2In++;
        else counters.v1In++;
        if (a.deviceId() == null || a.deviceId().isEmpty()) {
            counters.invalid++;
            return;
        }
        String device = Printable.printable(a.deviceId());
        String portId = a.portId() == null ? "" : Printable.printable(a.portId());
        List<Object> key = List.of(in.name, device, portId);
        if (a.ttl() == 0) {
            neighbors.remove(key);
            return;
        }
        if (!neighbors.containsKey(key) && neighbors.size() >= MAX_NEIGHBORS) {
            expire();
            if (neighbors.size() >= MAX_NEIGHBORS) return;
        }
        neighbors.put(key, new Neighbor(in.name, device, a.addresses(), a.platform() == null ? "" : Printable.printable(a.platform()),
            Math.max(0, a.capabilities()), portId, a.softwareVersion() == null ? "" : lines(a.softwareVersion()),
            a.version(), a.fullDuplex(), a.nativeVlan(), a.managementAddresses(), scheduler.nanos() + a.ttl() * SECOND));
        Boolean ours = ports.get(in.name);
        if (a.fullDuplex() != null && ours != null && !a.fullDuplex().equals(ours)) {
            String theirs = a.fullDuplex() ? "full" : "half";
            log.log("CDP", 4, "DUPLEX_MISMATCH", "duplex mismatch discovered on " + in.name + " (not " + theirs
                + " duplex), with " + device + " " + portId + " (" + theirs + " duplex).");
        }
    }
}
