package dev.routerlab.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * `aaa new-model` and its method lists: `aaa authentication login default|NAME METHOD...`,
 * `aaa authorization exec default METHOD...`. Lines name a login list with `login authentication`
 * ({@link LineConfig#loginAuthentication}).
 */
public final class AaaConfig extends Model {
    /** A login authentication method, in IOS's keywords. */
    public enum Method {
        LOCAL, NONE, ENABLE, LINE;

        public String keyword() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    public boolean newModel;
    /** `aaa authentication login` lists by name ("default" for the default list), in the order configured. */
    public final Map<String, List<Method>> loginLists = new LinkedHashMap<>();
    /** `aaa authorization exec default ...` methods (local, none), or null when not configured. */
    public List<Method> execAuthorization;

    /** `no aaa new-model`: the method lists go with it. */
    public void clear() {
        newModel = false;
        loginLists.clear();
        execAuthorization = null;
    }
}
