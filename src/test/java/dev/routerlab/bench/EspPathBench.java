package dev.routerlab.bench;

import java.util.concurrent.TimeUnit;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.ip.Net;
import dev.routerlab.link.Link;
import dev.routerlab.link.LinkReceiver;
import dev.routerlab.link.TunLink;
import dev.routerlab.packet.Icmp;
import dev.routerlab.packet.Ipv4;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.sim.VirtualScheduler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The ESP data path inside routers (issue 14): a packet enters R1, is GRE-encapsulated into
 * Tunnel0, protected by {@code tunnel protection} (ESP transport mode, SAs negotiated by IKEv1 in
 * the setup), crosses a wire to R3, which decrypts it in place, decapsulates GRE and sends it out
 * of its far port. One operation = one packet, protect + decapsulate. The packet is handed in as
 * {@code TunLink} reads it (its head- and tailroom), so ESP works in place. Run with
 * {@code -prof gc}: {@code transform=clear} is the same path without tunnel protection (what is
 * allocated there is the wires' and routers' scheduler tasks), and the difference in B/op is what
 * ESP allocates per packet, both directions: {@code esp-null esp-sha-hmac} shows the ESP path's
 * own (EspPath, SaTable, EspSa, the IKE engine's traffic note; HMAC through {@code esp.Hmac}),
 * {@code esp-gcm 128} adds AES-GCM: libcrypto's through FFM on JDK 22+ (nothing per packet), JCE's
 * on JDK 17 or with {@code -p gcm=jce} ({@code esp.bench.GcmAllocProbe} breaks that down).
 *
 * <pre>
 * bench/run.sh EspPathBench -p transform="clear,esp-null esp-sha-hmac,esp-gcm 128" -f 1 -wi 2 -i 3 -r 1s -w 1s -prof gc
 * bench/run.sh EspPathBench -p ike=ikev2 ...        (SAs from IKEv2 instead of IKEv1)
 * bench/run.sh EspPathBench -p gcm=default,jce ...  (JDK 22+: libcrypto's AES-GCM, then JCE's)
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EspPathBench {
    @Param({"1400"})
    public int size;

    @Param({"clear", "esp-gcm 128"})
    public String transform;

    /**
     * ESP's AES-GCM engine: {@code default} (JCE's core where SunJCE is opened), {@code openssl}
     * (libcrypto through FFM, JDK 22+) or {@code jce} (the {@code Cipher}): the property
     * {@code routerlab.esp.gcm}, to compare them in one run.
     */
    @Param({"default"})
    public String gcm;

    /** Who negotiates the SAs: IKEv1 ({@code crypto isakmp}) or IKEv2 ({@code set ikev2-profile}). */
    @Param({"ikev1"})
    public String ike;

    private VirtualScheduler clock;
    private LinkReceiver in;
    private byte[] template;
    private byte[] buf;
    private long delivered;

    private final class Sink implements Link {
        @Override public void transmit(byte[] data, int off, int len) { delivered++; }

        @Override public boolean ethernet() { return false; }
    }

    private static final InterfaceName G1 = InterfaceName.parse("GigabitEthernet0/1");

    private String crypto(String peer) {
        if (transform.equals("clear")) return "";
        String ts = """
            crypto ipsec transform-set TS %s
             mode transport
            crypto ipsec profile P
             set transform-set TS
            """.formatted(transform);
        if (ike.equals("ikev2")) {
            return """
                crypto ikev2 proposal P1
                 encryption aes-cbc-128
                 integrity sha256
                 group 14
                crypto ikev2 policy POL
                 proposal P1
                crypto ikev2 keyring KR
                 peer R
                  address %s
                  pre-shared-key benchkey
                crypto ikev2 profile PROF
                 match identity remote address %s 255.255.255.255
                 authentication remote pre-share
                 authentication local pre-share
                 keyring local KR
                """.formatted(peer, peer) + ts + " set ikev2-profile PROF\n";
        }
        return """
            crypto isakmp policy 10
             encr aes
             hash sha256
             authentication pre-share
             group 14
            crypto isakmp key benchkey address %s
            """.formatted(peer) + ts;
    }

    private String protection() {
        return transform.equals("clear") ? "" : " tunnel protection ipsec profile P\n";
    }

    @Setup(Level.Trial)
    public void setup() {
        if (gcm.equals("default")) System.clearProperty("routerlab.esp.gcm");
        else System.setProperty("routerlab.esp.gcm", gcm);
        Net n = new Net();
        clock = n.clock;
        Net.Node r1 = n.router("R1"), r2 = n.router("R2"), r3 = n.router("R3");
        n.wire(r1, "Gi0/0", r2, "Gi0/0");
        n.wire(r2, "Gi0/1", r3, "Gi0/0");
        r2.config("""
            interface GigabitEthernet0/0
             ip address 10.12.0.2 255.255.255.0
             no shutdown
            interface GigabitEthernet0/1
             ip address 10.23.0.2 255.255.255.0
             no shutdown
            """.split("\n"));
        r1.config((crypto("10.23.0.3") + """
            interface GigabitEthernet0/0
             ip address 10.12.0.1 255.255.255.0
             no shutdown
            interface GigabitEthernet0/1
             ip address 10.1.0.1 255.255.255.0
             no shutdown
            interface Tunnel0
             ip address 172.16.13.1 255.255.255.252
             tunnel source GigabitEthernet0/0
             tunnel destination 10.23.0.3
            """ + protection() + """
            ip route 10.23.0.0 255.255.255.0 10.12.0.2
            ip route 10.3.0.0 255.255.255.0 Tunnel0
            """).split("\n"));
        r3.config((crypto("10.12.0.1") + """
            interface GigabitEthernet0/0
             ip address 10.23.0.3 255.255.255.0
             no shutdown
            interface GigabitEthernet0/1
             ip address 10.3.0.1 255.255.255.0
             no shutdown
            interface Tunnel0
             ip address 172.16.13.2 255.255.255.252
             tunnel source GigabitEthernet0/0
             tunnel destination 10.12.0.1
            """ + protection() + """
            ip route 10.12.0.0 255.255.255.0 10.23.0.2
            ip route 10.1.0.0 255.255.255.0 Tunnel0
            """).split("\n"));
        in = r1.router.bind(G1, new Sink());
        r3.router.bind(G1, new Sink());
        clock.runDue();
        int src = Ipv4Address.parse("10.1.0.10"), dst = Ipv4Address.parse("10.3.0.10");
        template = Icmp.buildEchoPacket(Icmp.TYPE_ECHO_REQUEST, src, dst, 1, 64, 1, 1,
            new byte[size - Ipv4.MIN_HEADER_LEN - Icmp.HEADER_LEN]);
        buf = new byte[TunLink.HEADROOM + size + TunLink.TAILROOM];
        for (int i = 0; i < 100; i++) {                    // ARP, IKE (the first packets start it and are dropped)
            packet();
            clock.advance(1_000_000_000);
        }
        long before = delivered;
        packet();
        if (delivered != before + 1) {
            throw new IllegalStateException("the path does not forward: R1 " + r1.exec("show crypto isakmp sa")
                + r1.exec("show crypto ikev2 sa") + "no-SA drops " + r1.router.ipsec().noSaDropped());
        }
    }

    @Benchmark
    public long packet() {
        System.arraycopy(template, 0, buf, TunLink.HEADROOM, size);
        in.receive(buf, TunLink.HEADROOM, size);
        clock.runDue();
        return delivered;
    }
}
