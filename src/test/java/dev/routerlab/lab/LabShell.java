package dev.routerlab.lab;

import dev.routerlab.cli.Terminal;
import dev.routerlab.device.cli.Shell;

/** Tests' one way to type an exec command on a running lab's router and read what it printed. */
public final class LabShell {
    private LabShell() {}

    public static String show(Lab lab, String node, String cmd) {
        StringBuilder sb = new StringBuilder();
        Terminal term = new Terminal() {
            @Override public void write(String text) { sb.append(text); }
        };
        var s = lab.call(() -> Shell.of(lab.router(node)).session(term, "vty 0", null, null, 15));
        lab.exec(() -> s.type(cmd));
        s.awaitIdle();
        return lab.call(sb::toString);
    }

    /** What a console session prints for a line typed on its router's turn (paced: waits for the prompt). */
    public static String type(Lab lab, dev.routerlab.cli.Session s, String line) {
        StringBuilder out = new StringBuilder();
        Terminal saved = lab.call(s, () -> s.swapTerminal(text -> {
            synchronized (out) {
                out.append(text);
            }
        }));
        try {
            lab.type(s, line);
        } finally {
            lab.exec(s, () -> s.swapTerminal(saved));
        }
        synchronized (out) {
            return out.toString();
        }
    }
}
