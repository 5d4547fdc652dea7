package dev.routerlab.tcp;

import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.Tcp;
import dev.routerlab.sim.Scheduler;

/**
 * One connection's Transmission Control Block and its state machine (RFC 9293 section 3.10):
 * sequence variables, a bounded send buffer (unacknowledged and unsent data), the receive window,
 * retransmission on the RFC 6298 timer with Karn's rule and back-off, RFC 5681 slow start and
 * congestion avoidance, RFC 5961 challenge ACKs. It knows no IP: segments go out through its
 * {@link TcpEngine}; timers run on the engine's scheduler. Scheduler thread only.
 */
public final class Tcb {
    /** Bytes the application may queue (unacknowledged + unsent). */
    public static final int SEND_BUFFER = 16 * 1024;
    /** The window the router offers (IOS's default `ip tcp window-size`). */
    public static final int RECEIVE_WINDOW = 4128;
    /** RFC 9293 section 3.7.1: the send MSS when the peer sends no option. */
    public static final int DEFAULT_MSS = 536;
    /** RFC 6298 section 2: initial RTO 1 s, at least 1 s, at most 60 s (2.4, 2.5). */
    static final long INITIAL_RTO = 1_000_000_000L, MIN_RTO = 1_000_000_000L, MAX_RTO = 60_000_000_000L;
    /** Clock granularity G of RFC 6298 section 2. */
    static final long GRANULARITY = 1_000_000L;
    /** Retransmissions of a SYN before giving up (1+2+4+8+16 s: IOS's 30 s telnet wait) and of data. */
    static final int SYN_RETRIES = 4, DATA_RETRIES = 8;
    /** 2 MSL in TIME-WAIT (RFC 9293 section 3.4.2; MSL 30 s as IOS and Linux use). */
    static final long TIME_WAIT_NANOS = 60_000_000_000L;

    private final TcpEngine engine;
    final int localAddress, localPort, remoteAddress, remotePort;
    /** The listener that made it (passive open), or null. */
    final TcpEngine.Listener listener;
    private final int id;
    private TcpState state;
    private TcpHandler handler;
    private boolean notifiedClosed;
    /** It reached ESTABLISHED (a passive open then no longer counts as half-open). */
    boolean wasEstablished;

    // send sequence variables (RFC 9293 section 3.3.1)
    private final int iss;
    private int sndUna, sndNxt, sndWnd, sndWl1, sndWl2;
    // receive sequence variables
    private int irs, rcvNxt;
    /** Send MSS: the smaller of the peer's option and ours. */
    private int mss = DEFAULT_MSS;
    private final int ourMss;

    /** Data from {@link #dataStart} on: unacknowledged, then unsent. */
    private final byte[] sendBuf = new byte[SEND_BUFFER];
    private int sendLen;
    /** Sequence number of sendBuf[0] (the byte after the SYN once it is acknowledged). */
    private int dataStart;
    private boolean finQueued, finSent, wantWritable;

    // RFC 5681
    private int cwnd, ssthresh = 65535;
    // RFC 6298
    private long srtt, rttvar, rto = INITIAL_RTO;
    private boolean timing;
    private int timedSeq;
    private long timedAt;
    private int retries;
    private Scheduler.Timer rtxTimer, timeWaitTimer;

    // counters (`show tcp`)
    long segmentsIn, segmentsOut, bytesIn, bytesOut, retransmitted;
    private final long created;

    Tcb(TcpEngine engine, int id, int localAddress, int localPort, int remoteAddress, int remotePort,
        int iss, int ourMss, TcpEngine.Listener listener, TcpHandler handler) {
        this.engine = engine;
        this.id = id;
        this.localAddress = localAddress;
        this.localPort = localPort;
        this.remoteAddress = remoteAddress;
        this.remotePort = remotePort;
        this.iss = iss;
        this.ourMss = ourMss;
        this.listener = listener;
        this.handler = handler;
        this.sndUna = iss;
        this.sndNxt = iss;
        this.dataStart = iss + 1;
        this.created = engine.scheduler().nanos();
        this.state = TcpState.CLOSED;
    }

    // ---------------------------------------------------------------- the application's side

    public TcpState state() { return state; }

    public int localAddress() { return localAddress; }

    public int localPort() { return localPort; }

    public int remoteAddress() { return remoteAddress; }

    public int remotePort() { return remotePort; }

    /** The address IOS prints for the TCB (`show tcp brief`'s first column). */
    public int id() { return id; }

    /** The application's handler (set by the acceptor of a passive open). */
    public void handler(TcpHandler h) { this.handler = h; }

