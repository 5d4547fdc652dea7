package dev.routerlab.bench;

import dev.routerlab.device.cli.Shell;
import dev.routerlab.features.Features;
import java.util.List;
import java.util.SplittableRandom;
import dev.routerlab.cli.Session;
import dev.routerlab.cli.Terminal;
import dev.routerlab.device.Nvram;
import dev.routerlab.device.Router;
import dev.routerlab.lab.Replay;
import dev.routerlab.sim.VirtualScheduler;

/**
 * Scripted scale run (issue 10): boots a config of N access-list entries, then types N
 * loopbacks line by line at a console (each line reconciled, as a person typing). Prints the
 * wall time of each. Run: bench/config-scale.sh [N]   (default 10,000 loopbacks, 100,000 ACL entries)
 */
public final class ConfigScale {
    private ConfigScale() {}

    public static void main(String[] args) {
        int loopbacks = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int acl = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        for (int round = 0; round < 2; round++) {      // the first round warms the JIT
            int n = round == 0 ? Math.min(1000, loopbacks) : loopbacks;
            int m = round == 0 ? Math.min(1000, acl) : acl;
            System.out.printf("%s: %,d ACL entries booted in %.2f s; %,d loopbacks typed in %.2f s%n",
                round == 0 ? "warm-up" : "run", m, aclBoot(m), n, typeLoopbacks(n));
        }
    }

    static Shell router() {
        Router r = new Router(new VirtualScheduler(Replay.EPOCH_1993), new SplittableRandom(1), Nvram.memory(), Router.IOSV_PORTS);
        Shell sh = Features.shell(r);
        sh.boot();
        return sh;
    }

    /** Seconds to boot a config holding one extended list of n entries. */
    static double aclBoot(int n) {
        StringBuilder sb = new StringBuilder("hostname ACL\n");
        for (int i = 0; i < n; i++) {
            sb.append("access-list 101 permit tcp host 10.").append(i >> 16 & 255).append('.').append(i >> 8 & 255).append('.')
              .append(i & 255).append(" any eq ").append(1 + i % 65000).append('\n');
        }
        Shell r = router();
        String text = sb.toString();
        long t0 = System.nanoTime();
        List<String> errors = r.bootFrom(text);
        double s = (System.nanoTime() - t0) / 1e9;
        if (!errors.isEmpty()) throw new IllegalStateException(errors.get(0));
        if (r.router().config().numberedAcls.get(101).entries.size() != n) throw new IllegalStateException("entries");
        return s;
    }

    /** Seconds to type n loopbacks (interface, ip address) at a console in configuration mode. */
    static double typeLoopbacks(int n) {
        Shell r = router();
        Terminal quiet = new Terminal() {
            @Override public void write(String text) { }
        };
        Session s = r.session(quiet, "con 0", null, null, 15);
        s.type("configure terminal");
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            s.type("interface Loopback" + i);
            s.type("ip address 10." + (i >> 8 & 255) + "." + (i & 255) + ".1 255.255.255.255");
        }
        s.type("end");
        double sec = (System.nanoTime() - t0) / 1e9;
        if (r.router().config().interfaces.size() < n) throw new IllegalStateException("interfaces");
        return sec;
    }
}
