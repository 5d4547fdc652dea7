/**
 * ISAKMP (RFC 2408) codecs with the IPsec DOI (RFC 2407), IKEv1 (RFC 2409), NAT traversal
 * (RFC 3947, RFC 3948) and Dead Peer Detection (RFC 3706) additions: one class per payload.
 *
 * <p>Same contract as {@link dev.routerlab.packet}: every {@code check} never throws, for any
 * array, offset and length, and answers with a {@link dev.routerlab.packet.PacketError}; a
 * {@code decode} may be called only on bytes whose {@code check} answered {@code OK}. Decoded
 * payloads are immutable records whose {@code body()} re-encodes them (generic payload header
 * excluded); {@link dev.routerlab.packet.isakmp.Payloads} chains them with their generic headers.
 * Builders take trusted values from the engine and throw on programming errors.
 */
package dev.routerlab.packet.isakmp;
