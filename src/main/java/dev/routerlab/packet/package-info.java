/**
 * Pure packet codecs over {@code byte[]}: no state, no I/O, no threads.
 *
 * <h2>Contract for hostile input</h2>
 * Every protocol class has a {@code check(byte[] b, int off, int len, ...)} method that
 * <em>never throws</em>, for any array, offset and length (including null, negative or out of
 * range), and answers with a {@link dev.routerlab.packet.PacketError}: {@code OK} or the reason
 * the packet must be counted and dropped. Only after {@code check} returned {@code OK} may the
 * caller use that class's field accessors on the same bytes; accessors do no bounds checks of
 * their own (they are the zero-allocation fast path). Other methods that take untrusted input
 * ({@code Tcp.clampMss}, {@code Icmp.mayReplyWithError}, {@code Reassembler.offer}) validate it
 * themselves and likewise never throw. No {@code MalformedPacketException} exists: errors are
 * values, never exceptions.
 *
 * <p>Builders ({@code write...} into a caller buffer, {@code build...} returning a new array)
 * take trusted arguments from the router itself and throw {@link IllegalArgumentException} or
 * {@link IndexOutOfBoundsException} on programming errors.
 *
 * <p>Addresses are IPv4 addresses as {@code int} (network byte order value, see
 * {@link dev.routerlab.packet.Ipv4Address}); MAC addresses are
 * {@link dev.routerlab.packet.MacAddress}. Multi-byte fields are big-endian (network order).
 */
package dev.routerlab.packet;
