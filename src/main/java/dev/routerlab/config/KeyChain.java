package dev.routerlab.config;

import java.util.TreeMap;

/** `key chain NAME`: its keys by id, each with its `key-string`. */
public final class KeyChain extends Model {
    public final String name;
    public final TreeMap<Long, Key> keys = new TreeMap<>();

    public KeyChain(String name) { this.name = name; }

    /** `key N` and its `key-string` (null until set). */
    public static final class Key extends Model {
        public final long id;
        public Secret keyString;
        /** The chain it belongs to (the `key N` command in key mode adds a sibling). */
        public final transient KeyChain chain;

        public Key(KeyChain chain, long id) {
            this.chain = chain;
            this.id = id;
        }
    }

    /** The lowest-numbered key with a key string (IOS: the first live key sends), or null. */
    public Key sendKey() {
        for (Key k : keys.values()) if (k.keyString != null) return k;
        return null;
    }
}
