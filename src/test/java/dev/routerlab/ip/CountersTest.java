package dev.routerlab.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The 5-minute rates move as IOS's load process moves them: every 5 seconds, not when read. */
class CountersTest {
    private static final long S = 1_000_000_000L;

    private static void send(Counters c, long now, int bytes) {
        c.roll(now);
        c.packetsOut++;
        c.bytesOut += bytes;
    }

    @Test
    void ratesFoldEachFiveSecondIntervalWhetherReadOrNot() {
        Counters c = new Counters();
        for (long t = 0; t < 10 * S; t += S / 100) send(c, t, 1000);   // 100 pps of 1000 bytes for 10 s
        c.roll(10 * S);
        double keep = Math.exp(-5 / 300.0);
        double one = 800_000 * (1 - keep);                               // one interval of 800 kbit/s
        assertEquals(Math.round(one * keep + one), c.outputBitsPerSecond());
        assertEquals(Math.round(100 * (1 - keep) * (1 + keep)), c.outputPacketsPerSecond());
        // a minute of silence: twelve intervals of decay, the same whenever it is read
        Counters d = new Counters();
        for (long t = 0; t < 10 * S; t += S / 100) send(d, t, 1000);
        d.roll(30 * S);
        d.roll(70 * S);
        c.roll(70 * S);
        assertEquals(c.outputBitsPerSecond(), d.outputBitsPerSecond());
        assertEquals(Math.round((one * keep + one) * Math.pow(keep, 12)), c.outputBitsPerSecond());
    }

    @Test
    void clearedCountersStartTheRatesAfresh() {
        Counters c = new Counters();
        send(c, 0, 1000);
        c.clear(3 * S);
        c.roll(20 * S);
        assertEquals(0, c.outputBitsPerSecond());
    }
    /** The rates as they were computed with one branch per 5 s interval, before the fold became straight-line code. */
    private static final class Reference {
        static final double KEEP = Math.exp(-5 / 300.0);
        double outBits, outPkts;
        long tickAt, rBytes, rPkts, bytes, pkts;

        void roll(long now) {
            if (now - tickAt < 5 * S) return;
            long n = (now - tickAt) / (5 * S);
            outBits = outBits * KEEP + (bytes - rBytes) * 8 / 5.0 * (1 - KEEP);
            outPkts = outPkts * KEEP + (pkts - rPkts) / 5.0 * (1 - KEEP);
            if (n > 1) {
                double k = Math.pow(KEEP, n - 1);
                outBits *= k;
                outPkts *= k;
            }
            tickAt += n * 5 * S;
            rBytes = bytes;
            rPkts = pkts;
        }
    }

    @Test
    void ratesAreTheSameWhateverTheTrafficAndReadPattern() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(14);
        for (int run = 0; run < 200; run++) {
            Counters c = new Counters();
            Reference ref = new Reference();
            long t = r.nextLong(20 * S);
            for (int i = 0; i < 2_000; i++) {
                // bursts, gaps of microseconds to minutes, reads in between: every boundary case of the 1 ms look-ahead
                t += switch (r.nextInt(4)) {
                    case 0 -> r.nextLong(2_000);
                    case 1 -> r.nextLong(2_000_000);
                    case 2 -> r.nextLong(6 * S);
                    default -> r.nextInt(50) == 0 ? r.nextLong(400 * S) : 5 * S - 1_000_000 + r.nextLong(2_000_001);
                };
                int bytes = 64 + r.nextInt(1_500);
                send(c, t, bytes);
                ref.roll(t);
                ref.pkts++;
                ref.bytes += bytes;
                if (r.nextInt(8) == 0) {
                    long read = t + r.nextLong(S);
                    c.roll(read);
                    ref.roll(read);
                    assertEquals(Math.round(ref.outBits), c.outputBitsPerSecond(), "run " + run + " step " + i);
                    assertEquals(Math.round(ref.outPkts), c.outputPacketsPerSecond(), "run " + run + " step " + i);
                    t = read;
                }
            }
            c.roll(t + 7 * S);
            ref.roll(t + 7 * S);
            assertEquals(Double.doubleToLongBits(ref.outBits), Double.doubleToLongBits(bits(c)), "run " + run);
        }
    }

    /** The unrounded output rate, to compare bit for bit. */
    private static double bits(Counters c) {
        try {
            java.lang.reflect.Field f = Counters.class.getDeclaredField("outBits");
            f.setAccessible(true);
            return f.getDouble(c);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
