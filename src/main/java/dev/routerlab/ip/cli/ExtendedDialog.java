package dev.routerlab.ip.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import dev.routerlab.cli.CommandContext;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.device.cli.Shell;
import dev.routerlab.ip.IpInterface;
import dev.routerlab.ip.Traceroute;
import dev.routerlab.packet.Ipv4Address;

/**
 * `ping` and `traceroute` typed alone (or `ping ip`): the IOS extended dialog, one question at
 * a time with its default in brackets (RETURN takes it); a bad answer ends the command with the
 * IOS error, as does Ctrl-C.
 */
final class ExtendedDialog {
    private ExtendedDialog() {}

    /** A bad answer: the command ends with this text. */
    private static final class Bad extends RuntimeException {
        Bad(String text) { super(text, null, false, false); }
    }

    /** One question: its key in the answers, its text, its default, when it is asked, how its answer reads. */
    private record Question(String key, String text, Object def, Predicate<Map<String, Object>> when,
                            Function<String, Object> read) {}

    private static final Predicate<Map<String, Object>> ALWAYS = a -> true;

    static void ping(CommandContext cc, boolean ipGiven) {
        Predicate<Map<String, Object>> extended = a -> (Boolean) a.get("extended");
        List<Question> qs = List.of(
            protocol(ipGiven, "ping"),
            target(),
            new Question("count", "Repeat count [5]: ", 5, ALWAYS, s -> number(s, 1, Integer.MAX_VALUE, "% Bad repeat count")),
            new Question("size", "Datagram size [100]: ", 100, ALWAYS,
                s -> number(s, 36, 18024, "% A decimal number between 36 and 18024.")),
            new Question("timeout", "Timeout in seconds [2]: ", 2, ALWAYS, s -> number(s, 0, 3600, "% Bad timeout value")),
            new Question("extended", "Extended commands [n]: ", false, ALWAYS, ExtendedDialog::yes),
            new Question("ingress", "Ingress ping [n]: ", false, extended, ExtendedDialog::yes),
            new Question("source", "Source address or interface: ", 0, extended, s -> source(cc, s)),
            new Question("dscp", "DSCP Value [0]: ", 0, extended, s -> number(s, 0, 63, "% Invalid DSCP value")),
            new Question("tos", "Type of service [0]: ", 0, extended, s -> number(s, 0, 255, "% Invalid type of service")),
            new Question("df", "Set DF bit in IP header? [no]: ", false, extended, ExtendedDialog::yes),
            new Question("validate", "Validate reply data? [no]: ", false, extended, ExtendedDialog::yes),
            new Question("pattern", "Data pattern [0x0000ABCD]: ", 0, extended, s -> s),
            new Question("options", "Loose, Strict, Record, Timestamp, Verbose[none]: ", 0, extended, s -> s),
            new Question("sweep", "Sweep range of sizes [n]: ", false, ALWAYS, ExtendedDialog::yes));
        ask(cc, qs, 0, new HashMap<>(), a -> IpCommands.ping(cc, (Integer) a.get("target"), (Integer) a.get("count"),
            (Integer) a.get("size"), (Integer) a.get("source"), (Boolean) a.get("df"), (Integer) a.get("timeout")));
    }

