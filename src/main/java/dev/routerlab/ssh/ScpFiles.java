package dev.routerlab.ssh;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystem;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.Callable;
import dev.routerlab.device.Flash;
import dev.routerlab.device.Router;
import dev.routerlab.device.cli.IosFiles;
import dev.routerlab.device.cli.Shell;
import dev.routerlab.text.Printable;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.scp.common.ScpFileOpener;
import org.apache.sshd.scp.common.ScpSourceStreamResolver;
import org.apache.sshd.scp.common.ScpTargetStreamResolver;
import org.apache.sshd.scp.common.helpers.ScpAckInfo;
import org.apache.sshd.scp.common.helpers.ScpTimestampCommandDetails;
import org.apache.sshd.scp.server.ScpCommand;
import org.apache.sshd.scp.server.ScpCommandFactory;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.command.CommandFactory;

/**
 * SCP on a router's SSH server (`ip scp server enable`), over MINA's sshd-scp with the router's
 * files instead of a file system: `scp -t`/`scp -f` of flash0: files (`flash:/NAME`,
 * `flash0:NAME`), `running-config` (sent: rendered; received: merged) and `startup-config`.
 * As on IOS, the user must have privilege 15 (what `aaa authorization exec default local` gives a
 * `privilege 15` user). Paths reach MINA as `/URL`, a name only this opener interprets; every
 * read and write runs on the router's loop.
 */
final class ScpFiles implements ScpFileOpener {
    /** How long a transfer waits for the router's loop. */
    private static final long LOOP_TIMEOUT_SECONDS = 30;

    private final Router router;

    private ScpFiles(Router router) {
        this.router = router;
    }

    /** The command factory: `scp ...` commands to SCP, anything else to the vty exec delegate. */
    static CommandFactory factory(SshService ssh, CommandFactory delegate) {
        Factory f = new Factory();
        f.setScpFileOpener(new ScpFiles(ssh.router()));
        f.setDelegateCommandFactory(delegate);
        return f;
    }

    // ---- the router's side, on its loop

