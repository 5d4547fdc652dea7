package dev.routerlab.link;

import dev.routerlab.Interop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import dev.routerlab.lab.LabClock;
import dev.routerlab.lab.Netns;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A TunLink in a namespace of its own (root only): the kernel pings an address behind the TUN;
 * a stand-in for a router answers each echo on the clock thread and the kernel's ping succeeds.
 */
class TunLinkTest {
    @Test
    void pingThroughATunLink() throws Exception {
        String why = Netns.unavailable();
        if (why == null && Netns.tool("ping") == null) why = "ping (iputils-ping) is not installed";
        if (why != null) Interop.skip("TunLinkTest: " + why);

        List<String> threads = new CopyOnWriteArrayList<>();
        try (Netns n = new Netns(); LabClock clock = new LabClock(0)) {
            String ns = n.create("rltl");
            clock.startPacing();
            TunLink link = TunLink.open("rltl" + ProcessHandle.current().pid() % 100000, clock::execute);
            try {
                assertFalse(link.ethernet());
                boolean[] carrier = new boolean[1];
                link.start(new LinkReceiver() {
                    @Override
                    public void receive(byte[] d, int off, int len) {
                        threads.add(Thread.currentThread().getName());
                        if (len < 28 || d[off + 9] != 1) return;          // ICMP only
                        int ihl = (d[off] & 0x0f) * 4;
                        if (d[off + ihl] != 8) return;                      // echo request
                        byte[] r = java.util.Arrays.copyOfRange(d, off, off + len);
                        for (int i = 0; i < 4; i++) {                       // swap addresses: sum unchanged
                            byte t = r[12 + i];
                            r[12 + i] = r[16 + i];
                            r[16 + i] = t;
                        }
                        r[ihl] = 0;                                         // echo reply
                        int sum = ((r[ihl + 2] & 0xff) << 8 | (r[ihl + 3] & 0xff)) + 0x0800;
                        sum = (sum & 0xffff) + (sum >>> 16);
                        r[ihl + 2] = (byte) (sum >>> 8);
                        r[ihl + 3] = (byte) sum;
                        link.transmit(r, 0, r.length);
                    }

                    @Override public void carrier(boolean up) { carrier[0] = up; }
                });
                Netns.run(List.of("ip", "link", "set", link.name(), "netns", ns));
                Netns.exec(ns, "ip", "addr", "add", "198.18.200.1/30", "dev", link.name());
                Netns.exec(ns, "ip", "link", "set", link.name(), "up");
                Thread.sleep(300);
                Netns.Result r = Netns.tryRun(List.of("ip", "netns", "exec", ns, "ping", "-c", "3", "-i", "0.2", "-W", "2", "198.18.200.2"), 30);
                assertEquals(0, r.exit(), r.output());
                assertTrue(r.output().contains("3 received"), r.output());
                assertTrue(carrier[0]);
                // the clock thread counts a reply after its write returns, which may be after ping has read it
                for (int i = 0; i < 40 && link.sent() < 3; i++) Thread.sleep(50);
                assertTrue(link.received() >= 3 && link.sent() >= 3, link.received() + "/" + link.sent());
                assertTrue(threads.stream().allMatch(t -> t.startsWith("lab-worker-")), threads.toString());
            } finally {
                link.close();
            }
        }
    }
}
