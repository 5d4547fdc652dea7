package dev.routerlab.device;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.random.RandomGenerator;
import dev.routerlab.cdp.CdpEngine;
import dev.routerlab.ipv6.Ipv6Engine;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.config.RunningConfig;
import dev.routerlab.ip.IpEngine;
import dev.routerlab.ip.IpInterface;
import dev.routerlab.ipsec.IpsecEngine;
import dev.routerlab.link.Link;
import dev.routerlab.link.LinkReceiver;
import dev.routerlab.link.Port;
import dev.routerlab.nat.NatEngine;
import dev.routerlab.nhrp.PeerStates;
import dev.routerlab.eigrp.EigrpRouter;
import dev.routerlab.ospf.OspfRouter;
import dev.routerlab.pki.Pki;
import dev.routerlab.pki.Scep;
import dev.routerlab.pki.ScepServer;
import dev.routerlab.sim.Scheduler;
import dev.routerlab.http.Http;
import dev.routerlab.tcp.TcpEngine;
import dev.routerlab.tunnel.TunnelEngine;

/**
 * One router: the composition root of its engines, its running configuration, NVRAM, clock and
 * log. Everything here runs on the router's scheduler thread (one at a time). It knows no CLI:
 * sessions and configuration loading are the command layer's (`device.cli.Shell`).
 */
public final class Router {
    /** The ports an IOSv router has when no topology says otherwise. */
    public static final List<InterfaceName> IOSV_PORTS = List.of(
        InterfaceName.parse("GigabitEthernet0/0"), InterfaceName.parse("GigabitEthernet0/1"),
        InterfaceName.parse("GigabitEthernet0/2"), InterfaceName.parse("GigabitEthernet0/3"));

    /** The software banner: `show version`'s first lines, CDP's software version. */
    public static final String SOFTWARE = """
        Cisco IOS Software, IOSv Software (VIOS-ADVENTERPRISEK9-M), Version 15.8(3)M2, RELEASE SOFTWARE (fc2)
        Technical Support: http://www.cisco.com/techsupport
        Copyright (c) 1986-2019 by Cisco Systems, Inc.
        Compiled Thu 28-Mar-19 14:06 by prod_rel_team""";

    private final Scheduler scheduler;
    private final Processes processes;
    /** Frames from links: interrupt-level work in `show processes cpu`. */
    private final Scheduler interrupts;
    private final RandomGenerator random;
    private final Nvram nvram;
    private final List<InterfaceName> ports;
    private final java.util.Set<InterfaceName> portSet;   // ports, for lookups in O(1) (a hub may have thousands)
    private final RouterLog log;
    private final java.util.Map<Class<?>, Object> services = new java.util.HashMap<>();
    private final String boardId;
    private final java.util.Map<InterfaceName, InterfaceRuntime> runtime = new java.util.HashMap<>();
    private final long macBase;
    private boolean booting;
    private RunningConfig config;
    private long bootNanos;
    private String reloadReason = "Unknown reason";
    private final IpEngine ip;
    private final TunnelEngine tunnels;
    private final IpsecEngine ipsec;
    private final OspfRouter ospf;
    private final EigrpRouter eigrp;
    private final NatEngine nat;
    private final Ipv6Engine ipv6;
    private final CdpEngine cdp;
    private final Pki pki;
    private final TcpEngine tcp;
    private final Http http;
    private final dev.routerlab.snmp.SnmpAgent snmp;

