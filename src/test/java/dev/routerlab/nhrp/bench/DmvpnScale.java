package dev.routerlab.nhrp.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.routerlab.cli.Session;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.device.Router;
import dev.routerlab.tunnel.Mgre;
import dev.routerlab.routing.Route;
import dev.routerlab.lab.Lab;
import dev.routerlab.lab.Topology;
import dev.routerlab.nhrp.NhrpCacheEntry;
import dev.routerlab.nhrp.NhrpInstance;
import dev.routerlab.nhrp.cli.NhrpShow;
import dev.routerlab.packet.Ipv4Address;

/**
 * Figures, not a test: one DMVPN hub and N phase-3 spokes (default 1000) in one JVM on one
 * virtual clock. The hub is also the spokes' "internet": spoke i hangs off hub port Gi0/i on
 * 198.18.x.y/30 and its NBMA address is that port's far end; the hub's NBMA address is its
 * Loopback1. Prints heap per spoke, the wall (and virtual) time until every spoke is
 * registered, the hub's `show dmvpn` render time, then the time until P spoke pairs (default
 * 100), all pinging at once through the hub, have their shortcut (`H`) routes installed.
 *
 * With {@code ipsec} every Tunnel0 also has {@code tunnel protection ipsec profile} (IKEv1 PSK
 * with a wildcard key, DH group 14, ESP transport mode): convergence then means every spoke
 * registered and its hub-spoke SAs up, and each resolving pair gets its spoke-spoke SAs. With
 * {@code ikev2} the same with IKEv2 (a wildcard keyring peer and profile, AES-CBC-256/SHA-256,
 * DH group 14, {@code set ikev2-profile} in the IPsec profile). With {@code ikev2-rsa} IKEv2 with
 * certificates instead of the key: `authentication local|remote rsa-sig`, `pki trustpoint`,
 * `match certificate` on the issuer; every router has its own RSA-2048 key pair (in its private
 * NVRAM) and a certificate of one bench CA (in its startup-config's `crypto pki certificate chain`),
 * made before the launch (the keys are cached in the temp directory across runs), as routers enrolled
 * beforehand have them.
 *
 * <pre>bench/dmvpn-scale.sh [SPOKES [PAIRS [ipsec|ikev2|ikev2-rsa]]]</pre>
 */
public final class DmvpnScale {
    private DmvpnScale() {}

    static String nbmaHub(int i) { return "198." + (18 + (i >> 14)) + "." + ((i >> 6) & 0xff) + "." + ((i & 0x3f) * 4 + 1); }

    static String nbmaSpoke(int i) { return "198." + (18 + (i >> 14)) + "." + ((i >> 6) & 0xff) + "." + ((i & 0x3f) * 4 + 2); }

    static String tun(int i) { return "172.20." + (1 + (i >> 8)) + "." + (i & 0xff); }

    static String lan(int i) { return "10." + (i >> 8) + "." + (i & 0xff) + ".0"; }

    static String lanHost(int i) { return "10." + (i >> 8) + "." + (i & 0xff) + ".1"; }

