package dev.routerlab.lab;

import java.util.ArrayList;
import java.util.List;

/** The command line's options, shared by every subcommand (a class of its own: `console` need not load LabMain). */
public final class Args {
    private Args() { }

    /** Removes `name VALUE` from args and returns VALUE, or null when absent. */
    public static String option(List<String> args, String name) {
        int i = args.indexOf(name);
        if (i < 0) return null;
        if (i + 1 >= args.size()) throw new IllegalArgumentException(name + " needs a value");
        String v = args.get(i + 1);
        args.remove(i + 1);
        args.remove(i);
        return v;
    }

    /** Every occurrence of a repeatable option. */
    public static List<String> options(List<String> args, String name) {
        List<String> out = new ArrayList<>();
        String v;
        while ((v = option(args, name)) != null) out.add(v);
        return out;
    }
}
