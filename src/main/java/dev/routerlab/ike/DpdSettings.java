package dev.routerlab.ike;

/**
 * {@code crypto isakmp keepalive S [R] [periodic|on-demand]} (RFC 3706): R-U-THERE after S
 * seconds (always when periodic; when on-demand only if traffic is to be sent and nothing came
 * from the peer for S seconds), retried every R seconds; after {@link #MAX_RETRIES}
 * unanswered retries the peer is dead.
 */
public record DpdSettings(int seconds, int retrySeconds, boolean periodic) {
    public static final int MAX_RETRIES = 5;

    public DpdSettings {
        if (seconds <= 0 || retrySeconds <= 0) throw new IllegalArgumentException("keepalive");
    }
}
