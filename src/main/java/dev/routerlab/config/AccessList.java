package dev.routerlab.config;

import java.util.ArrayList;
import java.util.List;

/** A numbered or named IPv4 access list. Entries keep their sequence numbers (10, 20, ...). */
public final class AccessList extends Model {
    public final String name;
    public final boolean extended;
    public final List<Entry> entries = new ArrayList<>();
    /** The command layer's lookup index over entries (not part of the value; rebuilt when entries changed behind it). */
    private transient Object index;

    public AccessList(String name, boolean extended) {
        this.name = name;
        this.extended = extended;
    }

    /** The command layer's index, or null when entries changed since it was set. */
    public Object index() { return index; }

    public void index(Object x) { index = x; }

    public boolean isNumbered() { return name.chars().allMatch(Character::isDigit); }

    /** The entry text as IOS prints it after the action, e.g. "ip host 1.1.1.1 host 3.3.3.3". */
    public record Entry(int sequence, boolean permit, String remark, Match match) {}

    /** What an entry matches. protocol -1 = any IP; ports -1 = any. */
    public record Match(int protocol, Address src, PortMatch srcPort, Address dst, PortMatch dstPort,
                        List<String> options) {}

    /** An address and wildcard; `any` is 0/255.255.255.255, `host` has wildcard 0. */
    public record Address(int address, int wildcard) {
        public static final Address ANY = new Address(0, -1);
    }

    /** eq/gt/lt/neq/range on a port; hi used only by range. */
    public record PortMatch(String op, String lo, String hi) {}

    public int nextSequence() {
        return entries.isEmpty() ? 10 : entries.get(entries.size() - 1).sequence() + 10;
    }

    public void add(Entry e) {
        entries.removeIf(x -> x.sequence() == e.sequence());
        entries.add(e);
        entries.sort((a, b) -> Integer.compare(a.sequence(), b.sequence()));
        index = null;
    }

}