    /** Segments and bytes each way and retransmissions (`show tcp`). */
    public long segmentsIn() { return segmentsIn; }

    public long segmentsOut() { return segmentsOut; }

    public long bytesIn() { return bytesIn; }

    public long bytesOut() { return bytesOut; }

    public long retransmitted() { return retransmitted; }

    public long ageNanos() { return engine.scheduler().nanos() - created; }

    /** Bytes the send buffer can take now. */
    public int sendSpace() { return finQueued ? 0 : SEND_BUFFER - sendLen; }

    /**
     * Queues data for the peer; returns how many bytes fit in the send buffer (the rest: wait
     * for {@link TcpHandler#writable}). Nothing is taken once the connection is closing.
     */
    public int write(byte[] data, int off, int len) {
        if (finQueued || state == TcpState.CLOSED || state == TcpState.TIME_WAIT || state == TcpState.LAST_ACK) return 0;
        int n = Math.min(len, SEND_BUFFER - sendLen);
        System.arraycopy(data, off, sendBuf, sendLen, n);
        sendLen += n;
        if (n < len) wantWritable = true;
        output();
        return n;
    }

    public int write(byte[] data) { return write(data, 0, data.length); }

    /** Closes the sending side: FIN after the queued data (RFC 9293 section 3.10.4). */
    public void close() {
        switch (state) {
            case SYN_SENT, CLOSED -> finish(TcpHandler.Reason.CLOSED);
            case SYN_RECEIVED, ESTABLISHED, CLOSE_WAIT -> {
                finQueued = true;
                output();
            }
            default -> { }
        }
    }

    /** ABORT (RFC 9293 section 3.10.5): RST to the peer in a synchronized state, the TCB deleted. */
    public void abort() {
        if (state == TcpState.CLOSED) return;
        if (state.synchronized_() && state != TcpState.TIME_WAIT || state == TcpState.SYN_RECEIVED) {
            send(sndNxt, 0, Tcp.FLAG_RST, null, 0, 0);
        }
        finish(TcpHandler.Reason.CLOSED);
    }

    /** Forgets the connection silently (reload). */
    void drop() { finish(TcpHandler.Reason.RESET); }

    @Override
    public String toString() {
        return Ipv4Address.toString(localAddress) + "." + localPort + " " + Ipv4Address.toString(remoteAddress) + "." + remotePort + " " + state.ios;
    }

    // ---------------------------------------------------------------- opening

    /** Active OPEN: SYN with our MSS (RFC 9293 section 3.10.1). */
    void open() {
        state = TcpState.SYN_SENT;
        sendSyn(false);
    }

    /** A SYN arrived on a listener (RFC 9293 section 3.10.7.2, third check): SYN-RECEIVED, SYN,ACK out. */
    void accept(int seq, int window, int peerMss) {
        peerSyn(seq, window, iss, peerMss);
        state = TcpState.SYN_RECEIVED;
        sendSyn(true);
    }

    /** The peer's SYN: its sequence space and window (RFC 9293 section 3.10.7.2-3). */
    private void peerSyn(int seq, int window, int wl2, int mss) {
        irs = seq;
        rcvNxt = seq + 1;
        sndWnd = window;
        sndWl1 = seq;
        sndWl2 = wl2;
        peerMss(mss);
    }

    private void sendSyn(boolean ack) {
        sndNxt = iss + 1;
        startTiming(iss);
        send(iss, ack ? rcvNxt : 0, Tcp.FLAG_SYN | (ack ? Tcp.FLAG_ACK : 0), null, 0, 0);
        armRetransmit();
    }

    private void peerMss(int peer) {
        mss = Math.max(64, Math.min(ourMss, peer > 0 ? peer : DEFAULT_MSS));
        // RFC 5681 section 3.1 (RFC 3390): IW = min(4*SMSS, max(2*SMSS, 4380))
        cwnd = Math.min(4 * mss, Math.max(2 * mss, 4380));
    }

    // ---------------------------------------------------------------- segment arrives