    public Router(Scheduler scheduler, RandomGenerator random, Nvram nvram, List<InterfaceName> ports) {
        this.scheduler = scheduler;
        this.processes = new Processes(scheduler);
        this.interrupts = processes.interrupts();
        this.random = random;
        this.nvram = nvram;
        this.ports = List.copyOf(ports);
        this.portSet = java.util.Set.copyOf(ports);
        this.log = new RouterLog(this);
        this.boardId = boardId(random);
        this.macBase = 0x5254_0000_0000L | ((random.nextLong() & 0xffff_ff00L));
        this.config = RunningConfig.factoryDefault(ports);
        this.bootNanos = scheduler.nanos();
        // No lambda or method reference from here to the first prompt: on JDK 17 each call site's
        // first linking costs ≈ 0.15 ms interpreted, the first of a launch ≈ 2 ms more (BENCHMARKS).
        IpEngine.LogSink sink = new IpEngine.LogSink() {
            @Override public void log(String facility, int severity, String mnemonic, String text) {
                Router.this.log(facility, severity, mnemonic, text);
            }
        };
        this.ip = new IpEngine(processes.process("IP Input"), sink, new java.util.function.Function<InterfaceName, IpInterface>() {
            @Override public IpInterface apply(InterfaceName n) {
                InterfaceRuntime rt = runtime(n);
                return new IpInterface(n, rt.mac.toLong(), rt.counters);
            }
        });
        this.tunnels = new TunnelEngine(ip, sink);
        ip.bindTunnels(tunnels);
        this.pki = new Pki(scheduler, random, new Pki.Storage() {
            @Override public byte[] read() throws IOException { return nvram.read(Pki.NVRAM_FILE); }

            @Override public void write(byte[] data) throws IOException { nvram.write(Pki.NVRAM_FILE, data); }
        }, new Pki.Storage() {
            @Override public byte[] read() throws IOException { return nvram.read(Pki.SERVER_FILE); }

            @Override public void write(byte[] data) throws IOException { nvram.write(Pki.SERVER_FILE, data); }
        });
        this.ipsec = new IpsecEngine(ip, processes.process("Crypto IKMP"), random, sink, new java.util.function.Consumer<String>() {
            @Override public void accept(String text) { log.debug(text); }
        }, pki);
        services.put(PeerStates.class, ipsec);
        this.ospf = new OspfRouter(ip, processes.process("OSPF Router"), sink);
        this.eigrp = new EigrpRouter(ip, processes.process("EIGRP Router"), sink);
        this.nat = new NatEngine(ip, processes.process("IP NAT Ager"));
        this.ipv6 = new Ipv6Engine(ip, processes.process("IPv6 Input"), sink, random);
        tunnels.bindIpv6(ipv6);
        ipsec.bindIpv6(ipv6);
        this.cdp = new CdpEngine(ip, processes.process("CDP Protocol"), sink, SOFTWARE);
        this.tcp = TcpEngine.on(ip, processes.process("TCP Timer"), random);
        this.http = new Http(tcp, processes.process("HTTP CORE"));
        http.handle(Scep.PATH, new ScepServer(pki));
        // sysDescr: `show version`'s banner, its lines ended by CR LF as IOS sends them
        this.snmp = new dev.routerlab.snmp.SnmpAgent(ip, scheduler, new java.util.function.LongSupplier() {
            @Override public long getAsLong() { return uptimeNanos(); }
        }, new java.util.function.Supplier<RunningConfig>() {
            @Override public RunningConfig get() { return config(); }
        }, SOFTWARE.replace("\n", "\r\n"), new Runnable() {
            @Override public void run() { reconcile(); }
        });
        reconcileEngines();
    }

    /** The dataplane first (tunnel sources resolve there), then IPsec and IKE. */
    private void reconcileEngines() {
        ip.reconcile(config);
        if (pki != null) pki.reconcile(config);
        if (ipsec != null) ipsec.reconcile(config);
        if (ospf != null) ospf.reconcile(config);
        if (eigrp != null) eigrp.reconcile(config);
        if (nat != null) nat.reconcile(config);
        if (ipv6 != null) ipv6.reconcile(config);
        if (cdp != null) cdp.reconcile(config);
        if (http != null) http.server(config.ipHttpServer);
        if (snmp != null) snmp.reconcile(config);
    }

    /** NAT: `ip nat` interfaces, mappings, the translation table. */
    public NatEngine nat() { return nat; }

    /** IPv6: interfaces, neighbour discovery, the IPv6 routing table. */
    public Ipv6Engine ipv6() { return ipv6; }

    /** OSPF: one instance per `router ospf N`. */
    public OspfRouter ospf() { return ospf; }

