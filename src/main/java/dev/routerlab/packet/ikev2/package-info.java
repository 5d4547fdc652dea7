/**
 * IKEv2 (RFC 7296) codecs: the header, the generic payload chain and one class per payload.
 *
 * <p>Every {@code check}/{@code decode} over bytes from outside never throws, for any array,
 * offset and length: {@code decode} answers null when the octets are malformed. Decoded payloads
 * are immutable records whose {@code body()} re-encodes them (generic payload header excluded);
 * {@link dev.routerlab.packet.ikev2.Ikev2Payloads} chains them with their generic headers.
 */
package dev.routerlab.packet.ikev2;