    public static void main(String[] args) throws Exception {
        int spokes = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        String mode = args.length > 2 ? args[2].toLowerCase(java.util.Locale.ROOT) : "";
        String crypto = mode.equals("ipsec") ? CRYPTO : mode.equals("ikev2") ? CRYPTO_IKEV2 : mode.equals("ikev2-rsa") ? CRYPTO_IKEV2_RSA : null;
        Path dir = Files.createTempDirectory("dmvpnscale");
        try {
            run(spokes, Math.min(pairs, spokes / 2), dir, crypto);
        } finally {
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static final String CRYPTO = "crypto isakmp policy 10\n encr aes 256\n hash sha256\n authentication pre-share\n group 14\n"
        + "crypto isakmp key BENCH address 0.0.0.0 0.0.0.0\n!\ncrypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac\n"
        + " mode transport\n!\ncrypto ipsec profile DMVPN\n set transform-set TS\n!\n";

    static final String CRYPTO_IKEV2 = "crypto ikev2 proposal P\n encryption aes-cbc-256\n integrity sha256\n group 14\n!\n"
        + "crypto ikev2 policy POL\n proposal P\n!\n"
        + "crypto ikev2 keyring KR\n peer ANY\n  address 0.0.0.0 0.0.0.0\n  pre-shared-key BENCH\n !\n!\n"
        + "crypto ikev2 profile PROF\n match identity remote address 0.0.0.0 0.0.0.0\n authentication remote pre-share\n"
        + " authentication local pre-share\n keyring local KR\n!\n"
        + "crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac\n mode transport\n!\n"
        + "crypto ipsec profile DMVPN\n set transform-set TS\n set ikev2-profile PROF\n!\n";

    static final String CRYPTO_IKEV2_RSA = "crypto pki trustpoint BENCH-CA\n revocation-check none\n rsakeypair BENCH\n!\n"
        + "crypto pki certificate map BENCH-PEERS 10\n issuer-name co cn=bench-ca\n!\n"
        + "crypto ikev2 proposal P\n encryption aes-cbc-256\n integrity sha256\n group 14\n!\n"
        + "crypto ikev2 policy POL\n proposal P\n!\n"
        + "crypto ikev2 profile PROF\n match certificate BENCH-PEERS\n authentication remote rsa-sig\n"
        + " authentication local rsa-sig\n pki trustpoint BENCH-CA\n!\n"
        + "crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac\n mode transport\n!\n"
        + "crypto ipsec profile DMVPN\n set transform-set TS\n set ikev2-profile PROF\n!\n";

    /**
     * Certificates for {@code routers} routers (index 0 the hub): RSA-2048 key pairs (cached in the
     * temp directory, made in parallel the first time), one CA, each router's certificate issued by
     * it a day before the lab's clock starts. Returns per router its NVRAM key text and its
     * `crypto pki certificate chain` block; prints how long the keys and certificates took.
     */
    static List<String[]> certificates(int routers) throws Exception {
        long g0 = System.nanoTime();
        Path cache = Path.of(System.getProperty("java.io.tmpdir"), "routerlab-bench-rsa2048.keys");
        dev.routerlab.pki.RsaKeys keys = dev.routerlab.pki.RsaKeys.decode(Files.exists(cache) ? Files.readAllBytes(cache) : null);
        int have = 0;
        while (keys.get("k" + have) != null) have++;
        if (have < routers + 1) {
            java.security.KeyPair[] made = new java.security.KeyPair[routers + 1];
            final int from = have;
            java.util.stream.IntStream.rangeClosed(from, routers).parallel()
                .forEach(i -> made[i] = dev.routerlab.pki.RsaKeys.generate(2048, new java.util.SplittableRandom(0x5eed + i)));
            for (int i = from; i <= routers; i++) keys.put(new dev.routerlab.pki.RsaKeys.Entry("k" + i, made[i], 0));
            Files.write(cache, keys.encode());
            System.out.printf("RSA-2048 key pairs generated: %d (%.1f s wall), cached in %s%n", routers + 1 - from, (System.nanoTime() - g0) / 1e9, cache);
        }
        long g1 = System.nanoTime();
        long now = dev.routerlab.lab.Replay.EPOCH_1993 - 86_400_000L;
        java.security.KeyPair caPair = keys.get("k" + routers).pair();
        var caCert = dev.routerlab.pki.CertificateAuthority.selfSigned(caPair,
            new org.bouncycastle.asn1.x500.X500Name("CN=BENCH-CA,O=routerlab"), now, 3650);
        var ca = new dev.routerlab.pki.CertificateAuthority("BENCH-CA", caPair, caCert);
        String caBlock = " certificate ca 01\n" + dev.routerlab.pki.Pem.hexLines(dev.routerlab.pki.Certs.der(caCert), "  ") + "  \tquit\n";
        List<String[]> out = new ArrayList<>();
        for (int i = 0; i < routers; i++) {
            java.security.KeyPair pair = keys.get("k" + i).pair();
            String name = i == 0 ? "HUB" : "S" + i;
            byte[] csr = dev.routerlab.pki.Requests.build(pair, new org.bouncycastle.asn1.x500.X500Name("CN=" + name + ",O=routerlab"), null, null);
            var cert = ca.issue(new org.bouncycastle.pkcs.PKCS10CertificationRequest(csr), now, 3650);
            dev.routerlab.pki.RsaKeys mine = new dev.routerlab.pki.RsaKeys();
            mine.put(new dev.routerlab.pki.RsaKeys.Entry("BENCH", pair, now));
            String chain = "crypto pki certificate chain BENCH-CA\n certificate " + dev.routerlab.pki.Certs.serial(cert.getSerialNumber()) + "\n"
                + dev.routerlab.pki.Pem.hexLines(dev.routerlab.pki.Certs.der(cert), "  ") + "  \tquit\n" + caBlock + "!\n";
            out.add(new String[] {new String(mine.encode(), java.nio.charset.StandardCharsets.US_ASCII), chain});
        }
        System.out.printf("certificates issued: %d (%.1f s wall)%n", routers, (System.nanoTime() - g1) / 1e9);
        return out;
    }

    /** What a DMVPN bench adds to the shared hub-and-spokes configuration. */
    record Parts(String hubTunnel, String hubTail, String spokeLan, String spokeTunnel, java.util.function.IntFunction<String> spokeTail) {}

    /**
     * One hub (Tunnel0 172.20.0.1 on Loopback1 198.19.255.1, one port per spoke) and {@code spokes}
     * spokes S1..Sn (Loopback0 LAN, mGRE Tunnel0 registered with the hub, a /30 to the hub), their
     * configurations written to dir; with IPsec, every tunnel protected by the DMVPN profile.
     */
    static Topology topology(String name, Path dir, int spokes, boolean ipsec, Parts parts) throws java.io.IOException {
        return topology(name, dir, spokes, ipsec ? CRYPTO : null, parts);
    }

    /** As above with this crypto configuration (null: none) on every router. */
    static Topology topology(String name, Path dir, int spokes, String cryptoConfig, Parts parts) throws java.io.IOException {
        boolean ipsec = cryptoConfig != null;
        String crypto = ipsec ? cryptoConfig : "";
        String protect = ipsec ? " tunnel protection ipsec profile DMVPN\n" : "";
        StringBuilder hub = new StringBuilder("hostname HUB\nno ip domain lookup\n").append(crypto);
        hub.append("interface Loopback1\n ip address 198.19.255.1 255.255.255.255\n!\n");
        hub.append("interface Tunnel0\n ip address 172.20.0.1 255.255.0.0\n ip nhrp authentication BENCH\n")
           .append(" ip nhrp map multicast dynamic\n ip nhrp network-id 1\n ip nhrp holdtime 600\n").append(parts.hubTunnel())
           .append(" tunnel source Loopback1\n tunnel mode gre multipoint\n tunnel key 1\n").append(protect).append("!\n");
        List<InterfaceName> hubPorts = new ArrayList<>();
        Map<String, Topology.Node> nodes = new LinkedHashMap<>();
        List<Topology.LinkSpec> links = new ArrayList<>();
        for (int i = 1; i <= spokes; i++) {
            InterfaceName p = InterfaceName.parse("GigabitEthernet0/" + i);
            hubPorts.add(p);
            hub.append("interface ").append(p).append("\n ip address ").append(nbmaHub(i)).append(" 255.255.255.252\n no shutdown\n!\n");
            String spoke = "S" + i;
            Files.writeString(dir.resolve(spoke + ".cfg"), "hostname " + spoke + "\nno ip domain lookup\n" + crypto
                + "interface Loopback0\n ip address " + lanHost(i) + " 255.255.255.0\n" + parts.spokeLan() + "!\n"
                + "interface Tunnel0\n ip address " + tun(i) + " 255.255.0.0\n ip nhrp authentication BENCH\n"
                + " ip nhrp map 172.20.0.1 198.19.255.1\n ip nhrp map multicast 198.19.255.1\n ip nhrp network-id 1\n"
                + " ip nhrp holdtime 600\n ip nhrp nhs 172.20.0.1\n" + parts.spokeTunnel()
                + " tunnel source GigabitEthernet0/0\n tunnel mode gre multipoint\n tunnel key 1\n" + protect + "!\n"
                + "interface GigabitEthernet0/0\n ip address " + nbmaSpoke(i) + " 255.255.255.252\n no shutdown\n!\n"
                + parts.spokeTail().apply(i) + "end\n");
            links.add(new Topology.LinkSpec(new Topology.Endpoint(spoke, InterfaceName.parse("Gi0/0")),
                new Topology.Endpoint("HUB", p), 0, 0, 0));
        }
        Path hubCfg = dir.resolve("HUB.cfg");
        Files.writeString(hubCfg, hub.append(parts.hubTail()).append("end\n").toString());
        nodes.put("HUB", new Topology.Node("HUB", hubCfg, hubPorts, null));
        for (int i = 1; i <= spokes; i++) {
            nodes.put("S" + i, new Topology.Node("S" + i, dir.resolve("S" + i + ".cfg"), List.of(InterfaceName.parse("Gi0/0")), null));
        }
        return new Topology(name, dir, nodes, links, Map.of(), Map.of());
    }

    /** The Child SAs of the router's IKE engine of this version. */
    static List<dev.routerlab.ike.ChildSa> childSas(Router r, boolean ikev2) {
        if (ikev2) return r.ipsec().ikev2() == null ? List.of() : r.ipsec().ikev2().childSas();
        return r.ipsec().ike() == null ? List.of() : r.ipsec().ike().childSas();
    }

    static void run(int spokes, int pairs, Path dir, String crypto) throws Exception {
        boolean ipsec = crypto != null, rsa = crypto == CRYPTO_IKEV2_RSA, ikev2 = crypto == CRYPTO_IKEV2 || rsa;
        List<String[]> certs = rsa ? certificates(spokes + 1) : null;
        StringBuilder routes = new StringBuilder();
        for (int i = 1; i <= spokes; i++) routes.append("ip route ").append(lan(i)).append(" 255.255.255.0 ").append(tun(i)).append('\n');
        if (rsa) routes.append(certs.get(0)[1]);
        Topology t = topology("dmvpn-scale", dir, spokes, crypto, new Parts(" ip nhrp redirect\n", routes.toString(), "",
            " ip nhrp shortcut\n", i -> "ip route 0.0.0.0 0.0.0.0 " + nbmaHub(i) + "\nip route 10.0.0.0 255.0.0.0 172.20.0.1\n"
                + (rsa ? certs.get(i)[1] : "")));

        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        long before = usedAfterGc(mem);
        var threads = ManagementFactory.getThreadMXBean();
        long c0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        dev.routerlab.bench.Meter meter = new dev.routerlab.bench.Meter();
        Lab.Options opt = new Lab.Options();
        opt.ssh = false;
        if (rsa) {
            // each router's key pair in its private NVRAM, as `crypto pki enroll` leaves it
            for (Topology.Node n : t.nodes().values()) {
                dev.routerlab.device.Nvram nv = dev.routerlab.device.Nvram.memory();
                nv.write(dev.routerlab.device.Nvram.STARTUP_CONFIG, Files.readAllBytes(n.startupConfig()));
                int i = n.name().equals("HUB") ? 0 : Integer.parseInt(n.name().substring(1));
                nv.write(dev.routerlab.pki.Pki.NVRAM_FILE, certs.get(i)[0].getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                opt.nvram.put(n.name(), nv);
            }
        }
        try (Lab lab = Lab.boot(t, opt)) {
            long t1 = System.nanoTime();
            String bootMeter = meter.since();
            if (!lab.bootErrors().isEmpty()) System.out.println("boot errors: " + lab.bootErrors().subList(0, Math.min(5, lab.bootErrors().size())));
            Router h = lab.router("HUB");
            NhrpInstance hubNhrp = lab.call(() -> Mgre.instances(h.ip()).get(0));
            long v0 = lab.clock().nanos();
            int registered = 0, hubSas = 0;
            for (int step = 0; step < 1200; step++) {
                // cheap checks first: a full count (entries() sorts them) only once the cache could be complete
                registered = lab.call(() -> {
                    if (hubNhrp.cache().size() < spokes) return 0;
                    int n = 0;
                    for (NhrpCacheEntry e : hubNhrp.cache().entries()) if (e.registered()) n++;
                    return n;
                });
                hubSas = ipsec && registered >= spokes ? lab.call(() -> childSas(h, ikev2).size()) : 0;
                if (registered >= spokes && (!ipsec || hubSas >= spokes)) break;
                lab.advance(100_000_000L);
            }
            long t2 = System.nanoTime();
            long c2 = threads.getCurrentThreadCpuTime();
            String regMeter = meter.since();
            long vReg = lab.clock().nanos();
            registered = lab.call(() -> {          // the true counts for the report, outside the timing
                int n = 0;
                for (NhrpCacheEntry e : hubNhrp.cache().entries()) if (e.registered()) n++;
                return n;
            });
            hubSas = ipsec ? lab.call(() -> childSas(h, ikev2).size()) : 0;
            long after = usedAfterGc(mem);
            // show dmvpn on the hub: render time, warm
            String out = "";
            long best = Long.MAX_VALUE;
            for (int k = 0; k < 20; k++) {
                long s = System.nanoTime();
                out = lab.call(() -> NhrpShow.dmvpn(Mgre.instances(h.ip()), h.scheduler().nanos(),
                    ipsec ? h.ipsec() : dev.routerlab.nhrp.PeerStates.NONE));
                best = Math.min(best, System.nanoTime() - s);
            }
            // show crypto session on the hub: one session per spoke, render time, warm
            String sessions = "";
            long bestSessions = Long.MAX_VALUE;
            for (int k = 0; ipsec && k < 5; k++) {
                long s = System.nanoTime();
                sessions = lab.call(() -> dev.routerlab.ipsec.cli.CryptoExec.session(h.ipsec(), false, null));
                bestSessions = Math.min(bestSessions, System.nanoTime() - s);
            }
            int routers = spokes + 1;
            System.out.printf("routers: %d (1 hub, %d phase-3 spokes%s), wires: %d%n", routers, spokes,
                rsa ? ", tunnel protection with IKEv2 and RSA-2048 certificates" : ikev2 ? ", tunnel protection with IKEv2" : ipsec ? ", tunnel protection" : "",
                lab.wires().size());
            if (ipsec) {
                int ikeSas = lab.call(() -> ikev2 ? h.ipsec().ikev2().sas().size() : h.ipsec().ike().isakmpSas().size());
                System.out.printf("hub: %d %s SAs, %d IPsec SA pairs%n", ikeSas, ikev2 ? "IKEv2" : "ISAKMP", hubSas);
            }
            System.out.printf("boot (parse %d startup-configs, build, wire, 5 s virtual settle): %.2f s wall%n", routers, (t1 - t0) / 1e9);
            System.out.printf("registered on the hub: %d of %d, %.1f s virtual after the boot settle; from launch to all registered: %.2f s wall, %.2f s CPU of the lab's thread%n",
                registered, spokes, (vReg - v0) / 1e9, (t2 - t0) / 1e9, (c2 - c0) / 1e9);
            System.out.println("boot: " + bootMeter);
            System.out.println("launch to all registered: " + regMeter);
            System.out.printf("heap: %.1f MB for the lab, %.0f KB per spoke (hub included in the total)%n",
                (after - before) / 1048576.0, (after - before) / 1024.0 / spokes);
            System.out.printf("hub `show dmvpn`: %d lines, %d bytes, rendered in %.2f ms (best of 20)%n",
                out.lines().count(), out.length(), best / 1e6);
            if (ipsec) System.out.printf("hub `show crypto session`: %d lines, rendered in %.2f ms (best of 5)%n",
                sessions.lines().count(), bestSessions / 1e6);

            // P pairs: spoke 2k-1 pings spoke 2k's LAN, all at once; wait for both directions' shortcuts
            List<Session> consoles = new ArrayList<>();
            long t3 = System.nanoTime();
            long v3 = lab.clock().nanos();
            lab.exec(() -> {
                for (int k = 1; k <= pairs; k++) {
                    int a = 2 * k - 1, b = 2 * k;
                    Session s = lab.console("S" + a);
                    s.swapTerminal(new dev.routerlab.cli.Terminal() {
                        @Override public void write(String text) { }
                    });
                    s.type("enable");
                    s.type("ping " + lanHost(b) + " source Loopback0 repeat 3");
                    consoles.add(s);
                }
            });
            int installed = 0;
            for (int step = 0; step < 600; step++) {
                installed = lab.call(() -> {
                    int n = 0;
                    for (int k = 1; k <= pairs; k++) {
                        int a = 2 * k - 1, b = 2 * k;
                        if (hasH(lab.router("S" + a), lan(b)) && hasH(lab.router("S" + b), lan(a))) n++;
                    }
                    return n;
                });
                if (installed >= pairs) break;
                lab.advance(10_000_000L);
            }
            long t4 = System.nanoTime();
            System.out.printf("%d spoke pairs resolving at once: %d of %d with shortcuts both ways after %.2f s virtual, %.3f s wall%n",
                pairs, installed, pairs, (lab.clock().nanos() - v3) / 1e9, (t4 - t3) / 1e9);
            long ti = lab.call(() -> hubNhrp.counters().sent(dev.routerlab.packet.nhrp.Nhrp.TYPE_TRAFFIC_INDICATION));
            System.out.printf("hub sent %d Traffic Indications%n", ti);
            if (ipsec) {
                int direct = lab.call(() -> {
                    int n = 0;
                    for (int k = 1; k <= pairs; k++) {
                        int a = 2 * k - 1, b = 2 * k;
                        int peer = Ipv4Address.parse(nbmaSpoke(b));
                        if (childSas(lab.router("S" + a), ikev2).stream().anyMatch(c -> c.peerAddress() == peer)) n++;
                    }
                    return n;
                });
                System.out.printf("spoke-spoke IPsec SAs up: %d of %d pairs%n", direct, pairs);
            }
        }
    }

    static boolean hasH(Router r, String prefix) {
        Route<?> x = r.ip().rib().route(Ipv4Address.parse(prefix), 24);
        return x != null && x.source() == Route.Source.NHRP;
    }

    static long usedAfterGc(MemoryMXBean mem) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return mem.getHeapMemoryUsage().getUsed();
    }
}