    /** EIGRP: one instance per `router eigrp AS`. */
    public EigrpRouter eigrp() { return eigrp; }

    /** CDP: adverts on the Ethernet ports, the neighbour table. */
    public CdpEngine cdp() { return cdp; }

    /** PKI: key pairs, trustpoints and their certificates, the certificate server. */
    public Pki pki() { return pki; }
    /** TCP: the router's own connections (telnet, HTTP) and listening ports. */
    public TcpEngine tcp() { return tcp; }

    /** The SNMP agent (UDP 161, traps). */
    public dev.routerlab.snmp.SnmpAgent snmp() { return snmp; }

    /** HTTP over the router's TCP: the server's resources (`ip http server`) and the client. */
    public Http http() { return http; }

    /** IPsec and IKE: crypto maps, tunnel protection, the SA tables. */
    public IpsecEngine ipsec() { return ipsec; }

    private static String boardId(RandomGenerator r) {
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20; i++) sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        return sb.toString();
    }

    public Scheduler scheduler() { return scheduler; }

    /** What each engine's work has cost, as `show processes cpu` shows it. */
    public Processes processes() { return processes; }

    public RandomGenerator random() { return random; }

    public Nvram nvram() { return nvram; }

    public RunningConfig config() { return config; }

    public List<InterfaceName> ports() { return ports; }

    public String hostname() { return config.hostname; }

    /** Live state of an interface (created on first use, with an IOSv-style MAC address). */
    public InterfaceRuntime runtime(InterfaceName name) {
        InterfaceRuntime rt = runtime.get(name);
        if (rt == null) {
            rt = new InterfaceRuntime(name, dev.routerlab.packet.MacAddress.of(macBase + (runtime.size() & 0xff)));
            runtime.put(name, rt);
        }
        return rt;
    }

    /** The IPv4 dataplane: interfaces, ARP, routing table, forwarding, line protocols. */
    public IpEngine ip() { return ip; }

    /** GRE and mGRE tunnels: encapsulation, decapsulation, keepalives, NHRP. */
    public TunnelEngine tunnels() { return tunnels; }

    /** Link status word as `show ip interface brief` prints it, from the dataplane. */
    public String linkStatus(dev.routerlab.config.InterfaceConfig i) {
        IpInterface x = ip.get(i.name);
        if (x == null) return i.shutdown ? "administratively down" : "up";
        return x.linkState().ios;
    }

    /** Line protocol as the dataplane evaluated it (tunnels: source, route, recursion, keepalives). */
    public boolean lineProtocolUp(dev.routerlab.config.InterfaceConfig i) {
        IpInterface x = ip.get(i.name);
        return x != null && x.lineUp();
    }

    /**
     * Attaches a link to a physical port (see {@link dev.routerlab.link.Wire} for the contract; links attach through {@link #port}):
     * the router transmits into link and the link delivers to the returned receiver. Call on the
     * router's scheduler thread.
     */
    public LinkReceiver bind(InterfaceName port, Link link) {
        if (!portSet.contains(port)) throw new IllegalArgumentException(hostname() + " has no port " + port);
        return ip.bind(port, link);
    }

    /** Detaches the port's link (the port loses carrier). */
    public void unbind(InterfaceName port) { ip.unbind(port); }

    /** A physical port as a link end sees it ({@link #bind}, {@link #unbind}, this router's scheduler and random source). */
    public Port port(InterfaceName name) {
        if (!portSet.contains(name)) throw new IllegalArgumentException(hostname() + " has no port " + name);
        return new Port() {
            @Override public LinkReceiver attach(Link link) { return bind(name, link); }

            @Override public void detach() { unbind(name); }

            @Override public boolean post(long delayNanos, Runnable task) { return interrupts.offer(delayNanos, task); }

            @Override public long seed() { return random.nextLong(); }
        };
    }

    /**
     * Brings the engines in line with the running configuration; the CLI calls it after every
     * configuration command. While a configuration is being booted it waits for the end.
     */
    public void reconcile() {
        if (!booting) reconcileEngines();
    }

    /** As {@link #reconcile()} after a command that changed only interface {@code only}'s configuration. */
    public void reconcile(dev.routerlab.config.InterfaceName only) {
        if (booting) return;
        ip.reconcile(config, only);
        dev.routerlab.config.InterfaceConfig ic = config.interfaces.get(only);
        if (ipsec.active() || ic == null || ic.cryptoMap != null || ic.tunnelProtectionProfile != null) ipsec.reconcile(config);
        if (!config.routing.isEmpty()) {
            ospf.reconcile(config);
            eigrp.reconcile(config);
        }
        if (ic != null && ic.nat != null || !config.nat.isEmpty() || nat.hasRoles()) nat.reconcile(config);
        if (ic != null && !ic.ipv6.isEmpty() || ipv6.active()) ipv6.reconcile(config);
        cdp.reconcile(config);
    }

    /** True while a boot or `--config` file is being applied (addresses then show "NVRAM"; ports come up). */
    public boolean booting() { return booting; }

    public String boardId() { return boardId; }

    /** The chassis MAC address (the first Ethernet port's): LACP's system ID. */
    public dev.routerlab.packet.MacAddress baseMac() { return dev.routerlab.packet.MacAddress.of(macBase); }

    public long uptimeNanos() { return scheduler.nanos() - bootNanos; }

    public String reloadReason() { return reloadReason; }

    public RouterLog log() { return log; }

    /** Logs an IOS message `%FACILITY-SEVERITY-MNEMONIC: text` to the buffer and consoles. */
    public void log(String facility, int severity, String mnemonic, String text) {
        log.log(facility, severity, mnemonic, text);
    }

    /**
     * A per-router service of a feature that is not an engine (the CLI shell, SSH state, ACL
     * counters, captures): created on first use, one per router, never shared between routers.
     */
    public <T> T service(Class<T> type, java.util.function.Supplier<T> create) {
        Object o = services.get(type);
        if (o == null) {
            o = create.get();
            services.put(type, o);
        }
        return type.cast(o);
    }

    /** The service of that type, or null when none was created. */
    public <T> T service(Class<T> type) { return type.cast(services.get(type)); }

    /** The startup-config in NVRAM, or null when there is none. */
    public byte[] startupConfig() throws IOException { return nvram.read(Nvram.STARTUP_CONFIG); }

    /** Power-on state: factory-default configuration, engines reset, uptime from now. */
    public void reset() {
        config = RunningConfig.factoryDefault(ports);
        bootNanos = scheduler.nanos();
        ip.reset();
        tunnels.reset();
        ipsec.reset();
        ospf.reset();
        eigrp.reset();
        nat.reset();
        ipv6.reset();
        cdp.reset();
        tcp.reset();
        snmp.reset();
    }

    /** `reload`: the reason `show version` gives afterwards. */
    public void reloadReason(String reason) { reloadReason = reason; }

    /**
     * A configuration file is being applied (boot, `--config`): addresses then show "NVRAM",
     * ports come up, and the engines are reconciled once at the end.
     */
    public void beginBoot() {
        config = RunningConfig.factoryDefault(ports);
        booting = true;
    }

    public void endBoot() {
        booting = false;
        reconcileEngines();
        snmp.booted();
    }

    /** A configuration larger than NVRAM: the first line that did not fit. */
    public static final class NvramFullException extends RuntimeException {
        public final String line;

        NvramFullException(String line) {
            super("Not enough space on device");
            this.line = line;
        }
    }

    /**
     * Saves the running configuration (the `write memory` rendering) to NVRAM atomically; one
     * larger than NVRAM ({@link Nvram#SIZE}) is refused whole (NvramFullException), the saved one stays.
     */
    public void saveConfig(String rendered) {
        byte[] bytes = rendered.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > Nvram.SIZE) {
            int used = 0;
            for (String l : rendered.split("\n", -1)) {
                used += l.getBytes(StandardCharsets.UTF_8).length + 1;
                if (used > Nvram.SIZE) throw new NvramFullException(l);
            }
            throw new NvramFullException("");
        }
        try {
            nvram.write(Nvram.STARTUP_CONFIG, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
