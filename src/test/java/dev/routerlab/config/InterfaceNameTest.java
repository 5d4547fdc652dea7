package dev.routerlab.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** InterfaceName.parse scans by hand the form a regex once matched: the two agree on any text. */
class InterfaceNameTest {
    private static final Pattern FORM = Pattern.compile("([A-Za-z][A-Za-z-]*)\\s*(\\d+(?:/\\d+)*(?:\\.\\d+)?)");

    /** The parse as it was, over the regex. */
    private static InterfaceName byRegex(String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) return null;
        List<InterfaceName.Type> types = InterfaceName.typesMatching(m.group(1));
        if (types.size() != 1) return null;
        InterfaceName.Type t = types.get(0);
        String num = m.group(2);
        boolean slotted = num.contains("/");
        if (t.physical != slotted && !(t.physical && num.contains("."))) return null;
        return new InterfaceName(t, num);
    }

    @Test
    void namesAsIosWritesThem() {
        for (String s : List.of("g0/0", "Gi0/1", "GigabitEthernet 0/1", "Tu0", "tunnel 12", "lo0", "Loopback99",
                "Et0/1.10", "fa1/0/1", "Null0", "g0/0.", "g0/", "g/0", "0/0", "g0//0", "g0/0.1.2", "Tu0/1", "gi-0/0",
                "e0/0", " g0/0 ", "g\t0/0", "g0/0\u00a0", "G١/0", "tu 1\n", "")) {
            assertEquals(byRegex(s), InterfaceName.parse(s), s);
        }
    }

    @Test
    void randomTextParsesAsTheRegexDid() {
        String alphabet = "gGiItTuUlLoOeEnNfFaA-0123456789/. \t\r\n\u000b\fxZ\u00a0١";
        SplittableRandom r = new SplittableRandom(14);
        for (int k = 0; k < 200_000; k++) {
            StringBuilder sb = new StringBuilder();
            int len = r.nextInt(12);
            for (int i = 0; i < len; i++) sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
            String s = sb.toString();
            assertEquals(byRegex(s), InterfaceName.parse(s), () -> "\"" + s + "\"");
        }
    }
}