    private <T> T onLoop(Callable<T> task) throws IOException {
        CompletableFuture<T> done = new CompletableFuture<>();
        router.scheduler().execute(() -> {
            try {
                done.complete(task.call());
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        try {
            return done.get(LOOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw io;
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (TimeoutException e) {
            throw new IOException("router busy");
        }
    }

    /** Why this session may not copy files, or null when it may. */
    private String refusal(Session s) throws IOException {
        SshService.Login login = s.getAttribute(SshService.LOGIN);
        boolean enabled = onLoop(() -> router.config().ssh.scpServer);
        if (!enabled) return "SCP server is not enabled (ip scp server enable)";
        if (login == null || login.privilege() < 15) return "Privilege level 15 is required";
        return null;
    }

    private static IosFiles.Url url(Path p) throws IOException {
        String text = p.toString();
        IosFiles.Url u = IosFiles.parse(text.startsWith("/") ? text.substring(1) : text);
        if (u == null) throw new NoSuchFileException(Printable.printable(text) + ": No such file or directory");
        return u;
    }

    private byte[] read(Path p) throws IOException {
        IosFiles.Url u = url(p);
        byte[] b = u.isDirectory() ? null : onLoop(() -> IosFiles.read(Shell.of(router), u));
        if (b == null) throw new NoSuchFileException(u.display() + ": No such file or directory");
        return b;
    }

    /** Where a received file named name goes: into the directory p names, or p itself. */
    private static IosFiles.Url target(Path p, String name) throws IOException {
        IosFiles.Url u = url(p);
        if (!u.isDirectory()) return u;
        IosFiles.Url f = IosFiles.parse("flash0:" + name);
        if (f == null || u.kind() != IosFiles.Kind.FLASH) throw new IOException(Printable.printable(name) + ": Invalid argument");
        return f;
    }

    private void write(IosFiles.Url u, byte[] data) throws IOException {
        onLoop(() -> IosFiles.write(Shell.of(router), u, data));
    }

    private long free(IosFiles.Url u) throws IOException {
        if (u.kind() != IosFiles.Kind.FLASH) return dev.routerlab.device.Nvram.SIZE;
        return onLoop(() -> router.nvram().flash().room());
    }

    // ---- ScpFileOpener: paths are names, never files of this machine

    @Override
    public Path resolveLocalPath(Session session, FileSystem fileSystem, String commandPath) throws IOException {
        return Path.of("/" + commandPath);
    }

    @Override
    public Path resolveIncomingReceiveLocation(Session session, Path path, boolean recursive, boolean shouldBeDir,
                                               boolean preserve) throws IOException {
        if (recursive) throw new IOException("flash0: has no directories");
        if (shouldBeDir && !url(path).isDirectory()) throw new IOException(path.toString().substring(1) + ": Not a directory");
        return path;
    }

    @Override
    public Path resolveIncomingFilePath(Session session, Path localPath, String name, boolean preserve,
                                        Set<PosixFilePermission> permissions, ScpTimestampCommandDetails time)
            throws IOException {
        throw new IOException("flash0: has no directories");
    }

    @Override
    public Path resolveOutgoingFilePath(Session session, Path localPath, LinkOption... options) throws IOException {
        read(localPath);
        return localPath;
    }

    @Override
    public Iterable<Path> getMatchingFilesToSend(Session session, Path basedir, String pattern) throws IOException {
        throw new IOException("Wildcards are not supported");
    }

    @Override
    public boolean sendAsRegularFile(Session session, Path path, LinkOption... options) throws IOException {
        return !url(path).isDirectory();
    }

    @Override
    public boolean sendAsDirectory(Session session, Path path, LinkOption... options) {
        return false;
    }

    @Override
    public InputStream openRead(Session session, Path file, long size, Set<PosixFilePermission> permissions,
                                OpenOption... options) throws IOException {
        return new ByteArrayInputStream(read(file));
    }

    @Override
    public OutputStream openWrite(Session session, Path file, long size, Set<PosixFilePermission> permissions,
                                  OpenOption... options) throws IOException {
        throw new IOException("written through the target resolver");
    }

    @Override
    public ScpSourceStreamResolver createScpSourceStreamResolver(Session session, Path path) throws IOException {
        byte[] data = read(path);
        // the last part of the path as requested: what the client checks the name against
        String requested = path.toString();
        String name = requested.substring(requested.lastIndexOf('/') + 1);
        long now = System.currentTimeMillis();
        return new ScpSourceStreamResolver() {
            @Override public String getFileName() { return name; }
            @Override public Path getEventListenerFilePath() { return path; }
            @Override public Collection<PosixFilePermission> getPermissions() {
                return EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                    PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
            }
            @Override public ScpTimestampCommandDetails getTimestamp() { return new ScpTimestampCommandDetails(now, now); }
            @Override public long getSize() { return data.length; }
            @Override public InputStream resolveSourceStream(Session s, long length, Set<PosixFilePermission> perms,
                                                             OpenOption... options) {
                return new ByteArrayInputStream(data);
            }
        };
    }

    @Override
    public ScpTargetStreamResolver createScpTargetStreamResolver(Session session, Path path) {
        return new ScpTargetStreamResolver() {
            private IosFiles.Url target;

            @Override
            public OutputStream resolveTargetStream(Session s, String name, long length, Set<PosixFilePermission> perms,
                                                    OpenOption... options) throws IOException {
                target = target(path, name);
                if (length < 0 || length > free(target)) throw new Flash.NoSpaceException();
                return new ByteArrayOutputStream((int) Math.min(length, 1 << 20)) {
                    @Override public synchronized void write(byte[] b, int off, int len) {
                        if (count + len > length) throw new IllegalStateException("more bytes than announced");
                        super.write(b, off, len);
                    }
                };
            }

            @Override
            public void closeTargetStream(Session s, String name, long length, Set<PosixFilePermission> perms,
                                          OutputStream stream) throws IOException {
                write(target, ((ByteArrayOutputStream) stream).toByteArray());
            }

            @Override public Path getEventListenerFilePath() { return path; }

            @Override
            public void postProcessReceivedData(String name, boolean preserve, Set<PosixFilePermission> perms,
                                                ScpTimestampCommandDetails time) {
                // flash0: keeps no permissions or times of the sender's
            }
        };
    }

    // ---- the command: refused unless SCP is on and the user may use it

    /** MINA's SCP command, checked against the running-config and the login before it runs. */
    private final class RouterScpCommand extends ScpCommand {
        RouterScpCommand(ChannelSession channel, String command, org.apache.sshd.common.util.threads.CloseableExecutorService executor,
                         int sendSize, int receiveSize) {
            super(channel, command, executor, sendSize, receiveSize, ScpFiles.this, null);
        }

        @Override
        public void run() {
            String why;
            try {
                why = refusal(getServerSession());
            } catch (IOException e) {
                why = e.getMessage();
            }
            if (why == null) {
                super.run();
                return;
            }
            try {
                writeCommandResponseMessage(getCommand(), ScpAckInfo.ERROR, why);
            } catch (IOException ignored) {
                // the client left
            }
            if (getExitCallback() != null) getExitCallback().onExit(1, why);
        }
    }

    /** Creates {@link RouterScpCommand}s. */
    static final class Factory extends ScpCommandFactory {
        @Override
        protected Command executeSupportedCommand(ChannelSession channel, String command) {
            return ((ScpFiles) getScpFileOpener()).new RouterScpCommand(channel, command, resolveExecutorService(command),
                getSendBufferSize(), getReceiveBufferSize());
        }
    }
}
