package dev.routerlab.telnet;

import java.io.ByteArrayOutputStream;

/**
 * The Telnet protocol (RFC 854) as far as a vty and IOS's client need it: IAC commands stripped
 * from the data, option negotiation answered without loops (a reply only when an option's state
 * changes, RFC 854 "Discussion" and RFC 1143's spirit), ECHO (RFC 857) and SUPPRESS-GO-AHEAD
 * (RFC 858) agreed, every other option refused. A server offers WILL ECHO and WILL SGA and echoes
 * unless the client says DONT ECHO; a client (line mode, echoing itself) answers WILL ECHO with
 * DONT ECHO. Pure: bytes in, data and replies out.
 */
public final class TelnetCodec {
    public static final int IAC = 255, DONT = 254, DO = 253, WONT = 252, WILL = 251, SB = 250, SE = 240;
    public static final int ECHO = 1, SGA = 3;
    /** Bytes of one subnegotiation kept at most (they are ignored). */
    private static final int MAX_SB = 256;

    private final boolean server;
    /** Options we do (WILL agreed) and the peer does, by code (0-255). */
    private final boolean[] local = new boolean[256], remote = new boolean[256];
    private int state;      // 0 data, 1 IAC, 2 option verb, 3 SB, 4 SB IAC
    private int verb, sbLength;
    private boolean cr;

    public TelnetCodec(boolean server) { this.server = server; }

    /** What the server sends first: WILL ECHO, WILL SGA (then it echoes), or nothing for a client. */
    public byte[] greeting() {
        if (!server) return new byte[0];
        local[ECHO] = true;
        local[SGA] = true;
        return new byte[] {(byte) IAC, (byte) WILL, ECHO, (byte) IAC, (byte) WILL, SGA};
    }

    /** The server echoes what is typed (the client did not refuse ECHO). */
    public boolean echoing() { return local[ECHO]; }

    /** Data bytes of in (commands removed; CR NUL and CR LF as one CR LF or CR), negotiation replies into replies. */
    public byte[] decode(byte[] in, ByteArrayOutputStream replies) {
        ByteArrayOutputStream data = new ByteArrayOutputStream(in.length);
        for (byte x : in) {
            int b = x & 0xff;
            switch (state) {
                case 0 -> {
                    if (b == IAC) state = 1;
                    else if (cr && b == 0) cr = false;       // CR NUL is a bare CR (RFC 854)
                    else {
                        data.write(b);
                        cr = b == '\r';
                    }
                }
                case 1 -> {
                    if (b == IAC) {
                        data.write(IAC);                    // an escaped 255
                        state = 0;
                    } else if (b >= WILL && b <= DONT) {
                        verb = b;
                        state = 2;
                    } else if (b == SB) {
                        sbLength = 0;
                        state = 3;
                    } else {
                        state = 0;                          // NOP, GA, AYT, ... ignored
                    }
                }
                case 2 -> {
                    negotiate(verb, b, replies);
                    state = 0;
                }
                case 3 -> {
                    if (b == IAC) state = 4;
                    else if (++sbLength > MAX_SB) state = 0;
                }
                default -> state = b == SE ? 0 : 3;
            }
        }
        return data.toByteArray();
    }

    private void negotiate(int verb, int option, ByteArrayOutputStream replies) {
        boolean agreeable = option == SGA || option == ECHO && server;   // what we do ourselves
        boolean remoteAgreeable = option == SGA;                           // what we let the peer do
        switch (verb) {
            case DO -> {
                if (!local[option] && agreeable) reply(replies, WILL, option, local, true);
                else if (!agreeable) reply(replies, WONT, option, null, false);
            }
            case DONT -> { if (local[option]) reply(replies, WONT, option, local, false); }
            case WILL -> {
                if (!remote[option] && remoteAgreeable) reply(replies, DO, option, remote, true);
                else if (!remoteAgreeable) reply(replies, DONT, option, null, false);
            }
            default -> { if (remote[option]) reply(replies, DONT, option, remote, false); }   // WONT
        }
    }

    private static void reply(ByteArrayOutputStream out, int verb, int option, boolean[] table, boolean on) {
        if (table != null) table[option] = on;
        out.write(IAC);
        out.write(verb);
        out.write(option);
    }

    /** Data for the wire: IAC doubled (RFC 854). */
    public static byte[] encode(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 8);
        for (byte b : data) {
            out.write(b);
            if ((b & 0xff) == IAC) out.write(IAC);
        }
        return out.toByteArray();
    }
}
