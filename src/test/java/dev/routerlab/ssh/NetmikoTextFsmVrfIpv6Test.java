package dev.routerlab.ssh;

import static dev.routerlab.ssh.RealClientsTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.Interop;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.device.Router;
import dev.routerlab.device.cli.Shell;
import dev.routerlab.ipv6.Ipv6Interface;
import dev.routerlab.ipv6.Ipv6Rib;
import dev.routerlab.ipv6.NeighborCache;
import dev.routerlab.lab.Lab;
import dev.routerlab.lab.Topology;
import dev.routerlab.packet.MacAddress;
import dev.routerlab.ssh.RealClientsTest.Result;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Netmiko's `use_textfsm` with the community ntc-templates (built from real IOS output) on the
 * shows of issue 16 (VRF, IPv6, NAT), against R1 of the gre-over-ipv6 lab with a VRF-lite
 * loopback, an old-style `ip vrf` and a static NAT added. Each show must pass its template, and
 * the records must be what the router holds: the IPv6 RIB, the neighbour cache and the
 * addresses of the IPv6 engine, read from the router after Netmiko has logged out.
 */
@Timeout(300)
class NetmikoTextFsmVrfIpv6Test {
    private static final String PY = "/usr/bin/python3";
    @TempDir Path tmp;

    @Test
    void issue16ShowsParseWithTheCommunityTemplates() throws Exception {
        Interop.require(Files.isExecutable(Path.of(PY)), PY + " is not installed");
        Interop.require(run(List.of(PY, "-c", "import netmiko, textfsm"), 60, Map.of()).code() == 0,
            "python modules netmiko and textfsm are not installed for " + PY + " (apt-get install -y python3-netmiko python3-textfsm)");
        Path templates = Path.of(getClass().getResource("/ntc-templates/index").toURI()).getParent();

        Lab.Options o = new Lab.Options();
        o.ssh = false;
        o.flashRoot = tmp.resolve("flash");
        try (Lab lab = Lab.boot(Topology.load(Path.of("labs", "gre-over-ipv6")), o)) {
            assertEquals(List.of(), lab.bootErrors());
            Router r1 = lab.router("R1");
            load(lab, r1, "ip domain name lab.local",
                "username admin privilege 15 secret " + LiveRouter.PASSWORD,
                "vrf definition LAB", " address-family ipv4", " exit-address-family",
                "ip vrf OLD", " rd 65000:1",
                "interface Loopback1", " vrf forwarding LAB", " ip address 10.1.1.1 255.255.255.0",
                "ip route vrf LAB 10.9.0.0 255.255.0.0 10.1.1.2",
                "ip nat inside source static 1.1.1.1 172.16.99.1",
                "line vty 0 4", " login local", " transport input ssh");
            lab.advance(10_000_000_000L);
            lab.type(lab.console("R1"), "ping ipv6 2001:DB8:23::3");   // ND with R2
            lab.exec(() -> {
                try {
                    SshState.of(r1).setHostKey(LiveRouter.sharedKey());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            SshService ssh = SshService.start(r1, 0);
            Map<String, Object> got;
            List<String> cmds = List.of("show vrf", "show ip vrf interfaces", "show ip route vrf LAB",
                "show ipv6 route", "show ipv6 neighbors", "show ipv6 interface brief", "show ip nat translations");
            try {
                lab.clock().startPacing();
                List<String> cmd = new ArrayList<>(List.of(PY, script("netmiko_textfsm.py").toString(),
                    String.valueOf(ssh.port()), "admin", LiveRouter.PASSWORD));
                cmd.addAll(cmds);
                Result res = run(cmd, 240, Map.of("NET_TEXTFSM", templates.toString()));
                assertEquals(0, res.code(), res.out());
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) new org.yaml.snakeyaml.Yaml()
                    .load(res.out().lines().filter(l -> l.startsWith("{")).findFirst().orElse("{}"));
                got = m;
            } finally {
                ssh.close();
            }
            System.out.println("use_textfsm: " + got);
            for (String c : cmds) assertTrue(got.get(c) instanceof List<?> l && !l.isEmpty(), c + ": " + got.get(c));

            has(got, "show vrf", r -> r.get("name").equals("LAB") && r.get("default_rd").equals("<not set>")
                && r.get("protocols").equals("ipv4") && r.get("interfaces").equals(List.of("Lo1")));
            has(got, "show vrf", r -> r.get("name").equals("OLD") && r.get("default_rd").equals("65000:1")
                && r.get("interfaces").equals(List.of()));
            has(got, "show ip vrf interfaces", r -> r.get("interface").equals("Lo1") && r.get("ip_address").equals("10.1.1.1")
                && r.get("vrf").equals("LAB") && r.get("proto_state").equals("up"));
            has(got, "show ip route vrf LAB", r -> r.get("vrf").equals("LAB") && r.get("protocol").equals("C")
                && r.get("network").equals("10.1.1.0") && r.get("mask").equals("24") && r.get("nexthop_if").equals("Loopback1"));
            has(got, "show ip route vrf LAB", r -> r.get("vrf").equals("LAB") && r.get("protocol").equals("S")
                && r.get("network").equals("10.9.0.0") && r.get("mask").equals("16") && r.get("distance").equals("1")
                && r.get("nexthop_ip").equals("10.1.1.2"));
            assertTrue(rows(got, "show ip route vrf LAB").stream().noneMatch(r -> r.get("network").equals("1.1.1.1")),
                "the global table leaked into VRF LAB: " + got.get("show ip route vrf LAB"));
            has(got, "show ip nat translations", r -> r.get("inside_global_ip").equals("172.16.99.1")
                && r.get("inside_local_ip").equals("1.1.1.1") && r.get("protocol").equals("---"));

            // the IPv6 records against the engine's own state
            Set<String> rib = lab.call(() -> r1.ipv6().rib().routes().stream().map(NetmikoTextFsmVrfIpv6Test::route)
                .collect(Collectors.toCollection(TreeSet::new)));
            Set<String> parsedRib = rows(got, "show ipv6 route").stream().map(r -> r.get("protocol") + " " + r.get("network")
                + " [" + r.get("distance") + "/" + r.get("metric") + "] via "
                + (r.get("nexthop_ip").toString().isEmpty() ? r.get("nexthop_if") : r.get("nexthop_ip")))
                .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(rib, parsedRib);
            assertTrue(rib.contains("S 2001:DB8:3::/64 [1/0] via 2001:DB8:13::3"), rib.toString());

            Set<String> cache = lab.call(() -> r1.ipv6().neighbors().entries().stream()
                .map(e -> e.address + " " + MacAddress.of(e.mac()) + " " + e.iface.name().shortForm())
                .collect(Collectors.toCollection(TreeSet::new)));
            Set<String> parsedCache = rows(got, "show ipv6 neighbors").stream()
                .map(r -> r.get("address") + " " + r.get("mac") + " " + r.get("interface"))
                .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(cache, parsedCache);
            for (Map<String, Object> r : rows(got, "show ipv6 neighbors"))
                NeighborCache.State.valueOf(r.get("type").toString());
            assertTrue(parsedCache.stream().anyMatch(s -> s.startsWith("2001:DB8:12::2 ")), parsedCache.toString());

            List<String> gi0 = lab.call(() -> {
                Ipv6Interface i = r1.ipv6().get(InterfaceName.parse("Gi0/0"));
                List<String> a = new ArrayList<>(List.of(i.linkLocal().address.toString()));
                i.globals().forEach(g -> a.add(g.address.toString()));
                return a;
            });
            has(got, "show ipv6 interface brief", r -> r.get("interface").equals("GigabitEthernet0/0")
                && r.get("ip_address").equals(gi0) && r.get("admin").equals("up") && r.get("protocol").equals("up"));
            has(got, "show ipv6 interface brief", r -> r.get("interface").equals("Loopback1")
                && r.get("ip_address").equals(List.of("unassigned")));
        }
    }

    /** A route as the template's record reads: the next hop, or the interface when there is none. */
    private static String route(Ipv6Rib.Route r) {
        String via = r.nextHop() != null ? r.nextHop().toString() : r.out() == null ? "Null0" : r.out().name().toString();
        return r.code().ios + " " + r.prefix() + "/" + r.length() + " [" + r.distance() + "/" + r.metric() + "] via " + via;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(Map<String, Object> got, String cmd) {
        return (List<Map<String, Object>>) got.get(cmd);
    }

    private static void has(Map<String, Object> got, String cmd, Predicate<Map<String, Object>> want) {
        assertTrue(rows(got, cmd).stream().anyMatch(want), cmd + ": no record as expected in " + got.get(cmd));
    }

    private static void load(Lab lab, Router r, String... lines) {
        List<String> errors = lab.call(() -> Shell.of(r).load(String.join("\n", lines) + "\nend\n"));
        assertEquals(List.of(), errors);
    }

    private Path script(String name) throws IOException {
        Path p = tmp.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/ssh/" + name)) {
            if (in == null) throw new IOException("missing test resource /ssh/" + name);
            Files.copy(in, p);
        }
        return p;
    }
}
