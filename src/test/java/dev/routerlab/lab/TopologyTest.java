package dev.routerlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import dev.routerlab.config.InterfaceName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopologyTest {
    @TempDir Path dir;

    private Topology parse(String yaml) throws Exception {
        Files.writeString(dir.resolve("R1.cfg"), "hostname R1\n");
        Path f = dir.resolve("topology.clab.yml");
        Files.writeString(f, yaml);
        return Topology.load(dir);
    }

    private String error(String yaml) {
        Topology.TopologyException e = assertThrows(Topology.TopologyException.class, () -> parse(yaml));
        return e.getMessage();
    }

    private static final String GOOD = """
        name: t
        topology:
          nodes:
            R1:
              kind: iosv
              startup-config: R1.cfg
              ssh-port: 2201
            R2:
              ports: [Gi0/0, GigabitEthernet0/1, Ethernet0/0]
          links:
            - endpoints: ["R1:GigabitEthernet0/0", "R2:Gi0/0"]
              delay: 5ms
              loss: 1.5
              mtu: 1400
            - endpoints: ["R1:Gi0/1", "R2:Et0/0"]
              delay: 250us
          tun:
            R1:GigabitEthernet0/2: rl-tun0
          capture:
            R2:Gi0/1: caps/r2.pcap
        """;

    @Test
    void parsesTheContainerlabLayout() throws Exception {
        Topology t = parse(GOOD);
        assertEquals("t", t.name());
        assertEquals(List.of("R1", "R2"), List.copyOf(t.nodes().keySet()));
        assertEquals(dir.resolve("R1.cfg"), t.node("R1").startupConfig());
        assertEquals(2201, t.node("R1").sshPort());
        assertEquals(4, t.node("R1").ports().size());
        assertEquals(List.of(InterfaceName.parse("Gi0/0"), InterfaceName.parse("Gi0/1"), InterfaceName.parse("Et0/0")),
            t.node("R2").ports());
        Topology.LinkSpec l = t.links().get(0);
        assertEquals("R1:GigabitEthernet0/0", l.a().toString());
        assertEquals("R2:GigabitEthernet0/0", l.b().toString());
        assertEquals(5_000_000L, l.delayNanos());
        assertEquals(1.5, l.lossPercent());
        assertEquals(1400, l.mtu());
        assertEquals(250_000L, t.links().get(1).delayNanos());
        assertEquals("rl-tun0", t.tun().get(Topology.endpoint("R1:Gi0/2")));
        assertEquals(dir.resolve("caps/r2.pcap"), t.capture().get(Topology.endpoint("R2:Gi0/1")));
    }

    @Test
    void errorsNameTheOffendingKey() throws IOException {
        assertTrue(error(GOOD.replace("kind: iosv", "knd: iosv")).contains("topology.nodes.R1.knd: unknown key"));
        assertTrue(error(GOOD.replace("delay: 5ms", "delay: soon")).contains("topology.links[0].delay:"));
        assertTrue(error(GOOD.replace("loss: 1.5", "loss: 150")).contains("topology.links[0].loss:"));
        assertTrue(error(GOOD.replace("mtu: 1400", "mtu: big")).contains("topology.links[0].mtu:"));
        assertTrue(error(GOOD.replace("\"R2:Gi0/0\"", "\"R9:Gi0/0\"")).contains("topology.links[0].endpoints[1]: unknown node R9"));
        assertTrue(error(GOOD.replace("\"R2:Gi0/0\"", "\"R2:Gi0/3\"")).contains("topology.links[0].endpoints[1]: R2 has no port GigabitEthernet0/3"));
        assertTrue(error(GOOD.replace("\"R1:Gi0/1\", \"R2:Et0/0\"", "\"R1:Gi0/0\", \"R2:Et0/0\""))
            .contains("topology.links[1].endpoints[0]: R1:GigabitEthernet0/0 is already used by topology.links[0].endpoints[0]"));
        assertTrue(error(GOOD.replace("R1.cfg", "missing.cfg")).contains("topology.nodes.R1.startup-config: no such file"));
        assertTrue(error(GOOD.replace("ssh-port: 2201", "ssh-port: 99999")).contains("topology.nodes.R1.ssh-port:"));
        assertTrue(error(GOOD.replace("R1:GigabitEthernet0/2: rl-tun0", "R1:GigabitEthernet0/0: rl-tun0"))
            .contains("topology.tun.R1:GigabitEthernet0/0: interface is already on a link"));
        assertTrue(error(GOOD.replace("rl-tun0", "a-very-long-tun-name")).contains("topology.tun.R1:GigabitEthernet0/2:"));
        assertTrue(error(GOOD.replace("name: t\n", "")).contains("name: missing"));
        assertTrue(error(GOOD.replace("  links:", "  linkz:")).contains("topology.linkz: unknown key"));
        assertTrue(error("name: t\ntopology:\n  nodes: [R1\n").contains("YAML syntax"));
        assertTrue(error(GOOD.replace("[Gi0/0, GigabitEthernet0/1, Ethernet0/0]", "[Gi0/0, Tunnel0]"))
            .contains("topology.nodes.R2.ports[1]: not a physical interface name"));
    }

    @Test
    void findsTheFileInALabFolder() throws Exception {
        Files.writeString(dir.resolve("R1.cfg"), "hostname R1\n");
        Files.writeString(dir.resolve("x.clab.yaml"), "name: x\ntopology:\n  nodes:\n    R1: {}\n");
        assertEquals("x", Topology.load(dir).name());
        assertThrows(Topology.TopologyException.class, () -> Topology.load(dir.resolve("nope")));
    }

    @Test
    void shippedLabsParse() throws Exception {
        try (var s = Files.list(Path.of("labs"))) {
            for (Path p : s.filter(Files::isDirectory).toList()) {
                Topology t = Topology.load(p);
                assertEquals(p.getFileName().toString(), t.name());
            }
        }
    }
}
