package dev.routerlab.routing;

import java.util.function.BiConsumer;

/**
 * Open-addressing hash map from int keys (IPv4 addresses, prefixes) to objects, with linear
 * probing and backward-shift deletion: no boxing on the per-packet path. Not thread-safe.
 */
public final class IntMap<V> {
    private int[] keys;
    private Object[] vals;
    private int mask;
    private int size;

    public IntMap() { this(8); }

    public IntMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
        keys = new int[cap];
        vals = new Object[cap];
        mask = cap - 1;
    }

    private static int slot(int k, int mask) {
        int h = k * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }

    @SuppressWarnings("unchecked")
    public V get(int k) {
        Object[] vs = vals;
        int[] ks = keys;
        int m = mask;
        for (int i = slot(k, m); ; i = (i + 1) & m) {
            Object v = vs[i];
            if (v == null) return null;
            if (ks[i] == k) return (V) v;
        }
    }

    @SuppressWarnings("unchecked")
    public V put(int k, V v) {
        if (v == null) throw new NullPointerException("value");
        if ((size + 1) * 2 > vals.length) grow();
        for (int i = slot(k, mask); ; i = (i + 1) & mask) {
            Object old = vals[i];
            if (old == null) {
                keys[i] = k;
                vals[i] = v;
                size++;
                return null;
            }
            if (keys[i] == k) {
                vals[i] = v;
                return (V) old;
            }
        }
    }

    @SuppressWarnings("unchecked")
    public V remove(int k) {
        int i = slot(k, mask);
        while (true) {
            Object v = vals[i];
            if (v == null) return null;
            if (keys[i] == k) break;
            i = (i + 1) & mask;
        }
        V old = (V) vals[i];
        // backward-shift: move later members of the probe run into the hole
        int hole = i;
        for (int j = (i + 1) & mask; vals[j] != null; j = (j + 1) & mask) {
            int home = slot(keys[j], mask);
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                keys[hole] = keys[j];
                vals[hole] = vals[j];
                hole = j;
            }
        }
        vals[hole] = null;
        size--;
        return old;
    }

    public int size() { return size; }

    public boolean isEmpty() { return size == 0; }

    public void clear() {
        java.util.Arrays.fill(vals, null);
        size = 0;
    }

    @SuppressWarnings("unchecked")
    public void forEach(BiConsumer<Integer, V> f) {
        Object[] vs = vals.clone();
        int[] ks = keys.clone();
        for (int i = 0; i < vs.length; i++) if (vs[i] != null) f.accept(ks[i], (V) vs[i]);
    }

    private void grow() {
        int[] ok = keys;
        Object[] ov = vals;
        keys = new int[ok.length * 2];
        vals = new Object[ov.length * 2];
        mask = keys.length - 1;
        size = 0;
        for (int i = 0; i < ov.length; i++) {
            if (ov[i] != null) {
                @SuppressWarnings("unchecked") V v = (V) ov[i];
                put(ok[i], v);
            }
        }
    }
}
