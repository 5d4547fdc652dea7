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
}
