package dev.routerlab.link;

/** Sees every frame a link carries (a capture); called on the sending side's thread. */
@FunctionalInterface
public interface FrameTap {
    void frame(byte[] data, int off, int len);
}
