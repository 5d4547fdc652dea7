/**
 * NHRP (RFC 2332) with the Cisco DMVPN additions (Traffic Indication, NAT address extension,
 * cleartext authentication as IOS sends it): a pure codec in the style of
 * {@link dev.routerlab.packet}. {@link dev.routerlab.packet.nhrp.Nhrp#check} never throws and
 * validates everything the accessors later read without bounds checks; {@link
 * dev.routerlab.packet.nhrp.NhrpBuilder} writes packets from trusted arguments.
 *
 * <p>Only IPv4 over IPv4 is accepted (ar$afn 1, ar$pro.type 0x0800, 4-byte NBMA and protocol
 * addresses, no subaddresses): with that, every mandatory-part field sits at a fixed offset
 * (see the {@code O_} constants) and only the CIE list and the extensions vary.
 */
package dev.routerlab.packet.nhrp;
