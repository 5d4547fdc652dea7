package dev.routerlab.ssh;

import static dev.routerlab.ssh.RealClientsTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.routerlab.Interop;
import dev.routerlab.device.Router;
import dev.routerlab.device.cli.Shell;
import dev.routerlab.lab.Lab;
import dev.routerlab.lab.Topology;
import dev.routerlab.ssh.RealClientsTest.Result;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Netmiko's `send_command(..., use_textfsm=True)` with the community ntc-templates (vendored in
 * src/test/resources/ntc-templates, NET_TEXTFSM pointing there) against SPOKE1 of the
 * dmvpn-phase3-eigrp lab, where every show has something to show: an EIGRP neighbour and an
 * IPsec-protected DMVPN tunnel to the hub, OSPF and CDP with the ISP router, ARP, an ACL. Each
 * show a template covers must parse without tripping the template's Error rule, and the fields
 * asked below must hold what the router has. The lab runs in virtual time until it has
 * converged, then on the wall clock while Netmiko logs in.
 */
@Timeout(300)
class NetmikoTextFsmTest {
    private static final String PY = "/usr/bin/python3";
    @TempDir Path tmp;

    @Test
    void useTextFsmParsesEveryShowWithATemplate() throws Exception {
        Interop.require(Files.isExecutable(Path.of(PY)), PY + " is not installed");
        Interop.require(run(List.of(PY, "-c", "import netmiko, textfsm"), 60, Map.of()).code() == 0,
            "python modules netmiko and textfsm are not installed for " + PY + " (apt-get install -y python3-netmiko python3-textfsm)");
        Path templates = Path.of(getClass().getResource("/ntc-templates/index").toURI()).getParent();

        Lab.Options o = new Lab.Options();
        o.ssh = false;
        o.flashRoot = tmp.resolve("flash");
        try (Lab lab = Lab.boot(Topology.load(Path.of("labs", "dmvpn-phase3-eigrp")), o)) {
            assertEquals(List.of(), lab.bootErrors());
            Router spoke = lab.router("SPOKE1");
            load(lab, spoke, "ip domain name lab.local",
                "username admin privilege 15 secret " + LiveRouter.PASSWORD,
                "access-list 10 permit 10.0.0.0 0.255.255.255",
                "access-list 110 permit tcp any host 10.0.1.1 eq 22",
                "ip nat inside source static 10.0.1.5 172.16.1.5",
                "interface GigabitEthernet0/0", " ipv6 address 2001:db8:1::1/64",
                "router ospf 1", " network 172.16.1.0 0.0.0.255 area 0",
                "line vty 0 4", " login local", " transport input ssh");
            load(lab, lab.router("ISP"), "router ospf 1", " network 172.16.1.0 0.0.0.255 area 0");
            lab.advance(60_000_000_000L);   // EIGRP, NHRP registration, IKE, OSPF FULL, CDP
            lab.type(lab.console("SPOKE1"), "ping 10.0.11.1 source Loopback0");
            lab.exec(() -> {
                try {
                    SshState.of(spoke).setHostKey(LiveRouter.sharedKey());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            SshService ssh = SshService.start(spoke, 0);
            try {
                lab.clock().startPacing();
                List<String> cmds = List.of("show version", "show ip interface brief", "show interfaces",
                    "show interfaces description", "show ip route", "show ip arp", "show arp", "show inventory",
                    "show processes cpu", "dir", "show access-lists", "show clock", "show users",
                    "show cdp neighbors", "show cdp neighbors detail", "show ip eigrp neighbors",
                    "show ip eigrp neighbors detail", "show ip ospf neighbor", "show ip ospf neighbor detail",
                    "show ip ospf interface brief", "show crypto ipsec sa detail", "show crypto session detail",
                    "show dmvpn", "show ipv6 interface brief", "show ip nat translations",
                    "ping 10.0.11.1 source Loopback0", "traceroute 10.0.11.1 source Loopback0 numeric timeout 1",
                    "show crypto isakmp sa");
                List<String> cmd = new ArrayList<>(List.of(PY, script("netmiko_textfsm.py").toString(),
                    String.valueOf(ssh.port()), "admin", LiveRouter.PASSWORD));
                cmd.addAll(cmds);
                Result res = run(cmd, 240, Map.of("NET_TEXTFSM", templates.toString()));
                assertEquals(0, res.code(), res.out());
                @SuppressWarnings("unchecked")
                Map<String, Object> got = (Map<String, Object>) new org.yaml.snakeyaml.Yaml()
                    .load(res.out().lines().filter(l -> l.startsWith("{")).findFirst().orElse("{}"));
                System.out.println("use_textfsm: " + got);
                for (String c : cmds) {
                    if (c.equals("show crypto isakmp sa")) continue;
                    assertTrue(got.get(c) instanceof List<?> l && !l.isEmpty(), c + ": " + got.get(c));
                }
                // no cisco_ios template for it upstream: Netmiko gives the text back
                assertEquals("no template", got.get("show crypto isakmp sa"));

                has(got, "show version", r -> r.get("hostname").equals("SPOKE1") && r.get("version").equals("15.8(3)M2")
                    && r.get("software_image").equals("VIOS-ADVENTERPRISEK9-M") && r.get("hardware").equals(List.of("IOSv"))
                    && r.get("config_register").equals("0x0") && r.get("running_image").equals("/vios-adventerprisek9-m"));
                has(got, "show ip interface brief", r -> r.get("interface").equals("Tunnel0")
                    && r.get("ip_address").equals("192.168.100.1") && r.get("status").equals("up") && r.get("proto").equals("up"));
                has(got, "show interfaces", r -> r.get("interface").equals("GigabitEthernet0/0")
                    && r.get("ip_address").equals("172.16.1.1/24") && r.get("mtu").equals("1500")
                    && r.get("bandwidth").equals("1000000 Kbit") && r.get("encapsulation").equals("ARPA")
                    && r.get("description").equals("to ISP") && r.get("hardware_type").equals("iGbE")
                    && r.get("media_type").equals("RJ45") && !r.get("input_packets").equals("0"));
                has(got, "show interfaces", r -> r.get("interface").equals("Tunnel0") && r.get("hardware_type").equals("Tunnel")
                    && r.get("ip_address").equals("192.168.100.1/24") && r.get("encapsulation").equals("TUNNEL"));
                has(got, "show interfaces description", r -> r.get("port").equals("Gi0/0") && r.get("status").equals("up")
                    && r.get("descrip").equals("to ISP"));
                has(got, "show ip route", r -> r.get("protocol").equals("D") && r.get("network").equals("10.0.0.0")
                    && r.get("mask").equals("8") && r.get("nexthop_ip").equals("192.168.100.11") && r.get("nexthop_if").equals("Tunnel0"));
                has(got, "show ip route", r -> r.get("protocol").equals("S") && r.get("network").equals("0.0.0.0")
                    && r.get("nexthop_ip").equals("172.16.1.254") && r.get("distance").equals("1"));
                has(got, "show ip route", r -> r.get("protocol").equals("C") && r.get("network").equals("172.16.1.0")
                    && r.get("nexthop_if").equals("GigabitEthernet0/0"));
                has(got, "show ip arp", r -> r.get("address").equals("172.16.1.254") && r.get("interface").equals("GigabitEthernet0/0")
                    && r.get("mac_address").toString().matches("[0-9a-f]{4}\\.[0-9a-f]{4}\\.[0-9a-f]{4}"));
                has(got, "show arp", r -> r.get("address").equals("172.16.1.254") && r.get("type").equals("ARPA"));
                has(got, "show inventory", r -> r.get("name").equals("IOSv") && r.get("pid").equals("IOSv"));
                has(got, "show processes cpu", r -> r.get("process_name").equals("IP Input"));
                has(got, "dir", r -> r.get("file_system").equals("flash0:/") && !r.get("total_free").toString().isEmpty());
                has(got, "show access-lists", r -> r.get("name").equals("10") && r.get("sn").equals("10")
                    && r.get("action").equals("permit"));
                has(got, "show access-lists", r -> r.get("name").equals("110") && r.get("protocol").equals("tcp")
                    && r.get("destination").equals("host 10.0.1.1"));
                has(got, "show clock", r -> r.get("year").toString().matches("\\d{4}"));
                has(got, "show users", r -> r.get("line").toString().contains("vty") && r.get("user").equals("admin"));
                has(got, "show cdp neighbors", r -> r.get("neighbor").equals("ISP") && r.get("platform").equals("IOSv")
                    && r.get("local_interface").equals("Gig 0/0") && r.get("neighbor_interface").equals("Gig 0/1"));
                has(got, "show cdp neighbors detail", r -> r.get("neighbor_name").equals("ISP")
                    && r.get("mgmt_address").equals("172.16.1.254") && r.get("platform").equals("Cisco IOSv")
                    && r.get("local_interface").equals("GigabitEthernet0/0") && r.get("neighbor_interface").equals("GigabitEthernet0/1"));
                has(got, "show ip eigrp neighbors", r -> r.get("as").equals("100") && r.get("ip_address").equals("192.168.100.11")
                    && r.get("interface").equals("Tu0"));
                has(got, "show ip eigrp neighbors detail", r -> r.get("ip_address").equals("192.168.100.11")
                    && r.get("version").equals("23.0/2.0") && !r.get("prefixes").toString().isEmpty());
                has(got, "show ip ospf neighbor", r -> r.get("ip_address").equals("172.16.1.254")
                    && r.get("state").toString().startsWith("FULL/") && r.get("interface").equals("GigabitEthernet0/0"));
                has(got, "show ip ospf neighbor detail", r -> r.get("address").equals("172.16.1.254")
                    && r.get("area").equals("0") && r.get("state").equals("FULL") && r.get("interface").equals("GigabitEthernet0/0"));
                has(got, "show ip ospf interface brief", r -> r.get("interface").equals("Gi0/0") && r.get("process").equals("1")
                    && r.get("ip_address").equals("172.16.1.1") && r.get("prefix_length").equals("24"));
                has(got, "show crypto ipsec sa detail", r -> r.get("interface").equals("Tunnel0")
                    && r.get("current_peer").equals("172.16.11.1") && r.get("sa_status").equals("ACTIVE(ACTIVE)")
                    && r.get("sa_replay_window_size").equals("64") && r.get("sa_in_use_settings").equals("Transport")
                    && r.get("sa_transform").equals("esp-256-aes esp-sha256-hmac"));
                has(got, "show crypto session detail", r -> r.get("interface").equals("Tunnel0") && r.get("peer").equals("172.16.11.1")
                    && r.get("session_status").equals("UP-ACTIVE") && r.get("ikev1_status").equals("Active"));
                has(got, "show dmvpn", r -> r.get("peer_nbma").equals("172.16.11.1") && r.get("peer_tunnel").equals("192.168.100.11")
                    && r.get("state").equals("UP") && r.get("attribute").equals("S"));
                has(got, "show ipv6 interface brief", r -> r.get("interface").equals("GigabitEthernet0/0")
                    && r.get("ip_address") instanceof List<?> a && a.contains("2001:DB8:1::1"));
                has(got, "show ip nat translations", r -> r.get("inside_global_ip").equals("172.16.1.5")
                    && r.get("inside_local_ip").equals("10.0.1.5") && r.get("protocol").equals("---"));
                has(got, "ping 10.0.11.1 source Loopback0", r -> r.get("success_pct").equals("100")
                    && r.get("source").equals("10.0.1.1") && r.get("destination").equals("10.0.11.1"));
                has(got, "traceroute 10.0.11.1 source Loopback0 numeric timeout 1", r -> r.get("hop_num").equals("1")
                    && r.get("ip_address").equals("192.168.100.11"));
            } finally {
                ssh.close();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void has(Map<String, Object> got, String cmd, Predicate<Map<String, Object>> want) {
        List<Map<String, Object>> rows = (List<Map<String, Object>>) got.get(cmd);
        assertTrue(rows.stream().anyMatch(want), cmd + ": no record as expected in " + rows);
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