    static void traceroute(CommandContext cc, boolean ipGiven) {
        List<Question> qs = List.of(
            protocol(ipGiven, "traceroute"),
            target(),
            new Question("ingress", "Ingress traceroute [n]: ", false, ALWAYS, ExtendedDialog::yes),
            new Question("source", "Source address: ", 0, ALWAYS, s -> source(cc, s)),
            new Question("dscp", "DSCP Value [0]: ", 0, ALWAYS, s -> number(s, 0, 63, "% Invalid DSCP value")),
            new Question("numeric", "Numeric display [n]: ", false, ALWAYS, ExtendedDialog::yes),
            new Question("timeout", "Timeout in seconds [3]: ", 3, ALWAYS, s -> number(s, 0, 3600, "% Bad timeout value")),
            new Question("probes", "Probe count [3]: ", 3, ALWAYS, s -> number(s, 1, 65535, "% Bad probe count")),
            new Question("minTtl", "Minimum Time to Live [1]: ", 1, ALWAYS, s -> number(s, 1, 255, "% Bad minimum time to live")),
            new Question("maxTtl", "Maximum Time to Live [30]: ", 30, ALWAYS, s -> number(s, 1, 255, "% Bad maximum time to live")),
            new Question("port", "Port Number [33434]: ", Traceroute.BASE_PORT, ALWAYS, s -> number(s, 1, 65535, "% Bad port number")),
            new Question("options", "Loose, Strict, Record, Timestamp, Verbose[none]: ", 0, ALWAYS, s -> s));
        ask(cc, qs, 0, new HashMap<>(), a -> {
            int min = (Integer) a.get("minTtl"), max = (Integer) a.get("maxTtl");
            if (max < min) {
                cc.error("Maximum TTL must be greater than or equal to minimum TTL");
                return;
            }
            IpCommands.traceroute(cc, null, (Integer) a.get("target"), (Integer) a.get("source"), (Integer) a.get("timeout"),
                (Integer) a.get("probes"), min, max, (Integer) a.get("port"));
        });
    }

    private static Question protocol(boolean ipGiven, String command) {
        return new Question("protocol", "Protocol [ip]: ", "ip", a -> !ipGiven, s -> {
            if (!"ip".startsWith(s.toLowerCase(Locale.ROOT))) {
                throw new Bad("% Unknown protocol - \"" + s + "\", type \"" + command + " ?\" for help");
            }
            return "ip";
        });
    }

    private static Question target() {
        return new Question("target", "Target IP address: ", null, ALWAYS, s -> {
            if (!Ipv4Address.isValid(s)) throw new Bad("% Bad IP address");
            return Ipv4Address.parse(s);
        });
    }

    /** Asks question i (skipping those whose condition is false), then the rest; then {@code done}. */
    private static void ask(CommandContext cc, List<Question> qs, int i, Map<String, Object> answers, Consumer<Map<String, Object>> done) {
        while (i < qs.size() && !qs.get(i).when().test(answers)) {
            answers.put(qs.get(i).key(), qs.get(i).def());
            i++;
        }
        if (i == qs.size()) {
            done.accept(answers);
            return;
        }
        Question q = qs.get(i);
        int next = i + 1;
        cc.ask(q.text(), false, line -> {
            if (line == null) return;   // Ctrl-C: the command ends quietly
            String s = line.strip();
            try {
                if (s.isEmpty()) {
                    if (q.def() == null) throw new Bad("% Bad IP address");
                    answers.put(q.key(), q.def());
                } else {
                    answers.put(q.key(), q.read().apply(s));
                }
            } catch (Bad b) {
                cc.println(b.getMessage());
                return;
            }
            ask(cc, qs, next, answers, done);
        });
    }

    private static int number(String s, int min, int max, String error) {
        try {
            long v = Long.parseLong(s);
            if (v >= min && v <= max) return (int) v;
        } catch (NumberFormatException e) {
            // bad below
        }
        throw new Bad(error);
    }

    private static boolean yes(String s) {
        String l = s.toLowerCase(Locale.ROOT);
        if ("yes".startsWith(l)) return true;
        if ("no".startsWith(l)) return false;
        throw new Bad("% Please answer 'yes' or 'no'.");
    }

    /** `Source address or interface`: an address of ours or an interface with one. */
    private static int source(CommandContext cc, String s) {
        var ip = Shell.router(cc).ip();
        if (!Ipv4Address.isValid(s)) {
            InterfaceName n = InterfaceName.parse(s);
            IpInterface i = n == null ? null : ip.get(n);
            if (i == null || !i.hasAddress()) {
                throw new Bad("% Invalid source. Must use same-VRF IP address or full interface name without spaces (e.g. Serial0/1)");
            }
            return i.address();
        }
        int a = Ipv4Address.parse(s);
        for (IpInterface i : ip.interfaces()) if (i.owns(a)) return a;
        throw new Bad("% Invalid source address- IP address not on any of our up interfaces");
    }
}
