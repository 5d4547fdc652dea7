package dev.routerlab.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import dev.routerlab.packet.Ipv4Address;
import org.junit.jupiter.api.Test;

class FibTest {
    private static int ip(String s) { return Ipv4Address.parse(s); }

    private static Fib.Entry<RoutedInterface> entry(String p, int len) {
        return new Fib.Entry<>(ip(p), len, Fib.Kind.VIA, null, 0, null);
    }

    @Test
    void longestPrefixWins() {
        Fib<RoutedInterface> f = new Fib<>();
        Fib.Entry<RoutedInterface> def = entry("0.0.0.0", 0), ten = entry("10.0.0.0", 8), sub = entry("10.1.0.0", 16), host = entry("10.1.2.3", 32);
        f.add(ten);
        f.add(host);
        f.add(def);
        f.add(sub);
        assertSame(host, f.lookup(ip("10.1.2.3")));
        assertSame(sub, f.lookup(ip("10.1.2.4")));
        assertSame(ten, f.lookup(ip("10.2.0.1")));
        assertSame(def, f.lookup(ip("192.0.2.1")));
        assertSame(sub, f.lookupExcluding(ip("10.1.2.3"), ip("10.1.2.3"), 32), "a route cannot resolve through itself");
        assertSame(ten, f.exact(ip("10.0.0.0"), 8));
        assertNull(f.exact(ip("10.0.0.0"), 9));
        Fib<RoutedInterface> empty = new Fib<>();
        assertNull(empty.lookup(ip("1.2.3.4")));
    }

    /** The lookup cache: the same answers, addresses asked again and again while entries are added (a longer prefix then wins). */
    @Test
    void repeatedLookupsFollowAdditions() {
        SplittableRandom r = new SplittableRandom(9);
        Fib<RoutedInterface> f = new Fib<>();
        Map<Long, Fib.Entry<RoutedInterface>> all = new HashMap<>();
        int[] asked = new int[40];
        for (int i = 0; i < asked.length; i++) asked[i] = 0x0a000000 | r.nextInt(1 << 16);   // 10.0.x.y
        for (int step = 0; step < 3000; step++) {
            if (step % 50 == 0) {
                int len = 8 + r.nextInt(25);
                int p = asked[r.nextInt(asked.length)] & Fib.mask(len);
                Fib.Entry<RoutedInterface> e = new Fib.Entry<>(p, len, Fib.Kind.VIA, null, 0, null);
                f.add(e);
                all.put((long) p << 6 | len, e);
            }
            int a = asked[r.nextInt(asked.length)];
            Fib.Entry<RoutedInterface> best = null;
            for (Fib.Entry<RoutedInterface> e : all.values()) {
                if (((a ^ e.prefix) & Fib.mask(e.length)) == 0 && (best == null || e.length > best.length)) best = e;
            }
            assertSame(best, f.lookup(a), "step " + step);
        }
    }

    @Test
    void agreesWithALinearScanOnRandomTables() {
        SplittableRandom r = new SplittableRandom(3);
        for (int round = 0; round < 20; round++) {
            Fib<RoutedInterface> f = new Fib<>();
            Map<Long, Fib.Entry<RoutedInterface>> all = new HashMap<>();
            for (int i = 0; i < 300; i++) {
                int len = r.nextInt(33);
                int p = r.nextInt() & Fib.mask(len);
                Fib.Entry<RoutedInterface> e = new Fib.Entry<>(p, len, Fib.Kind.VIA, null, 0, null);
                f.add(e);
                all.put((long) p << 6 | len, e);
            }
            for (int q = 0; q < 2000; q++) {
                int a = q % 2 == 0 ? r.nextInt() : all.values().stream().skip(r.nextInt(all.size())).findFirst().get().prefix | r.nextInt(256);
                Fib.Entry<RoutedInterface> best = null;
                for (Fib.Entry<RoutedInterface> e : all.values()) {
                    if (((a ^ e.prefix) & Fib.mask(e.length)) == 0 && (best == null || e.length > best.length)) best = e;
                }
                assertSame(best, f.lookup(a));
            }
        }
    }

    @Test
    void intMapPutGetRemoveAgreeWithHashMap() {
        SplittableRandom r = new SplittableRandom(5);
        IntMap<Integer> m = new IntMap<>();
        Map<Integer, Integer> ref = new HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            int k = r.nextInt(512) - 256;
            switch (r.nextInt(3)) {
                case 0 -> assertEquals(ref.put(k, i), m.put(k, i));
                case 1 -> assertEquals(ref.remove(k), m.remove(k));
                default -> assertEquals(ref.get(k), m.get(k));
            }
            assertEquals(ref.size(), m.size());
        }
    }
}
