/**
 * SSH access to a router (Apache MINA SSHD), with the console's shell on every channel.
 *
 * <h2>Threads</h2>
 * A router's state is touched only on its event loop. Each SSH channel has one thread of its own
 * that edits the line (JLine, with `?`, TAB, history, Ctrl-Z, window size) and writes output;
 * every session call (a typed line, `?`, TAB) runs on the loop while that thread waits
 * ({@link dev.routerlab.ssh.LoopTerminal}). What a command prints is gathered on the loop and
 * written, through the --More-- pager, by the channel's thread afterwards, so a slow client or a
 * user reading a page never holds up the router; log lines that arrive between commands go
 * through a writer thread. Password checks (type 9 scrypt costs ~50 ms) run on two verifier
 * threads, with the configuration copied on the loop first. Nothing waits on the loop: a
 * question a command asks (`Password:` of `enable`, `[confirm]`) stays open in its session
 * ({@link dev.routerlab.cli.Session#question()}), the channel's next line answers it, and a timer
 * on the loop gives up after {@link dev.routerlab.ssh.SshService.Options#askTimeoutSeconds} (30 s,
 * IOS's own password-prompt timeout); so does the client leaving.
 *
 * <h2>Where it differs from IOS</h2>
 * <ul>
 * <li>vty lines: the model has `line vty 0 4`; the server takes up to
 *     {@link dev.routerlab.ssh.SshService.Options#vtyLines} (16) sessions on vty 0..15, all with
 *     the `line vty` settings; a session arriving when all are busy is told so and closed.</li>
 * <li>A vty is taken when a shell or exec channel opens (after login), not at TCP accept, so a
 *     flood of unauthenticated connections cannot use up the lines; those are capped separately
 *     ({@link dev.routerlab.ssh.SshService.Options#maxStartups}) and closed after `ip ssh time-out`.</li>
 * <li>SSH version 2 only (MINA has no SSHv1); `ip ssh version 1` refuses every connection. The
 *     server identifies as `SSH-2.0-Cisco-1.25`. Key exchange, ciphers and MACs are MINA's
 *     defaults less the post-quantum hybrids (IOS has none; MINA's sntrup761 costs ~170 ms of CPU
 *     per login); `show ip ssh` lists what is offered. No public-key user authentication.</li>
 * <li>The host key is written to NVRAM (`private-config`) when generated, not at `write memory`.</li>
 * </ul>
 */
package dev.routerlab.ssh;
