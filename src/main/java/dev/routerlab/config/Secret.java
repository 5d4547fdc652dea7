package dev.routerlab.config;

/**
 * A password as IOS keeps it: type 0 (clear text, for `password`), 5 (MD5-crypt), 8 (PBKDF2)
 * or 9 (scrypt). `secret` commands given clear text are hashed to type 5 when set.
 */
public record Secret(int type, String value) {
    @Override public String toString() { return type + " " + value; }
}
