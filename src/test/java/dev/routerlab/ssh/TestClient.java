package dev.routerlab.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.core.CoreModuleProperties;

/** An SSH client for tests (MINA's own client): exec commands and interactive shells. */
final class TestClient implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(20);
    final SshClient client = SshClient.setUpDefaultClient();

    TestClient() {
        // tests talk to their own freshly keyed server on 127.0.0.1
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        CoreModuleProperties.IDLE_TIMEOUT.set(client, Duration.ZERO);
        CoreModuleProperties.TCP_NODELAY.set(client, true);
        client.start();
    }

    /** A logged-in connection; throws when the login is refused. */
    ClientSession login(int port, String user, String password) throws IOException {
        ClientSession s = client.connect(user, "127.0.0.1", port).verify(WAIT).getSession();
        s.addPasswordIdentity(password);
        try {
            s.auth().verify(WAIT);
        } catch (IOException | RuntimeException e) {
            s.close(true);
            throw e;
        }
        return s;
    }

    /** `ssh user@127.0.0.1 command`: the command's output. */
    String exec(int port, String user, String password, String command) throws IOException {
        try (ClientSession s = login(port, user, password); ChannelExec ch = s.createExecChannel(command)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ch.setOut(out);
            ch.setErr(out);
            ch.open().verify(WAIT);
            ch.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), WAIT);
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    Shell shell(int port, String user, String password) throws IOException {
        return new Shell(login(port, user, password), 80, 24);
    }

    @Override
    public void close() throws IOException {
        client.stop();
    }

    /** An interactive shell on a pty: send keys, wait for text. */
    static final class Shell implements AutoCloseable {
        final ClientSession session;
        final ChannelShell channel;
        private final OutputStream keys;
        private final StringBuilder seen = new StringBuilder();
        private int mark;

        Shell(ClientSession session, int cols, int rows) throws IOException {
            this.session = session;
            channel = session.createShellChannel();
            channel.setPtyType("vt100");
            channel.setPtyColumns(cols);
            channel.setPtyLines(rows);
            PipedInputStream in = new PipedInputStream(64 * 1024);
            keys = new PipedOutputStream(in);
            channel.setIn(in);
            OutputStream sink = new OutputStream() {
                @Override
                public void write(int b) {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    synchronized (seen) {
                        seen.append(new String(b, off, len, StandardCharsets.UTF_8));
                        seen.notifyAll();
                    }
                }
            };
            channel.setOut(sink);
            channel.setErr(sink);
            channel.open().verify(WAIT);
        }

        void send(String text) throws IOException {
            keys.write(text.getBytes(StandardCharsets.UTF_8));
            keys.flush();
        }

        /** Sends a line (CR, as a terminal's Enter key does). */
        void line(String text) throws IOException {
            send(text + "\r");
        }

        /** Waits until text matching regex appears after the last match; returns what came before it and it. */
        String expect(String regex) {
            return expect(regex, WAIT);
        }

        String expect(String regex, Duration wait) {
            Pattern p = Pattern.compile(regex);
            long end = System.nanoTime() + wait.toNanos();
            synchronized (seen) {
                while (true) {
                    Matcher m = p.matcher(seen);
                    if (m.find(mark)) {
                        String got = seen.substring(mark, m.end());
                        mark = m.end();
                        return got;
                    }
                    long left = end - System.nanoTime();
                    if (left <= 0) {
                        throw new AssertionError("no /" + regex + "/ in: " + seen.substring(mark));
                    }
                    try {
                        seen.wait(Math.max(1, left / 1_000_000));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new AssertionError(e);
                    }
                }
            }
        }

        /** Runs a command and returns its output up to the next prompt ending in # or >. */
        String cmd(String line) throws IOException {
            line(line);
            return expect("\\r\\n[\\w.-]+(\\([\\w-]+\\))?[#>]$|\\r\\n[\\w.-]+(\\([\\w-]+\\))?[#>] ?\\z");
        }

        String all() {
            synchronized (seen) {
                return seen.toString();
            }
        }

        boolean closed() { return channel.isClosed() || channel.isClosing(); }

        @Override
        public void close() throws IOException {
            channel.close(true);
            session.close(true);
        }
    }
}
