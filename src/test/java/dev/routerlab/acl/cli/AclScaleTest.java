package dev.routerlab.acl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import dev.routerlab.TestRouter;
import dev.routerlab.config.AccessList;
import org.junit.jupiter.api.Test;

/** Loading a long access list is linear: an operation count, not a time, guards it. */
class AclScaleTest {
    @Test
    void twentyThousandEntriesLoadInLinearWork() {
        int n = 20_000;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append("access-list 101 permit tcp host 10.").append(i >> 16 & 255).append('.').append(i >> 8 & 255)
              .append('.').append(i & 255).append(" any eq ").append(1 + i % 65000).append('\n');
        }
        sb.append("access-list 101 permit tcp host 10.0.0.0 any eq 1\n");      // a duplicate: IOS keeps one copy
        TestRouter r = new TestRouter();
        assertEquals(List.of(), r.shell.bootFrom(sb.toString()));
        AccessList a = r.config().numberedAcls.get(101);
        assertEquals(n, a.entries.size());
        assertEquals(10 * n, a.entries.get(n - 1).sequence());
        // quadratic loading visited about n^2/2 = 2e8 entries; linear loading about n
        assertTrue(AclCommands.work(a) < 3L * n, "entries visited: " + AclCommands.work(a));
        // the index follows edits: delete, re-add with a sequence, duplicates refused
        r.execAll("conf t", "ip access-list extended 101", "no 20");
        assertEquals(n - 1, a.entries.size());
        assertEquals("% Duplicate sequence number\n", r.exec("30 permit ip any any"));
        assertEquals("", r.exec("20 permit ip any any"));
        assertEquals(20, a.entries.get(1).sequence());
        r.exec("permit udp any any");
        assertEquals(10 * n + 10, a.entries.get(a.entries.size() - 1).sequence());
    }
}
