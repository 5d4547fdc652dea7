/**
 * OSPFv2 (RFC 2328 appendix A and D): a pure codec in the style of {@link dev.routerlab.packet}.
 * {@link dev.routerlab.packet.ospf.Ospf} holds the packet header, authentication (null, simple,
 * MD5) and the five packet types; {@link dev.routerlab.packet.ospf.Lsa} the LSA header, its
 * Fletcher checksum and the bodies of LSA types 1 to 5. {@code check} never throws; parsers and
 * accessors read only bytes that passed it; builders take trusted arguments.
 */
package dev.routerlab.packet.ospf;
