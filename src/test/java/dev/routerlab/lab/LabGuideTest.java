package dev.routerlab.lab;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A lab guide typed as a new student types it: the README's ```` ```lab ```` blocks, in order,
 * are one console session. A line after a prompt (`R1#ping 3.3.3.3`) is typed at that prompt,
 * which must be the console's prompt then; `@R2` is typed as is (the lab's switch); any other
 * line is what the guide promises the command above prints (a part of one of its lines).
 */
class LabGuideTest {
    private static final Pattern PROMPT = Pattern.compile("^([A-Za-z][\\w.-]*(?:>|#|\\([a-z0-9-]+\\)#))(.*)$");
    /** A question and the answer typed to it: `...[yes/no]: yes`, `Password: secret` (not echoed). */
    private static final Pattern ANSWER = Pattern.compile("^(.*(?:\\]: |[Pp]assword: ))(.*)$");

    /** One typed line (an answer when {@code answer}), and what its output must show. */
    private record Step(String echo, String typed, List<String> promised, boolean answer) {
        Step(String echo, String typed, List<String> promised) { this(echo, typed, promised, false); }

        /** Whether a console line is this step's echo (a hidden answer shows only the question). */
        boolean echoedBy(String line) {
            if (echo == null) return line.endsWith(">" + typed) || line.endsWith("#" + typed);
            return line.equals(echo + typed) || (answer && line.equals(echo));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gre-r1-r2-r3", "ipsec-r1-r2-r3", "eigrp-gre-over-ipsec", "ospf-dual-hub",
        "dmvpn-phase1", "dmvpn-phase1-eigrp", "dmvpn-phase1-ipsec", "dmvpn-phase2", "dmvpn-phase2-eigrp", "dmvpn-phase2-ipsec",
        "dmvpn-phase3", "dmvpn-phase3-eigrp", "dmvpn-phase3-ipsec", "dmvpn-dual-hub", "dmvpn-dual-hub-eigrp",
        "dmvpn-dual-hub-ipsec", "dmvpn-ospf", "dual-tier-head-end", "dmvpn-spokes-behind-nat", "dmvpn-one-pat", "nat-pat",
        "ikev2-site-to-site", "ikev2-gre-over-ipsec", "gre-over-ipsec", "ospf-gre-over-ipsec", "ospf-head-end-summary", "ospf-recursive-routing", "gre-dual-hub", "gre-over-ipv6", "gre-over-ipv6-ipsec", "dmvpn-fvrf",
        "dmvpn-ikev2-pki"})
    void theGuideGivesWhatItSays(String name) throws Exception {
        List<Step> steps = steps(Files.readString(Path.of("labs", name, "README.md"), StandardCharsets.UTF_8));
        assertFalse(steps.isEmpty(), name + ": no ```lab block in the README");
        StringBuilder input = new StringBuilder();
        for (Step s : steps) input.append(s.typed()).append('\n');
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (Lab lab = Lab.boot(Path.of("labs", name)); PrintStream out = new PrintStream(b, true, StandardCharsets.UTF_8)) {
            new LabConsole(lab, out).runPipe(new BufferedReader(new StringReader(input.toString())));
        }
        String[] lines = b.toString(StandardCharsets.UTF_8).split("\n", -1);
        // where each typed line was echoed, in order
        int[] at = new int[steps.size() + 1];
        int cursor = 0;
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            int k = cursor;
            while (k < lines.length && !s.echoedBy(lines[k])) k++;
            if (k == lines.length) fail(name + ": `" + (s.echo() == null ? "" : s.echo()) + s.typed() + "` was not typed at that prompt:\n" + around(lines, cursor));
            at[i] = k;
            cursor = k + 1;
        }
        at[steps.size()] = lines.length;
        for (int i = 0; i < steps.size(); i++) {
            int from = at[i] + 1;
            for (String p : steps.get(i).promised()) {
                int k = from;
                while (k < at[i + 1] && !lines[k].contains(p)) k++;
                if (k == at[i + 1]) {
                    fail(name + ": `" + steps.get(i).typed() + "` does not print `" + p + "`:\n"
                        + String.join("\n", java.util.Arrays.copyOfRange(lines, at[i], at[i + 1])));
                }
                from = k + 1;
            }
        }
        assertTrue(steps.stream().anyMatch(s -> !s.promised().isEmpty()), name + ": the guide promises nothing");
    }

    /** The ```lab blocks of a README as typed lines with their promised output. */
    private static List<Step> steps(String readme) {
        List<Step> steps = new ArrayList<>();
        boolean in = false;
        for (String l : readme.split("\n")) {
            if (l.startsWith("```")) {
                in = !in && l.strip().equals("```lab");
                continue;
            }
            if (!in || l.isBlank()) continue;
            Matcher m = PROMPT.matcher(l), a = ANSWER.matcher(l);
            if (l.startsWith("@")) steps.add(new Step(null, l.strip(), new ArrayList<>()));
            else if (m.matches()) steps.add(new Step(m.group(1), m.group(2), new ArrayList<>()));
            else if (a.matches() && !steps.isEmpty()) steps.add(new Step(a.group(1), a.group(2), new ArrayList<>(), true));
            else if (steps.isEmpty()) throw new AssertionError("output before any command: " + l);
            else steps.get(steps.size() - 1).promised().add(l.strip());
        }
        return steps;
    }

    private static String around(String[] lines, int from) {
        return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, from - 3), Math.min(lines.length, from + 25)));
    }
}
