package dev.routerlab.config;

import java.util.List;

/**
 * How one login on a line is authenticated, as IOS decides it: without `aaa new-model` the line's
 * `login` (its password), `login local` (a username) or `no login`; with it, the line's `login
 * authentication` list or the default list, whose methods are tried in order: one that cannot
 * decide (no usernames for `local`, no enable secret for `enable`, no line password for `line`)
 * passes to the next, one that rejects ends the login (RFC 2865's Access-Reject in spirit). With no
 * list at all, vty lines use the local usernames and the console needs no login. The privilege is
 * the user's when `login local` is used or `aaa authorization exec default local` authorizes a vty
 * login (the console is not authorized without `aaa authorization console`), else the line's.
 *
 * Immutable: built on the router's loop from the configuration, then usable from any thread (SSH
 * verifies passwords away from the loop).
 */
public final class LoginCheck {
    private final boolean aaa;
    private final List<AaaConfig.Method> methods;
    private final LineConfig.Login legacy;
    private final java.util.Map<String, RunningConfig.User> users;
    private final Secret enableSecret, linePassword;
    private final int linePrivilege;
    private final boolean authorizeExec;

    private LoginCheck(RunningConfig c, LineConfig line) {
        aaa = c.aaa.newModel;
        legacy = line.login;
        users = java.util.Map.copyOf(c.users);
        enableSecret = c.enableSecret;
        linePassword = line.password;
        linePrivilege = line.privilegeLevel == null ? 1 : line.privilegeLevel;
        boolean vty = line.kind == LineConfig.Kind.VTY;
        if (aaa) {
            String name = line.loginAuthentication == null ? "default" : line.loginAuthentication;
            List<AaaConfig.Method> list = c.aaa.loginLists.get(name);
            if (list == null && line.loginAuthentication == null) {
                list = vty ? List.of(AaaConfig.Method.LOCAL) : List.of(AaaConfig.Method.NONE);
            }
            methods = list == null ? List.of() : List.copyOf(list);
        } else {
            methods = List.of();
        }
        authorizeExec = vty && c.aaa.execAuthorization != null && c.aaa.execAuthorization.contains(AaaConfig.Method.LOCAL);
    }

    /** The check for a login on line (the configuration is read now). */
    public static LoginCheck of(RunningConfig c, LineConfig line) { return new LoginCheck(c, line); }

    /** The method that decides: the first of the list that can (null: none can, the login fails). */
    private AaaConfig.Method decider() {
        for (AaaConfig.Method m : methods) {
            boolean can = switch (m) {
                case LOCAL -> !users.isEmpty();
                case NONE -> true;
                case ENABLE -> enableSecret != null;
                case LINE -> linePassword != null;
            };
            if (can) return m;
        }
        return null;
    }

    /** No question is asked: the session starts at once. */
    public boolean open() {
        return aaa ? decider() == AaaConfig.Method.NONE : legacy == LineConfig.Login.NONE;
    }

    /** A `Username: ` is asked before the password. */
    public boolean asksUsername() {
        return aaa ? decider() != AaaConfig.Method.ENABLE && decider() != AaaConfig.Method.LINE
            : legacy == LineConfig.Login.LOCAL;
    }

    /** `login` without a password: IOS refuses the connection ("Password required, but none set"). */
    public boolean passwordMissing() { return !aaa && legacy == LineConfig.Login.LINE && linePassword == null; }

    /** What a rejected login prints (IOS: AAA's, `login local`'s or the line password's text). */
    public String failure() {
        if (aaa) return "% Authentication failed";
        return legacy == LineConfig.Login.LOCAL ? "% Login invalid" : "% Bad passwords";
    }

    /** What a rejected try prints before the login asks again (the line password just asks again). */
    public String retry() {
        return !aaa && legacy == LineConfig.Login.LINE ? "" : failure() + "\n\n";
    }

    /** The privilege level a login of user with password gets, or -1 when it is rejected. */
    public int verify(String user, String password) {
        AaaConfig.Method m = aaa ? decider() : switch (legacy) {
            case NONE -> AaaConfig.Method.NONE;
            case LINE -> AaaConfig.Method.LINE;
            case LOCAL -> AaaConfig.Method.LOCAL;
        };
        if (m == null) return -1;
        RunningConfig.User u = user == null ? null : users.get(user);
        boolean ok = switch (m) {
            case NONE -> true;
            case LINE -> linePassword != null && Secrets.matches(linePassword, password);
            case ENABLE -> Secrets.matches(enableSecret, password);
            case LOCAL -> u != null && (u.secret() != null ? Secrets.matches(u.secret(), password)
                : u.password() != null && Secrets.matches(u.password(), password));
        };
        if (!ok) return -1;
        boolean userLevel = m == AaaConfig.Method.LOCAL && (!aaa || authorizeExec);
        return userLevel ? Math.max(u.privilege(), linePrivilege) : linePrivilege;
    }

    /** The user the session runs as: the one typed when a username was asked, else none. */
    public String sessionUser(String typed) { return asksUsername() ? typed : null; }
}
