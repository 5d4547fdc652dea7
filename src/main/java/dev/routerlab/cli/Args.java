package dev.routerlab.cli;

import dev.routerlab.packet.Ipv4Address;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/** Values of parsed argument tokens (the parser has already checked their form and range). */
public final class Args {
    private Args() {}

    /** An A.B.C.D token's address. */
    public static int ip(TerminalNode n) { return Ipv4Address.parse(n.getText()); }

    /** A number token's value. */
    public static int num(TerminalNode n) { return Integer.parseInt(n.getText()); }

    /** A labelled A.B.C.D token's address (`addr=IP_ADDRESS` in the grammar). */
    public static int ip(Token t) { return Ipv4Address.parse(t.getText()); }

    /** A labelled number token's value (`x=DEC` in the grammar). */
    public static int num(Token t) { return Integer.parseInt(t.getText()); }

    /** The value of a `[no] cmd value` command: null in its `no`/`default` form. */
    public static <T> T opt(T value, CommandContext cc) { return cc.negated() ? null : value; }
}
