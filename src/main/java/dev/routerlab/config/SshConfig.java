package dev.routerlab.config;

/**
 * `ip ssh ...` and `login block-for|on-failure|on-success`: the SSH server's and the login
 * watcher's configuration (the engine is dev.routerlab.ssh). Null fields mean the IOS default.
 */
public final class SshConfig extends Model {
    public static final int DEFAULT_TIMEOUT = 120;
    public static final int DEFAULT_RETRIES = 3;

    /** `ip ssh version 1|2`; null = both (IOS reports 1.99). */
    public Integer version;
    /** `ip ssh time-out N` (seconds to authenticate). */
    public Integer timeout;
    /** `ip ssh authentication-retries N`. */
    public Integer retries;
    /** `login block-for S attempts N within T`; null when not set. */
    public LoginBlock loginBlock;
    public boolean logOnFailure;
    public boolean logOnSuccess;
    /** `ip scp server enable`: SCP over the SSH server. */
    public boolean scpServer;

    public record LoginBlock(int blockSeconds, int attempts, int withinSeconds) {}

    public int effectiveTimeout() { return timeout == null ? DEFAULT_TIMEOUT : timeout; }

    public int effectiveRetries() { return retries == null ? DEFAULT_RETRIES : retries; }

    /** The version `show ip ssh` and the SSH-5-ENABLED log print: "2.0" or "1.99". */
    public String versionText() {
        return version == null ? "1.99" : version == 2 ? "2.0" : "1.5";
    }
}