    /** RFC 9293 section 3.10.7.3/3.10.7.4: a segment for this connection (checked by the engine). */
    void segment(int seq, int ack, int flags, int window, int peerMss, byte[] b, int dataOff, int dataLen) {
        segmentsIn++;
        boolean syn = (flags & Tcp.FLAG_SYN) != 0, fin = (flags & Tcp.FLAG_FIN) != 0;
        boolean rst = (flags & Tcp.FLAG_RST) != 0, hasAck = (flags & Tcp.FLAG_ACK) != 0;
        if (state == TcpState.SYN_SENT) {
            synSent(seq, ack, flags, window, peerMss);
            return;
        }
        int segLen = dataLen + (syn ? 1 : 0) + (fin ? 1 : 0);
        // first: sequence number acceptable? (the four cases of section 3.10.7.4)
        int wnd = RECEIVE_WINDOW;
        boolean acceptable = segLen == 0
            ? (wnd == 0 ? seq == rcvNxt : le(rcvNxt, seq) && lt(seq, rcvNxt + wnd))
            : wnd > 0 && (le(rcvNxt, seq) && lt(seq, rcvNxt + wnd) || le(rcvNxt, seq + segLen - 1) && lt(seq + segLen - 1, rcvNxt + wnd));
        if (!acceptable) {
            engine.stats().duplicates++;
            if (!rst) sendAck();
            return;
        }
        // trim what was already received at the front (a retransmission overlapping new data)
        if (lt(seq, rcvNxt)) {
            int skip = rcvNxt - seq;
            if (syn) { syn = false; skip--; seq++; }
            int d = Math.min(skip, dataLen);
            dataOff += d;
            dataLen -= d;
            seq += d;
        }
        if (dataLen > wnd - (seq - rcvNxt)) {   // and what lies past the window
            dataLen = Math.max(0, wnd - (seq - rcvNxt));
            fin = false;
        }
        // second: RST (RFC 5961 section 3.2: only an exact match resets; in-window, a challenge ACK)
        if (rst) {
            if (seq != rcvNxt) {
                sendAck();
                return;
            }
            engine.stats().resetsReceived++;
            finish(state == TcpState.SYN_RECEIVED && listener != null ? TcpHandler.Reason.REFUSED : TcpHandler.Reason.RESET);
            return;
        }
        // fourth: SYN in a synchronized state (RFC 5961 section 4.2: challenge ACK)
        if (syn) {
            sendAck();
            return;
        }
        // fifth: ACK
        if (!hasAck) return;
        if (state == TcpState.SYN_RECEIVED) {
            if (!(lt(sndUna, ack) && le(ack, sndNxt))) {
                send(ack, 0, Tcp.FLAG_RST, null, 0, 0);
                return;
            }
            established();
            if (state == TcpState.CLOSED) return;
        }
        if (lt(sndNxt, ack)) {            // acknowledges something not yet sent
            sendAck();
            return;
        }
        if (lt(sndUna, ack)) acknowledged(ack);
        else if (sndWnd == 0) retries = 0;   // a zero-window probe answered: the peer is alive
        // window update (SND.WL1/WL2 rule)
        if (le(sndUna, ack) && (lt(sndWl1, seq) || sndWl1 == seq && le(sndWl2, ack))) {
            sndWnd = window;
            sndWl1 = seq;
            sndWl2 = ack;
        }
        boolean finAcked = finSent && sndUna == sndNxt;
        switch (state) {
            case FIN_WAIT_1 -> { if (finAcked) state = TcpState.FIN_WAIT_2; }
            case CLOSING -> { if (finAcked) timeWait(); }
            case LAST_ACK -> {
                if (finAcked) {
                    finish(TcpHandler.Reason.CLOSED);
                    return;
                }
            }
            case TIME_WAIT -> {
                if (fin) {
                    sendAck();
                    timeWait();
                }
                return;
            }
            default -> { }
        }
        // seventh: segment text
        if (dataLen > 0 && (state == TcpState.ESTABLISHED || state == TcpState.FIN_WAIT_1 || state == TcpState.FIN_WAIT_2)) {
            if (seq != rcvNxt) {          // out of order: dropped (no reassembly queue); the ACK says what is missing
                engine.stats().outOfOrder++;
                sendAck();
                return;
            }
            rcvNxt += dataLen;
            bytesIn += dataLen;
            engine.stats().inSequenceSegments++;
            engine.stats().inSequenceBytes += dataLen;
            byte[] data = java.util.Arrays.copyOfRange(b, dataOff, dataOff + dataLen);
            if (!fin) sendAck();
            if (handler != null) handler.received(this, data);
            if (state == TcpState.CLOSED) return;
        }
        // eighth: FIN (only in order)
        if (fin && seq + dataLen == rcvNxt) {
            rcvNxt += 1;
            sendAck();
            switch (state) {
                case SYN_RECEIVED, ESTABLISHED -> {
                    state = TcpState.CLOSE_WAIT;
                    if (handler != null) handler.remoteClosed(this);
                }
                case FIN_WAIT_1 -> {
                    if (finSent && sndUna == sndNxt) timeWait();
                    else state = TcpState.CLOSING;
                }
                case FIN_WAIT_2 -> timeWait();
                default -> { }
            }
        }
        output();
    }

