package dev.routerlab.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.device.Router;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A lab's topology file in the containerlab layout:
 * <pre>
 * name: gre-r1-r2-r3
 * topology:
 *   nodes:
 *     R1:
 *       startup-config: R1.cfg        # relative to the topology file
 *       ports: [GigabitEthernet0/0, GigabitEthernet0/1]   # default: IOSv Gi0/0-0/3
 *       ssh-port: 2201                # optional
 *   links:
 *     - endpoints: ["R1:GigabitEthernet0/0", "R2:GigabitEthernet0/0"]
 *       delay: 5ms                    # optional: one-way, ns/us/ms/s (a bare number is ms)
 *       loss: 1.5                     # optional: percent of frames dropped
 *       mtu: 1500                     # optional: largest IP packet the wire carries
 *   tun:                              # optional: interface -> Linux TUN device
 *     R1:GigabitEthernet0/1: rl-tun0
 *   capture:                          # optional: interface -> pcap file (relative to the lab)
 *     R2:GigabitEthernet0/0: r2-gi0-0.pcap
 * </pre>
 * {@code kind}, {@code image} and {@code mgmt} keys of containerlab are accepted and ignored.
 * Anything else is an error naming the offending key.
 */
public record Topology(String name, Path dir, Map<String, Node> nodes, List<LinkSpec> links,
                       Map<Endpoint, String> tun, Map<Endpoint, Path> capture) {

    /** File names tried, in order, when a lab folder is given. */
    public static final List<String> FILE_NAMES = List.of("topology.clab.yml", "topology.clab.yaml",
        "topology.yml", "topology.yaml");

    /** One router. startupConfig may be null (factory default). */
    public record Node(String name, Path startupConfig, List<InterfaceName> ports, Integer sshPort) {}

    /** One side of a link: node and interface. */
    public record Endpoint(String node, InterfaceName iface) {
        @Override public String toString() { return node + ":" + iface; }
    }

    /** A wire between two interfaces; delayNanos 0, lossPercent 0 and mtu 0 mean "none". */
    public record LinkSpec(Endpoint a, Endpoint b, long delayNanos, double lossPercent, int mtu) {}

    /** A topology file that cannot be used; the message names the file and the offending key. */
    public static final class TopologyException extends Exception {
        private static final long serialVersionUID = 1L;

        public TopologyException(String message) { super(message); }
    }

    private static final Set<String> TOP_KEYS = Set.of("name", "topology", "prefix", "mgmt");
    private static final Set<String> TOPOLOGY_KEYS = Set.of("nodes", "links", "tun", "capture", "kinds", "defaults");
    private static final Set<String> NODE_KEYS = Set.of("startup-config", "ports", "ssh-port", "kind", "image",
        "mgmt-ipv4", "mgmt-ipv6", "labels");
    private static final Set<String> LINK_KEYS = Set.of("endpoints", "delay", "loss", "mtu");
    private static final Pattern NODE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|µs|ms|s)?");

    /** Finds the topology file of a lab folder (or takes a file) and loads it. */
    public static Topology load(Path labDirOrFile) throws TopologyException {
        Path file = find(labDirOrFile);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TopologyException(file + ": cannot read: " + e.getMessage());
        }
        return parse(text, file);
    }

    /** The topology file of a lab folder, or the file itself. */
    public static Path find(Path labDirOrFile) throws TopologyException {
        if (Files.isRegularFile(labDirOrFile)) return labDirOrFile;
        if (!Files.isDirectory(labDirOrFile)) throw new TopologyException(labDirOrFile + ": no such lab folder or topology file");
        for (String n : FILE_NAMES) {
            Path p = labDirOrFile.resolve(n);
            if (Files.isRegularFile(p)) return p;
        }
        try (Stream<Path> s = Files.list(labDirOrFile)) {
            List<Path> clab = s.filter(p -> p.getFileName().toString().matches(".*\\.clab\\.ya?ml")).sorted().toList();
            if (clab.size() == 1) return clab.get(0);
            if (clab.size() > 1) throw new TopologyException(labDirOrFile + ": several *.clab.yml files: " + clab);
        } catch (IOException e) {
            throw new TopologyException(labDirOrFile + ": " + e.getMessage());
        }
        throw new TopologyException(labDirOrFile + ": no topology file (" + String.join(", ", FILE_NAMES) + ")");
    }

    /** Parses topology text; file is where it came from (relative paths resolve beside it). */
    public static Topology parse(String text, Path file) throws TopologyException {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (MarkedYAMLException e) {
            throw new TopologyException(file + ":" + (e.getProblemMark().getLine() + 1) + ": YAML syntax: " + e.getProblem());
        } catch (YAMLException e) {
            throw new TopologyException(file + ": YAML syntax: " + e.getMessage());
        }
        return new Parser(file).top(root);
    }

    /** Parses "R1:GigabitEthernet0/0" (interface names may be abbreviated: "R1:Gi0/0"). */
    public static Endpoint endpoint(String text) {
        int c = text.indexOf(':');
        if (c <= 0) return null;
        InterfaceName n = InterfaceName.parse(text.substring(c + 1));
        if (n == null) return null;
        return new Endpoint(text.substring(0, c).strip(), n);
    }

    /** Parses "5ms", "200us", "1s", "1.5ms" or a bare number of milliseconds; -1 when malformed. */
    public static long durationNanos(Object v) {
        if (v instanceof Number n) return Math.round(n.doubleValue() * 1_000_000d);
        Matcher m = DURATION.matcher(String.valueOf(v).strip());
        if (!m.matches()) return -1;
        double x = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        double scale = switch (unit) {
            case "ns" -> 1;
            case "us", "µs" -> 1e3;
            case "ms" -> 1e6;
            default -> 1e9;
        };
        return Math.round(x * scale);
    }

    /** The node whose name is given, or null. */
    public Node node(String n) { return nodes.get(n); }

    /** All wire-bound, TUN-bound and captured interfaces exist on their nodes. */
    private static final class Parser {
        private final Path file;
        private final Path dir;

        Parser(Path file) {
            this.file = file;
            Path parent = file.toAbsolutePath().getParent();
            this.dir = parent == null ? Path.of(".") : parent;
        }

        TopologyException error(String key, String msg) {
            return new TopologyException(file + ": " + key + ": " + msg);
        }

        Map<String, Object> map(Object o, String key) throws TopologyException {
            if (o == null) return new LinkedHashMap<>();
            if (!(o instanceof Map<?, ?> m)) throw error(key, "expected a mapping, found " + describe(o));
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) out.put(String.valueOf(e.getKey()), e.getValue());
            return out;
        }

        void onlyKeys(Map<String, Object> m, Set<String> allowed, String where) throws TopologyException {
            for (String k : m.keySet()) {
                if (!allowed.contains(k)) {
                    throw error(where.isEmpty() ? k : where + "." + k, "unknown key (expected one of "
                        + allowed.stream().sorted().toList() + ")");
                }
            }
        }

        static String describe(Object o) {
            if (o instanceof Map) return "a mapping";
            if (o instanceof List) return "a list";
            return "'" + o + "'";
        }

        Topology top(Object root) throws TopologyException {
            if (!(root instanceof Map)) throw new TopologyException(file + ": expected a mapping with 'name' and 'topology'");
            Map<String, Object> m = map(root, "");
            onlyKeys(m, TOP_KEYS, "");
            Object nameObj = m.get("name");
            if (!(nameObj instanceof String name) || name.isBlank()) throw error("name", "missing or not a string");
            Map<String, Object> t = map(m.get("topology"), "topology");
            if (!m.containsKey("topology")) throw error("topology", "missing");
            onlyKeys(t, TOPOLOGY_KEYS, "topology");
            Map<String, Node> nodes = nodes(map(t.get("nodes"), "topology.nodes"));
            List<LinkSpec> links = links(t.get("links"), nodes);
            Map<Endpoint, String> tun = new LinkedHashMap<>();
            Map<Endpoint, Path> capture = new LinkedHashMap<>();
            Set<Endpoint> wired = new java.util.HashSet<>();
            for (LinkSpec l : links) {
                wired.add(l.a());
                wired.add(l.b());
            }
            for (Map.Entry<String, Object> e : map(t.get("tun"), "topology.tun").entrySet()) {
                String key = "topology.tun." + e.getKey();
                Endpoint ep = checkedEndpoint(e.getKey(), key, nodes);
                if (wired.contains(ep)) throw error(key, "interface is already on a link");
                if (!(e.getValue() instanceof String dev) || dev.isBlank() || dev.length() > 15
                    || !dev.matches("[A-Za-z0-9_.%-]+")) {
                    throw error(key, "expected a TUN device name of at most 15 characters, found " + describe(e.getValue()));
                }
                if (tun.containsValue(dev)) throw error(key, "TUN device " + dev + " is bound twice");
                tun.put(ep, dev);
            }
            for (Map.Entry<String, Object> e : map(t.get("capture"), "topology.capture").entrySet()) {
                String key = "topology.capture." + e.getKey();
                Endpoint ep = checkedEndpoint(e.getKey(), key, nodes);
                if (!(e.getValue() instanceof String f) || f.isBlank()) throw error(key, "expected a pcap file name");
                capture.put(ep, dir.resolve(f));
            }
            return new Topology(name, dir, nodes, links, tun, capture);
        }

        Map<String, Node> nodes(Map<String, Object> raw) throws TopologyException {
            if (raw.isEmpty()) throw error("topology.nodes", "no nodes");
            Map<String, Node> out = new LinkedHashMap<>();
            Set<Integer> sshPorts = new java.util.HashSet<>();
            for (Map.Entry<String, Object> e : raw.entrySet()) {
                String n = e.getKey();
                String where = "topology.nodes." + n;
                if (!NODE_NAME.matcher(n).matches()) throw error(where, "a node name is a letter then letters, digits, '-' or '_'");
                Map<String, Object> m = map(e.getValue(), where);
                onlyKeys(m, NODE_KEYS, where);
                Path cfg = null;
                if (m.containsKey("startup-config")) {
                    if (!(m.get("startup-config") instanceof String s) || s.isBlank()) {
                        throw error(where + ".startup-config", "expected a file name");
                    }
                    cfg = dir.resolve(s);
                    if (!Files.isRegularFile(cfg)) throw error(where + ".startup-config", "no such file: " + cfg);
                }
                List<InterfaceName> ports = Router.IOSV_PORTS;
                if (m.containsKey("ports")) {
                    if (!(m.get("ports") instanceof List<?> l) || l.isEmpty()) throw error(where + ".ports", "expected a list of interface names");
                    List<InterfaceName> ps = new ArrayList<>();
                    for (int i = 0; i < l.size(); i++) {
                        InterfaceName p = InterfaceName.parse(String.valueOf(l.get(i)));
                        if (p == null || !p.isPhysical() || p.isSubinterface()) {
                            throw error(where + ".ports[" + i + "]", "not a physical interface name: " + describe(l.get(i)));
                        }
                        if (ps.contains(p)) throw error(where + ".ports[" + i + "]", "duplicate port " + p);
                        ps.add(p);
                    }
                    ports = List.copyOf(ps);
                }
                Integer ssh = null;
                if (m.containsKey("ssh-port")) {
                    if (!(m.get("ssh-port") instanceof Integer p) || p < 1 || p > 65535) {
                        throw error(where + ".ssh-port", "expected a TCP port 1-65535, found " + describe(m.get("ssh-port")));
                    }
                    if (!sshPorts.add(p)) throw error(where + ".ssh-port", "port " + p + " is used by another node");
                    ssh = p;
                }
                out.put(n, new Node(n, cfg, ports, ssh));
            }
            return out;
        }

        Endpoint checkedEndpoint(String text, String key, Map<String, Node> nodes) throws TopologyException {
            Endpoint ep = endpoint(text);
            if (ep == null) throw error(key, "expected NODE:INTERFACE such as R1:GigabitEthernet0/0, found '" + text + "'");
            Node n = nodes.get(ep.node());
            if (n == null) throw error(key, "unknown node " + ep.node() + " (nodes: " + String.join(", ", nodes.keySet()) + ")");
            if (!n.ports().contains(ep.iface())) throw error(key, ep.node() + " has no port " + ep.iface() + " (ports: " + n.ports() + ")");
            return ep;
        }

        List<LinkSpec> links(Object raw, Map<String, Node> nodes) throws TopologyException {
            if (raw == null) return List.of();
            if (!(raw instanceof List<?> list)) throw error("topology.links", "expected a list, found " + describe(raw));
            List<LinkSpec> out = new ArrayList<>();
            Map<Endpoint, String> used = new java.util.HashMap<>();
            for (int i = 0; i < list.size(); i++) {
                String where = "topology.links[" + i + "]";
                Map<String, Object> m = map(list.get(i), where);
                onlyKeys(m, LINK_KEYS, where);
                if (!(m.get("endpoints") instanceof List<?> eps) || eps.size() != 2) {
                    throw error(where + ".endpoints", "expected two endpoints [\"R1:GigabitEthernet0/0\", \"R2:GigabitEthernet0/0\"]");
                }
                Endpoint[] e = new Endpoint[2];
                for (int k = 0; k < 2; k++) {
                    String key = where + ".endpoints[" + k + "]";
                    e[k] = checkedEndpoint(String.valueOf(eps.get(k)), key, nodes);
                    String prev = used.putIfAbsent(e[k], key);
                    if (prev != null) throw error(key, e[k] + " is already used by " + prev);
                }
                long delay = 0;
                if (m.containsKey("delay")) {
                    delay = durationNanos(m.get("delay"));
                    if (delay < 0) throw error(where + ".delay", "expected a duration such as 5ms, 200us or 1s, found " + describe(m.get("delay")));
                }
                double loss = 0;
                if (m.containsKey("loss")) {
                    Object l = m.get("loss");
                    String s = String.valueOf(l).strip();
                    if (s.endsWith("%")) s = s.substring(0, s.length() - 1).strip();
                    try {
                        loss = Double.parseDouble(s);
                    } catch (NumberFormatException x) {
                        loss = -1;
                    }
                    if (!(loss >= 0 && loss <= 100)) throw error(where + ".loss", "expected a percentage 0-100, found " + describe(l));
                }
                int mtu = 0;
                if (m.containsKey("mtu")) {
                    if (!(m.get("mtu") instanceof Integer x) || x < 68 || x > 65535) {
                        throw error(where + ".mtu", "expected an MTU 68-65535, found " + describe(m.get("mtu")));
                    }
                    mtu = x;
                }
                out.add(new LinkSpec(e[0], e[1], delay, loss, mtu));
            }
            return out;
        }
    }
}
