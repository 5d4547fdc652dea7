package dev.routerlab.ike;

/**
 * Retransmission and rekey timing. IOS retransmits a phase-1 or phase-2 message every 10 s
 * (with "incrementing error counter on sa, attempt N of 5") and gives up after 5 retransmissions
 * ("Death by retransmission P1").
 *
 * @param retransmitNanos   interval between retransmissions
 * @param retransmitLimit   retransmissions before the exchange is abandoned
 * @param rekeyFraction     an SA is renegotiated by its initiator at this fraction of its lifetime
 * @param lingerNanos       how long a deleted ISAKMP SA stays visible ("ACTIVE (deleted)")
 */
public record Timers(long retransmitNanos, int retransmitLimit, double rekeyFraction, long lingerNanos) {
    public static final Timers IOS = new Timers(10_000_000_000L, 5, 0.9, 30_000_000_000L);

    public Timers {
        if (retransmitNanos <= 0 || retransmitLimit < 0 || rekeyFraction <= 0 || rekeyFraction >= 1 || lingerNanos < 0) {
            throw new IllegalArgumentException("timers");
        }
    }
}
