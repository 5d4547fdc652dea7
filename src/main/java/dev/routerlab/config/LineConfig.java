package dev.routerlab.config;

import java.util.ArrayList;
import java.util.List;

/** `line con 0` / `line vty 0 4`. */
public final class LineConfig extends Model {
    public enum Kind { CON, VTY }

    public enum Login { NONE, LINE, LOCAL }

    public final Kind kind;
    public final int first;
    public final int last;
    public Login login;
    /** `login authentication NAME` (with `aaa new-model`): the login method list; null: the default list. */
    public String loginAuthentication;
    /** Allowed transports; null = IOS default for the line. */
    public List<String> transportInput;
    /** exec-timeout minutes and seconds; null = default 10 0. */
    public Integer execTimeoutMinutes;
    public Integer execTimeoutSeconds;
    public Secret password;
    public boolean loggingSynchronous;
    public Integer privilegeLevel;
    public String accessClass;

    public LineConfig(Kind kind, int first, int last) {
        this.kind = kind;
        this.first = first;
        this.last = last;
        this.login = kind == Kind.VTY ? Login.LINE : Login.NONE;
    }

    public List<String> effectiveTransport() {
        return transportInput != null ? transportInput : new ArrayList<>(List.of(kind == Kind.VTY ? "none" : "all"));
    }

    /** Idle timeout in seconds; 0 = never. */
    public int execTimeoutSeconds() {
        int m = execTimeoutMinutes == null ? 10 : execTimeoutMinutes;
        int s = execTimeoutSeconds == null ? 0 : execTimeoutSeconds;
        return m * 60 + s;
    }
}
