/**
 * ESP (RFC 4303) as data: SAs with their keys, sequence numbers and replay windows, the
 * transforms and their ciphers, tunnel and transport encapsulation. IKE creates these SAs; the
 * router's IPsec engine ({@code dev.routerlab.ipsec}) applies them to packets.
 */
package dev.routerlab.esp;
