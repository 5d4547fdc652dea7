package dev.routerlab.config;

/**
 * A password as IOS keeps it: type 0 (clear text, for `password`), 5 (MD5-crypt), 8 (PBKDF2)
 * or 9 (scrypt). `secret` commands given clear text are hashed to type 5 when set.
 */
public record Secret(int type, String value) {
    /** Type 7 of a clear-text (type 0) password, as `service password-encryption` stores it; others unchanged. */
    public Secret encrypted() { return type == 0 ? new Secret(7, Secrets.encodeType7(value)) : this; }

    /** The clear text of a type 0 or 7 password ("" when a type 7 value does not decode); null for hashes. */
    public String clear() {
        return switch (type) {
            case 0 -> value;
            case 7 -> java.util.Objects.requireNonNullElse(Secrets.decodeType7(value), "");
            default -> null;
        };
    }

    @Override public String toString() { return type + " " + value; }
}
