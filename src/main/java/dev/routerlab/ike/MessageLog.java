package dev.routerlab.ike;

import dev.routerlab.sim.Scheduler;
import java.util.Arrays;

/**
 * The last message sent and received in one exchange (phase 1, or one quick mode): whoever
 * awaits an answer retransmits on a timer, and a retransmitted request is answered from cache
 * (RFC 2408 §5: the responder resends its last reply rather than processing the request again).
 */
final class MessageLog {
    private final IkeEngine engine;
    private final java.util.function.IntConsumer retransmitting;
    private final Runnable giveUp;
    private Datagram lastSent;
    private boolean lastSentIsReply;
    private byte[] lastReceived;
    private Scheduler.Timer timer;
    private int attempts;
    private int answered;

    /** @param retransmitting told the attempt number before each retransmission (its debug lines) */
    MessageLog(IkeEngine engine, java.util.function.IntConsumer retransmitting, Runnable giveUp) {
        this.engine = engine;
        this.retransmitting = retransmitting;
        this.giveUp = giveUp;
    }

    /** True when {@code m} repeats the last message we accepted. */
    boolean isDuplicate(byte[] m) {
        return lastReceived != null && Arrays.equals(lastReceived, m);
    }

    /**
     * Records an accepted message: the answer we were waiting for, so retransmission stops.
     * Until we send a reply to it, a duplicate of it gets nothing (answering it with our
     * previous message would make two peers echo each other's duplicates forever).
     */
    void accepted(byte[] m) {
        lastReceived = m;
        lastSentIsReply = false;
        answered = 0;
        stop();
    }

    /**
     * Answers a duplicate with our cached reply to it, if we sent one; at most a few times, so
     * that a replayed message cannot make us an amplifier.
     */
    void answerDuplicate() {
        engine.counters.duplicates++;
        if (lastSent != null && lastSentIsReply && answered++ <= engine.config().timers().retransmitLimit()) {
            engine.transmit(lastSent);
        }
    }

    /**
     * Sends a message of this exchange.
     *
     * @param reply       it answers the last message received (so a duplicate of that gets it again)
     * @param awaitAnswer retransmit it until an answer is accepted
     */
    void send(Datagram d, boolean reply, boolean awaitAnswer) {
        stop();
        lastSent = d;
        lastSentIsReply = reply;
        engine.transmit(d);
        if (awaitAnswer) {
            attempts = 0;
            arm();
        }
    }

    private void arm() {
        Timers t = engine.config().timers();
        timer = engine.scheduler.schedule(t.retransmitNanos(), () -> {
            timer = null;
            if (attempts >= t.retransmitLimit()) {
                giveUp.run();
                return;
            }
            attempts++;
            engine.counters.retransmissions++;
            retransmitting.accept(attempts);
            engine.transmit(lastSent);
            arm();
        });
    }

    boolean waiting() { return timer != null; }

    void stop() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }
}
