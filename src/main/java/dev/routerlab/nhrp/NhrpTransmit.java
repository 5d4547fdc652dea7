package dev.routerlab.nhrp;

import dev.routerlab.packet.isakmp.UdpEncapsulation;

/** Where an {@link NhrpInstance} sends its packets: the mGRE tunnel encapsulates them in GRE (protocol 0x2001). */
@FunctionalInterface
public interface NhrpTransmit {
    /**
     * Send the NHRP packet buf[off, off+len) to NBMA address dstNbma, behind PAT to its host at NAT-T
     * port natPort ({@link UdpEncapsulation#ANY_PORT}: the address's, the host whose packet is being
     * answered, RFC 3947 §5). buf is a fresh array the callee may keep; the off bytes before the
     * packet are free headroom for the outer headers ({@link NhrpInstance#setHeadroom}).
     */
    void send(int dstNbma, int natPort, byte[] buf, int off, int len);
}
