package dev.routerlab.acl;

import dev.routerlab.config.AccessList;
import dev.routerlab.config.RunningConfig;

/** Finds an access list of the model by the name a command gives it. */
public final class AccessLists {
    private AccessLists() {}

    /** The list called {@code name} ("101" for a numbered list, else a named one), or null. */
    public static AccessList find(RunningConfig c, String name) {
        if (name == null) return null;
        if (!name.isEmpty() && name.chars().allMatch(Character::isDigit) && name.length() < 10) {
            return c.numberedAcls.get(Integer.parseInt(name));
        }
        return c.namedAcls.get(name);
    }
}
