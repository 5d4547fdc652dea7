package dev.routerlab.nhrp;

/** Where an {@link NhrpInstance} sends its packets: the mGRE tunnel encapsulates them in GRE (protocol 0x2001). */
@FunctionalInterface
public interface NhrpTransmit {
    /**
     * Send the NHRP packet buf[off, off+len) to NBMA address dstNbma. buf is a fresh array the
     * callee may keep; the off bytes before the packet are free headroom for the outer headers
     * ({@link NhrpInstance#setHeadroom}).
     */
    void send(int dstNbma, byte[] buf, int off, int len);
}
