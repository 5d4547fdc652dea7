package dev.routerlab.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An IOS interface name such as GigabitEthernet0/0, Tunnel0 or Ethernet0/1.10, in canonical
 * spelling. Types sort in running-config order: virtual interfaces first, then physical.
 */
public record InterfaceName(Type type, String number) implements Comparable<InterfaceName> {

    /** Interface types this router knows, in running-config order. */
    public enum Type {
        LOOPBACK("Loopback", "Lo", "Loopback interface", false),
        TUNNEL("Tunnel", "Tu", "Tunnel interface", false),
        ETHERNET("Ethernet", "Et", "IEEE 802.3", true),
        FAST_ETHERNET("FastEthernet", "Fa", "FastEthernet IEEE 802.3", true),
        GIGABIT_ETHERNET("GigabitEthernet", "Gi", "GigabitEthernet IEEE 802.3z", true),
        NULL("Null", "Nu", "Null interface", false);

        public final String ios;
        public final String shortName;
        public final String help;
        public final boolean physical;

        Type(String ios, String shortName, String help, boolean physical) {
            this.ios = ios;
            this.shortName = shortName;
            this.help = help;
            this.physical = physical;
        }
    }


    /** Types whose name starts with the given prefix, ignoring case (IOS abbreviation). */
    public static List<Type> typesMatching(String prefix) {
        String p = prefix.toLowerCase(Locale.ROOT);
        List<Type> out = null;
        for (int k = 0; k < TYPES.size(); k++) {
            String name = LOWER.get(k);
            if (name.equals(p)) return List.of(TYPES.get(k));
            if (name.startsWith(p)) {
                if (out == null) out = new ArrayList<>(2);
                out.add(TYPES.get(k));
            }
        }
        return out == null ? List.of() : out;
    }

    private static final List<Type> TYPES = List.of(Type.values());
    private static final List<String> LOWER = lower();

    /** The types' names in lower case (a loop, not a stream: the first stream of a launch costs its reflection). */
    private static List<String> lower() {
        String[] l = new String[TYPES.size()];
        for (int i = 0; i < l.length; i++) l[i] = TYPES.get(i).ios.toLowerCase(Locale.ROOT);
        return List.of(l);
    }

    /**
     * Parses "g0/0", "Tu0", "GigabitEthernet 0/1", ...; null when not a (unique) interface name.
     * The form is {@code ([A-Za-z][A-Za-z-]*)\s*(\d+(?:/\d+)*(?:\.\d+)?)}, scanned by hand: a
     * regex here (the first router's ports) compiled at every launch.
     */
    public static InterfaceName parse(String text) {
        String s = text.trim();
        int n = s.length();
        if (n == 0 || !letter(s.charAt(0))) return null;
        int i = 1;
        while (i < n && (letter(s.charAt(i)) || s.charAt(i) == '-')) i++;
        String typed = s.substring(0, i);
        while (i < n && space(s.charAt(i))) i++;
        int start = i;
        i = digits(s, i);
        if (i == start) return null;
        while (i < n && s.charAt(i) == '/' && digits(s, i + 1) > i + 1) i = digits(s, i + 1);
        if (i < n && s.charAt(i) == '.' && digits(s, i + 1) > i + 1) i = digits(s, i + 1);
        if (i != n) return null;
        List<Type> types = typesMatching(typed);
        if (types.size() != 1) return null;
        Type t = types.get(0);
        String num = s.substring(start);
        boolean slotted = num.contains("/");
        if (t.physical != slotted && !(t.physical && num.contains("."))) return null;
        return new InterfaceName(t, num);
    }

    private static boolean letter(char c) { return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'; }

    /** Regex {@code \s}: space, tab, newline, vertical tab, form feed, carriage return. */
    private static boolean space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r'; }

    /** The end of the ASCII digits from i. */
    private static int digits(String s, int i) {
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') i++;
        return i;
    }

    public boolean isPhysical() { return type.physical; }

    public boolean isSubinterface() { return number.contains("."); }

    /** Short form as in `show ip interface brief` columns of newer IOS and log lines: Gi0/0. */
    public String shortForm() { return type.shortName + number; }

    @Override public String toString() { return type.ios + number; }

    /** Equality written out (the same values as the record's): the record's generated ones bootstrap java.lang.runtime.ObjectMethods at their first call, milliseconds of a launch. */
    @Override public boolean equals(Object o) {
        return o instanceof InterfaceName n && n.type == type && java.util.Objects.equals(n.number, number);
    }

    @Override public int hashCode() { return 31 * java.util.Objects.hashCode(type) + java.util.Objects.hashCode(number); }

    @Override
    public int compareTo(InterfaceName o) {
        int c = type.compareTo(o.type);
        if (c != 0) return c;
        // compare "0/1.10" numerically part by part, without allocating
        String a = number, b = o.number;
        int i = 0, j = 0;
        while (i < a.length() && j < b.length()) {
            long x = 0, y = 0;
            while (i < a.length() && Character.isDigit(a.charAt(i))) x = x * 10 + a.charAt(i++) - '0';
            while (j < b.length() && Character.isDigit(b.charAt(j))) y = y * 10 + b.charAt(j++) - '0';
            if (x != y) return Long.compare(x, y);
            i++;
            j++;
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
