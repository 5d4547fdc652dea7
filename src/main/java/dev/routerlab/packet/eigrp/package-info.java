/**
 * EIGRP (RFC 7868) packets: a pure codec in the style of {@link dev.routerlab.packet}.
 * {@link dev.routerlab.packet.eigrp.Eigrp#check} never throws and validates every TLV the parser
 * later reads; {@link dev.routerlab.packet.eigrp.Eigrp#build} writes packets from trusted
 * {@link dev.routerlab.packet.eigrp.EigrpTlv} values. Only the classic (non-wide) IPv4 route TLVs.
 */
package dev.routerlab.packet.eigrp;
