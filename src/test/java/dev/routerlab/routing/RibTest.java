package dev.routerlab.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;
import java.util.TreeMap;
import dev.routerlab.config.InterfaceConfig;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.config.RunningConfig;
import dev.routerlab.packet.Ipv4Address;
import org.junit.jupiter.api.Test;

/** The routing table alone: connected, local, recursive and floating statics. */
class RibTest {
    private final RunningConfig cfg = new RunningConfig();
    private final Map<InterfaceName, Port> ifs = new TreeMap<>();

    /** An interface with one address (or none) and a line protocol state. */
    private static final class Port implements RoutedInterface {
        final InterfaceName name;
        final InterfaceConfig.Ipv4Prefix addr;
        boolean lineUp;

        Port(InterfaceName name, InterfaceConfig.Ipv4Prefix addr, boolean lineUp) {
            this.name = name;
            this.addr = addr;
            this.lineUp = lineUp;
        }

        @Override public InterfaceName name() { return name; }

        @Override public boolean hasAddress() { return addr != null; }

        @Override public int address() { return addr.address(); }

        @Override public int mask() { return addr.mask(); }

        @Override public int[] secondaries() { return new int[0]; }
    }

    private static int ip(String s) { return Ipv4Address.parse(s); }

    private Port iface(String name, String addr, String mask, boolean up) {
        InterfaceName n = InterfaceName.parse(name);
        Port i = new Port(n, addr == null ? null : new InterfaceConfig.Ipv4Prefix(ip(addr), ip(mask)), up);
        ifs.put(n, i);
        return i;
    }

    private void route(String p, String m, String iface, String nh, int ad) {
        cfg.staticRoutes.add(new RunningConfig.StaticRoute(ip(p), ip(m), iface == null ? null : InterfaceName.parse(iface),
            nh == null ? null : ip(nh), ad));
    }

    private Rib<Port> build() { return Rib.build(cfg, ifs::get, ifs.values(), p -> p.lineUp); }

    @Test
    void connectedLocalAndRecursiveStatics() {
        Port g0 = iface("Gi0/0", "10.0.12.1", "255.255.255.0", true);
        iface("Lo0", "1.1.1.1", "255.255.255.255", true);
        route("3.3.3.3", "255.255.255.255", null, "10.9.9.9", 1);       // resolves through the next one
        route("10.9.9.0", "255.255.255.0", null, "10.0.12.2", 1);
        Rib<Port> r = build();
        assertEquals(5, r.routes().size());
        Fib.Entry<Port> e = r.fib().lookup(ip("3.3.3.3"));
        assertSame(g0, e.out);
        assertEquals(ip("10.0.12.2"), e.gateway, "recursion ends at the connected next hop");
        assertEquals(Fib.Kind.RECEIVE, r.fib().lookup(ip("10.0.12.1")).kind);
        assertEquals(Fib.Kind.RECEIVE, r.fib().lookup(ip("1.1.1.1")).kind);
        assertEquals(Fib.Kind.ATTACHED, r.fib().lookup(ip("10.0.12.77")).kind);
    }

    @Test
    void floatingStaticTakesOverWhenThePrimaryCannotResolve() {
        Port g0 = iface("Gi0/0", "10.0.12.1", "255.255.255.0", true);
        Port t0 = iface("Tu0", "172.16.0.1", "255.255.255.252", true);
        route("3.3.3.3", "255.255.255.255", "Tunnel0", null, 1);
        route("3.3.3.3", "255.255.255.255", null, "10.0.12.2", 200);
        assertSame(t0, build().fib().lookup(ip("3.3.3.3")).out);
        t0.lineUp = false;
        Rib<Port> r = build();
        assertSame(g0, r.fib().lookup(ip("3.3.3.3")).out);
        assertEquals(200, r.route(ip("3.3.3.3"), 32).distance());
        g0.lineUp = false;
        assertNull(build().fib().lookup(ip("3.3.3.3")));
    }

    @Test
    void equalDistancesGiveEqualCostPathsAndConnectedBeatsStatic() {
        iface("Gi0/0", "10.0.12.1", "255.255.255.0", true);
        iface("Gi0/1", "10.0.13.1", "255.255.255.0", true);
        route("8.8.8.0", "255.255.255.0", null, "10.0.12.2", 1);
        route("8.8.8.0", "255.255.255.0", null, "10.0.13.3", 1);
        route("10.0.12.0", "255.255.255.0", null, "10.0.13.3", 1);
        route("9.9.9.9", "255.255.255.255", null, "9.9.9.9", 1);          // resolves only through itself: not installed
        Rib<Port> r = build();
        assertEquals(2, r.route(ip("8.8.8.0"), 24).paths().size());
        assertEquals(Route.Source.CONNECTED, r.route(ip("10.0.12.0"), 24).source());
        assertNull(r.route(ip("9.9.9.9"), 32));
        String text = RouteView.render(r, x -> true);
        assertEquals(true, text.contains("""
                  8.0.0.0/24 is subnetted, 1 subnets
            S        8.8.8.0 [1/0] via 10.0.12.2
                             [1/0] via 10.0.13.3
            """), text);
    }
}
