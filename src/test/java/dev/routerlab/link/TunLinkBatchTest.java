package dev.routerlab.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The TUN reader's batching without a device: a stand-in source gives packets and says when the
 * kernel's queue is dry; the router (the owner) runs each drain at once, as an idle turn does.
 */
class TunLinkBatchTest {
    /** Packets numbered in bytes 4-5 (the IPv4 identification); null: the queue is dry once. */
    private static final class FakeSource implements TunLink.Source {
        final ArrayDeque<Object> script = new ArrayDeque<>();
        int seq;

        void packets(int n) {
            for (int i = 0; i < n; i++) {
                byte[] p = new byte[40];
                p[0] = 0x45;
                p[3] = 40;
                p[4] = (byte) (seq >>> 8);
                p[5] = (byte) seq++;
                p[8] = 64;
                p[9] = 17;
                script.add(p);
            }
        }

        void dry() { script.add(Boolean.FALSE); }

        @Override public int read(ByteBuffer dst) {
            Object o = script.poll();
            if (!(o instanceof byte[] p)) return 0;
            dst.put(p);
            return p.length;
        }

        @Override public void await() { }
    }

    /**
     * Runs the reader until the source is dry; returns each hand-over as the packets it delivered,
     * negative when it was run on the reader's thread (the queue had run dry) rather than posted.
     */
    private static List<Integer> read(FakeSource src, List<Integer> order) {
        List<Integer> batches = new ArrayList<>();
        int[] delivered = new int[1];
        TunLink t = new TunLink(null, task -> {
            int before = delivered[0];
            task.run();
            batches.add(delivered[0] - before);
        }, task -> {
            int before = delivered[0];
            task.run();
            batches.add(before - delivered[0]);
        });
        t.attachForTest(new LinkReceiver() {
            @Override public void receive(byte[] d, int off, int len) {
                delivered[0]++;
                order.add((d[off + 4] & 0xff) << 8 | d[off + 5] & 0xff);
            }
            @Override public void carrier(boolean up) { }
        });
        t.readFrom(src, 0, true);
        return batches;
    }

    @Test
    void aBacklogIsPostedInBatchesAndItsLastRunHere() {
        FakeSource s = new FakeSource();
        s.packets(200);
        s.dry();
        List<Integer> order = new ArrayList<>();
        assertEquals(List.of(32, 32, 32, 32, 32, 32, -8), read(s, order),
            "one wake-up of the router per 32 packets, posted while more wait; the rest run by the reader");
        for (int i = 0; i < 200; i++) assertEquals(i, order.get(i));
    }

    @Test
    void whatWaitsIsHandedOverWhenTheQueueRunsDry() {
        FakeSource s = new FakeSource();
        s.packets(3);
        s.dry();
        s.packets(1);
        s.dry();
        s.packets(5);
        s.dry();
        List<Integer> order = new ArrayList<>();
        assertEquals(List.of(-3, -1, -5), read(s, order));
        assertEquals(9, order.size());
    }

    @Test
    void notIpIsDroppedAndCountedWithoutEndingTheBatch() {
        FakeSource s = new FakeSource();
        s.packets(2);
        s.script.add(new byte[] {0x10, 0, 0, 0});   // neither IPv4 nor IPv6
        s.packets(2);
        s.dry();
        List<Integer> order = new ArrayList<>();
        assertEquals(List.of(-4), read(s, order));
        assertEquals(List.of(0, 1, 2, 3), order);
    }
}