    /** SYN-SENT (RFC 9293 section 3.10.7.3). */
    private void synSent(int seq, int ack, int flags, int window, int peerMss) {
        boolean hasAck = (flags & Tcp.FLAG_ACK) != 0;
        if (hasAck && (le(ack, iss) || lt(sndNxt, ack))) {
            if ((flags & Tcp.FLAG_RST) == 0) send(ack, 0, Tcp.FLAG_RST, null, 0, 0);
            return;
        }
        if ((flags & Tcp.FLAG_RST) != 0) {
            if (hasAck) {
                engine.stats().resetsReceived++;
                finish(TcpHandler.Reason.REFUSED);
            }
            return;
        }
        if ((flags & Tcp.FLAG_SYN) == 0) return;
        peerSyn(seq, window, ack, peerMss);
        if (hasAck) {
            sndUna = ack;
            rttSample(ack);
            established();
            if (state != TcpState.CLOSED) {
                sendAck();
                output();
            }
        } else {                          // simultaneous open
            state = TcpState.SYN_RECEIVED;
            send(iss, rcvNxt, Tcp.FLAG_SYN | Tcp.FLAG_ACK, null, 0, 0);
        }
    }

    private void established() {
        state = TcpState.ESTABLISHED;
        retries = 0;
        cancelRetransmit();
        engine.established(this);
        if (state == TcpState.CLOSED) return;
        if (handler != null) handler.connected(this);
    }

    /** New data acknowledged: the buffer shrinks, RTT sampled, the timer restarted or stopped (RFC 6298 5.2, 5.3). */
    private void acknowledged(int ack) {
        rttSample(ack);
        int acked = ack - sndUna;
        sndUna = ack;
        int data = Math.min(Math.max(0, ack - dataStart), sendLen);
        if (data > 0) {
            System.arraycopy(sendBuf, data, sendBuf, 0, sendLen - data);
            sendLen -= data;
            dataStart += data;
        }
        // RFC 5681 section 3.1: slow start, then congestion avoidance
        if (cwnd < ssthresh) cwnd += Math.min(acked, mss);
        else cwnd += Math.max(1, mss * mss / Math.max(1, cwnd));
        cwnd = Math.min(cwnd, 1 << 20);
        retries = 0;
        cancelRetransmit();
        if (sndUna != sndNxt) armRetransmit();
        if (wantWritable && !finQueued && sendLen < SEND_BUFFER) {
            wantWritable = false;
            if (handler != null) handler.writable(this);
        }
    }

    // ---------------------------------------------------------------- sending

    /** Sends what the windows allow, then the FIN once the buffer is empty (RFC 9293 section 3.8.6.2.1). */
    private void output() {
        if (!state.synchronized_()) return;   // data waits for the handshake
        while (true) {
            int offset = sndNxt - dataStart - (finSent ? 1 : 0);
            int unsent = finSent ? 0 : sendLen - offset;
            int usable = Math.min(sndWnd, cwnd) - (sndNxt - sndUna);
            int n = Math.min(unsent, Math.min(mss, usable));
            if (n > 0) {
                int flags = Tcp.FLAG_ACK | (n == unsent ? Tcp.FLAG_PSH : 0);
                if (!timing) startTiming(sndNxt);
                send(sndNxt, rcvNxt, flags, sendBuf, offset, n);
                sndNxt += n;
                bytesOut += n;
                armRetransmit();
                continue;
            }
            if (unsent == 0 && finQueued && !finSent && (state == TcpState.ESTABLISHED || state == TcpState.CLOSE_WAIT)) {
                finSent = true;
                send(sndNxt, rcvNxt, Tcp.FLAG_FIN | Tcp.FLAG_ACK, null, 0, 0);
                sndNxt += 1;
                state = state == TcpState.ESTABLISHED ? TcpState.FIN_WAIT_1 : TcpState.LAST_ACK;
                armRetransmit();
            } else if (unsent > 0 && sndWnd == 0 && sndNxt == sndUna) {
                armRetransmit();          // zero window: the timer probes it
            }
            return;
        }
    }

    private void sendAck() { send(sndNxt, rcvNxt, Tcp.FLAG_ACK, null, 0, 0); }

    private void send(int seq, int ack, int flags, byte[] data, int off, int len) {
        segmentsOut++;
        boolean syn = (flags & Tcp.FLAG_SYN) != 0;
        engine.transmit(this, seq, ack, flags, (flags & Tcp.FLAG_RST) != 0 ? 0 : RECEIVE_WINDOW, syn ? ourMss : 0, data, off, len);
    }

    // ---------------------------------------------------------------- timers (RFC 6298)

