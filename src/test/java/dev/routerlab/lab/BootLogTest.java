package dev.routerlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A lab boots as IOS routers do: each link comes up once, none goes down and up again. */
class BootLogTest {
    @Test
    void linksComeUpOnceAtBoot() throws Exception {
        Lab lab = Lab.boot(Path.of("labs", "gre-r1-r2-r3"));
        for (String n : lab.nodes()) {
            List<String> log = lab.router(n).log().buffered();
            assertTrue(log.stream().noneMatch(l -> l.contains("changed state to down")), n + ": " + log);
            long up = log.stream().filter(l -> l.contains("%LINK-3-UPDOWN: Interface GigabitEthernet0/0, changed state to up")).count();
            assertEquals(1, up, n + ": " + log);
        }
    }
}
