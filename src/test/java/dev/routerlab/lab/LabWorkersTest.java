package dev.routerlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.routerlab.cli.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A paced (live) lab runs its routers on worker threads: two routers really run at the same
 * moment on two threads, and a `show` typed on one router while traffic crosses it reads its
 * counters as of one instant of that router (they only grow, and add up at the end).
 */
class LabWorkersTest {
    @TempDir Path tmp;

    private static long number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), () -> regex + " in:\n" + text);
        return Long.parseLong(m.group(1));
    }

    @Test
    void routersRunOnWorkerThreadsAndShowsStayCoherentUnderTraffic() throws Exception {
        Lab.Options o = new Lab.Options();
        o.paced = true;
        o.flashRoot = tmp;
        try (Lab lab = Lab.boot(Topology.load(Path.of("labs/gre-over-ipsec")), o)) {
            assertTrue(lab.paced());
            assertEquals(List.of(), lab.bootErrors());

            // R1 and R3 inside a task each at the same moment: two threads at once
            if (LabClock.WORKERS >= 2) {
                CyclicBarrier both = new CyclicBarrier(2);
                Set<String> threads = ConcurrentHashMap.newKeySet();
                CountDownLatch met = new CountDownLatch(2);
                for (String node : List.of("R1", "R3")) {
                    lab.turn(node).execute(() -> {
                        threads.add(Thread.currentThread().getName());
                        try {
                            both.await(10, TimeUnit.SECONDS);
                            met.countDown();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
                }
                assertTrue(met.await(20, TimeUnit.SECONDS), "R1 and R3 never ran at the same moment");
                assertEquals(2, threads.size(), threads.toString());
                assertTrue(threads.stream().allMatch(t -> t.startsWith("lab-worker-")), threads.toString());
            }

            Session r1 = lab.console("R1");
            Session r3 = lab.console("R3");
            LabShell.type(lab, r1, "enable");
            LabShell.type(lab, r3, "enable");
            String warm = "";
            for (int i = 0; i < 10 && !warm.contains("!!"); i++) warm = LabShell.type(lab, r1, "ping 3.3.3.3 source Loopback0 repeat 3");
            assertTrue(warm.contains("!!"), warm);   // IKE and ESP are up

            long encaps0 = number(LabShell.type(lab, r3, "show crypto ipsec sa"), "#pkts decaps: (\\d+)");
            List<String> errors = new ArrayList<>();
            String[] ping = new String[1];
            Thread traffic = new Thread(() -> {
                try {
                    ping[0] = LabShell.type(lab, r1, "ping 3.3.3.3 source Loopback0 repeat 200 size 1400 timeout 1");
                } catch (RuntimeException e) {
                    synchronized (errors) {
                        errors.add(e.toString());
                    }
                }
            });
            traffic.start();
            long lastIn = -1;
            long lastDecaps = -1;
            int shows = 0;
            while (traffic.isAlive() || shows < 3) {
                String sa = LabShell.type(lab, r3, "show crypto ipsec sa");
                long decaps = number(sa, "#pkts decaps: (\\d+)");
                long decrypt = number(sa, "#pkts decrypt: (\\d+)");
                long verify = number(sa, "#pkts verify: (\\d+)");
                assertEquals(decaps, decrypt, sa);   // one instant of R3: its counters move together
                assertEquals(decaps, verify, sa);
                assertTrue(decaps >= lastDecaps, "decaps went back: " + lastDecaps + " then " + decaps);
                lastDecaps = decaps;
                String gi = LabShell.type(lab, r3, "show interfaces GigabitEthernet0/0");
                long in = number(gi, "(\\d+) packets input");
                assertTrue(in >= lastIn, "packets input went back: " + lastIn + " then " + in);
                lastIn = in;
                shows++;
            }
            traffic.join();
            assertEquals(List.of(), errors);
            assertTrue(ping[0].contains("Success rate is 100 percent (200/200)"), ping[0]);
            long decaps = number(LabShell.type(lab, r3, "show crypto ipsec sa"), "#pkts decaps: (\\d+)");
            assertTrue(decaps - encaps0 >= 200, "R3 decapsulated " + (decaps - encaps0) + " of 200 echoes");
            assertTrue(shows >= 3);
            assertEquals(0, lab.clock().inboxDrops());
        }
    }
}