    private void startTiming(int seq) {
        timing = true;
        timedSeq = seq;
        timedAt = engine.scheduler().nanos();
    }

    /** Karn's rule: only segments sent once are timed (timing stops at a retransmission). */
    private void rttSample(int ack) {
        if (!timing || !lt(timedSeq, ack)) return;
        timing = false;
        long r = Math.max(1, engine.scheduler().nanos() - timedAt);
        if (srtt == 0) {                  // 2.2
            srtt = r;
            rttvar = r / 2;
        } else {                          // 2.3
            rttvar = (3 * rttvar + Math.abs(srtt - r)) / 4;
            srtt = (7 * srtt + r) / 8;
        }
        rto = Math.min(MAX_RTO, Math.max(MIN_RTO, srtt + Math.max(GRANULARITY, 4 * rttvar)));
    }

    private void armRetransmit() {
        if (rtxTimer == null) rtxTimer = engine.timers().schedule(rto, this::retransmit);
    }

    private void cancelRetransmit() {
        if (rtxTimer != null) rtxTimer.cancel();
        rtxTimer = null;
    }

    /** RFC 6298 section 5.4-5.6: the earliest unacknowledged segment again, RTO doubled. */
    private void retransmit() {
        rtxTimer = null;
        if (state == TcpState.CLOSED || state == TcpState.TIME_WAIT) return;
        boolean handshake = state == TcpState.SYN_SENT || state == TcpState.SYN_RECEIVED;
        if (++retries > (handshake ? SYN_RETRIES : DATA_RETRIES)) {
            engine.stats().timeouts++;
            if (state.synchronized_()) send(sndNxt, 0, Tcp.FLAG_RST, null, 0, 0);
            finish(TcpHandler.Reason.TIMED_OUT);
            return;
        }
        timing = false;
        rto = Math.min(MAX_RTO, rto * 2);
        retransmitted++;
        engine.stats().retransmitted++;
        if (handshake) {
            send(iss, state == TcpState.SYN_RECEIVED ? rcvNxt : 0,
                Tcp.FLAG_SYN | (state == TcpState.SYN_RECEIVED ? Tcp.FLAG_ACK : 0), null, 0, 0);
            armRetransmit();
            return;
        }
        // RFC 5681 section 3.1 (4): after a timeout, one segment at a time again
        ssthresh = Math.max((sndNxt - sndUna) / 2, 2 * mss);
        cwnd = mss;
        int offset = sndUna - dataStart;
        int inFlightData = Math.min(sendLen, sndNxt - dataStart - (finSent ? 1 : 0)) - offset;
        if (inFlightData > 0) {
            int n = Math.min(mss, inFlightData);
            send(sndUna, rcvNxt, Tcp.FLAG_ACK | Tcp.FLAG_PSH, sendBuf, offset, n);
        } else if (finSent && sndUna != sndNxt) {
            send(sndNxt - 1, rcvNxt, Tcp.FLAG_FIN | Tcp.FLAG_ACK, null, 0, 0);
        } else if (sendLen > offset && sndWnd == 0) {     // zero-window probe (RFC 9293 section 3.8.6.1)
            engine.stats().windowProbes++;
            send(sndUna, rcvNxt, Tcp.FLAG_ACK, sendBuf, offset, 1);
            if (sndNxt == sndUna) {
                sndNxt += 1;
                bytesOut += 1;
            }
        }
        armRetransmit();
    }

    private void timeWait() {
        state = TcpState.TIME_WAIT;
        cancelRetransmit();
        if (timeWaitTimer != null) timeWaitTimer.cancel();
        timeWaitTimer = engine.timers().schedule(TIME_WAIT_NANOS, () -> finish(TcpHandler.Reason.CLOSED));
        notifyClosed(TcpHandler.Reason.CLOSED);
    }

    /** The TCB goes (RFC 9293 "delete the TCB"): timers stopped, the engine forgets it, the application told. */
    private void finish(TcpHandler.Reason why) {
        boolean wasOpen = state != TcpState.CLOSED;
        state = TcpState.CLOSED;
        cancelRetransmit();
        if (timeWaitTimer != null) timeWaitTimer.cancel();
        timeWaitTimer = null;
        if (wasOpen) engine.remove(this);
        notifyClosed(why);
    }

    private void notifyClosed(TcpHandler.Reason why) {
        if (notifiedClosed) return;
        notifiedClosed = true;
        if (handler != null) handler.closed(this, why);
    }

    // ---------------------------------------------------------------- sequence arithmetic (mod 2^32)

    static boolean lt(int a, int b) { return a - b < 0; }

    static boolean le(int a, int b) { return a - b <= 0; }
}
