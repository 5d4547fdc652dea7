package dev.routerlab.ike;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.cli.Session;
import dev.routerlab.device.cli.Shell;
import dev.routerlab.lab.Lab;
import dev.routerlab.lab.Topology;
import dev.routerlab.packet.Ipv4Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Root only. A whole routerlab router R1 in a live lab, its GigabitEthernet0/0 bound to a TUN
 * device moved into a {@link StrongSwanHarness}'s namespace (198.18.X.1/30 there, R1 is
 * 198.18.X.2), typed at through a vty; charon's inner host is 10.98.0.1, R1's Loopback0 10.99.0.1.
 * {@link #close} removes the lab, charon, the namespace and the TUN.
 */
final class CharonTunRouter implements AutoCloseable {
    final StrongSwanHarness h;
    final int charonOuter, routerOuter;
    /** charon's and R1's outer addresses as text. */
    final String co, ro;
    private Lab lab;
    private Session vty;
    private final StringBuilder out = new StringBuilder();

    /**
     * @param config R1's startup configuration given charon's and R1's outer addresses (hostname,
     *               Loopback0, Gi0/0 and its default route included by the caller)
     */
    CharonTunRouter(Path tmp, BiFunction<String, String, String> config) throws Exception {
        this(tmp, dev.routerlab.lab.Replay.EPOCH_1993, config);
    }

    /** As above with the lab's clock starting at {@code clockStartMillis} (the wall time where charon checks R1's certificates). */
    CharonTunRouter(Path tmp, long clockStartMillis, BiFunction<String, String, String> config) throws Exception {
        h = new StrongSwanHarness();
        try {
            int x = (h.rootAddr >>> 8) & 0xff;
            charonOuter = Ipv4Address.parse("198.18." + x + ".1");
            routerOuter = Ipv4Address.parse("198.18." + x + ".2");
            co = Ipv4Address.toString(charonOuter);
            ro = Ipv4Address.toString(routerOuter);
            String dev = "rlsw" + h.tag;
            Files.writeString(tmp.resolve("topology.clab.yml"), """
                name: strongswan-tun
                topology:
                  nodes:
                    R1:
                      kind: iosv
                      startup-config: R1.cfg
                  links: []
                """);
            Files.writeString(tmp.resolve("R1.cfg"), config.apply(co, ro));
            Lab.Options o = new Lab.Options();
            o.flashRoot = tmp.resolve("flash");
            o.clockStartMillis = clockStartMillis;
            o.extraTun.put(Topology.endpoint("R1:GigabitEthernet0/0"), dev);
            lab = Lab.boot(Topology.load(tmp), o);
            assertEquals(List.of(), lab.bootErrors());
            dev.routerlab.cli.Terminal t = out::append;
            vty = lab.call(() -> Shell.of(lab.router("R1")).session(t, "vty 0", null, null, 15));
            cli("terminal length 0");
            assertEquals(0, StrongSwanHarness.exec(List.of("ip", "link", "set", dev, "netns", h.ns)).exit());
            assertEquals(0, StrongSwanHarness.exec(List.of("ip", "-n", h.ns, "addr", "add", co + "/30", "dev", dev)).exit());
            assertEquals(0, StrongSwanHarness.exec(List.of("ip", "-n", h.ns, "link", "set", dev, "up")).exit());
            // a new TUN may drop what is written to it at first: wait until R1 answers in clear across it
            StrongSwanHarness.Result p = null;
            for (long until = System.nanoTime() + 15_000_000_000L; System.nanoTime() < until; ) {
                p = StrongSwanHarness.exec(List.of("ip", "netns", "exec", h.ns, "ping", "-c", "1", "-W", "1", ro));
                if (p.exit() == 0) break;
            }
            assertEquals(0, p.exit(), "R1 not reachable over the TUN: " + p.out());
        } catch (Throwable e) {
            close();
            throw e;
        }
    }

    @Override
    public void close() {
        if (lab != null) lab.close();        // closes the TUN (gone with the namespace anyway)
        lab = null;
        h.close();                           // charon, namespace (and the TUN in it), veth
    }

    /** Types the lines on R1's vty and returns what they printed. */
    String cli(String lines) {
        synchronized (out) {
            lab.call(() -> { out.setLength(0); return null; });
            for (String line : lines.split("\n")) lab.type(vty, line);
            return lab.call(out::toString);
        }
    }

    String swanctl(String... args) throws Exception { return h.swanctl(args).out(); }

    /** `crypto pki authenticate TP` with the CA's PEM pasted, then `crypto pki enroll TP`: the PKCS#10 request R1 printed (DER). */
    byte[] authenticateAndEnroll(String tp, String caPem) {
        StringBuilder in = new StringBuilder("configure terminal\ncrypto pki authenticate " + tp + "\n");
        for (String l : caPem.strip().split("\n")) in.append(l).append('\n');
        in.append("quit\nyes\n");
        String auth = cli(in.toString());
        assertTrue(auth.contains("Trustpoint CA certificate accepted."), auth);
        String enroll = cli("crypto pki enroll " + tp + "\nno\nno\nyes\nno\nend");
        int a = enroll.indexOf("Certificate Request follows:\n\n");
        int b = enroll.indexOf("\n\n---End - This line not part of the certificate request---");
        assertTrue(a > 0 && b > a, enroll);
        return java.util.Base64.getMimeDecoder().decode(enroll.substring(a + "Certificate Request follows:\n\n".length(), b));
    }

    /** `crypto pki import TP certificate` with the PEM pasted. */
    void importCertificate(String tp, String pem) {
        StringBuilder in = new StringBuilder("configure terminal\ncrypto pki import " + tp + " certificate\n");
        for (String l : pem.strip().split("\n")) in.append(l).append('\n');
        in.append("\nend");
        String imp = cli(in.toString());
        assertTrue(imp.contains("% Router Certificate successfully imported"), imp);
    }

    interface Probe {
        String get() throws Exception;
    }

    /** Re-reads until the condition holds or the time is up; returns the last reading. */
    static String poll(Probe p, Predicate<String> done, int seconds) throws Exception {
        String v = p.get();
        for (long until = System.nanoTime() + seconds * 1_000_000_000L; !done.test(v) && System.nanoTime() < until; ) {
            Thread.sleep(100);
            v = p.get();
        }
        return v;
    }

    void awaitInstalled() throws Exception {
        String l = poll(() -> swanctl("--list-sas"), x -> x.contains("INSTALLED"), 15);
        assertTrue(l.contains("INSTALLED"), l + "\n" + h.charonLogTail(40));
    }

    /** n pings from charon's inner host to R1's loopback, all answered. */
    void pingFromCharon(int n) throws Exception {
        StrongSwanHarness.Result back = StrongSwanHarness.exec(List.of("ip", "netns", "exec", h.ns, "ping", "-c",
                Integer.toString(n), "-i", "0.2", "-W", "2", "-I", "10.98.0.1", "10.99.0.1"));
        assertEquals(0, back.exit(), back.out() + "\n" + h.charonLogTail(40));
        assertTrue(back.out().contains(n + " packets transmitted, " + n + " received"), back.out());
    }

    static int count(Pattern p, String list) {
        Matcher m = p.matcher(list);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** encaps, encrypt, decaps, decrypt of the (single) flow in `show crypto ipsec sa`; zeros before R1 has one. */
    static long[] counters(String sa) {
        Matcher e = Pattern.compile("#pkts encaps: (\\d+), #pkts encrypt: (\\d+)").matcher(sa);
        Matcher d = Pattern.compile("#pkts decaps: (\\d+), #pkts decrypt: (\\d+)").matcher(sa);
        if (!e.find() || !d.find()) return new long[4];
        return new long[] {Long.parseLong(e.group(1)), Long.parseLong(e.group(2)), Long.parseLong(d.group(1)),
            Long.parseLong(d.group(2))};
    }
}
