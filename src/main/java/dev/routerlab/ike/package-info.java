/**
 * The IKEv1 control plane (RFC 2407, 2408, 2409) with NAT traversal (RFC 3947/3948) and Dead
 * Peer Detection (RFC 3706), as a pure engine: no sockets, no threads, no clock of its own.
 *
 * <h2>Shape</h2>
 * {@link dev.routerlab.ike.IkeEngine} is the router-facing facade: datagrams in
 * ({@code receive}), triggers in ({@code acquire}, {@code noteTraffic}, volume expiry, clear
 * commands), datagrams and SA events out through {@link dev.routerlab.ike.IkeListener}, timers
 * through the injected {@link dev.routerlab.sim.Scheduler}, all randomness from the injected
 * generator. Under it, in the spirit of strongSwan's task split:
 * <ul>
 *   <li>{@code IsakmpSa}: one ISAKMP SA — the phase-1 state machine (Main Mode with pre-shared
 *       keys or RSA signatures ({@code Ikev1Certs}, over the router's {@code pki.Pki}), Aggressive
 *       Mode with pre-shared keys, both roles, IOS state names), NAT-D and the float to 4500,
 *       the phase-1 IV chain, informational exchanges (notify, delete, INITIAL-CONTACT), DPD,
 *       NAT keepalives and its lifetime;</li>
 *   <li>{@code QuickModeExchange}: one quick mode, either role — proposals per transform set,
 *       PFS, proxy identities, UDP-encapsulated modes, RESPONDER-LIFETIME, KEYMAT;</li>
 *   <li>{@code MessageLog}: per-exchange retransmission (IOS: every 10 s, 5 times) and answers
 *       to the peer's retransmissions from cache;</li>
 *   <li>{@code Proposals}: SA payload contents and the IOS matching rules (policy priority,
 *       shorter peer lifetime, transform-set mode, PFS).</li>
 * </ul>
 * The wire format lives in {@link dev.routerlab.packet.isakmp}, key derivation in
 * {@link dev.routerlab.ike.crypto}, ESP itself in {@link dev.routerlab.ipsec}: an established
 * {@link dev.routerlab.ike.ChildSa} builds its {@code EspSa}s directly.
 *
 * <h2>Configuration</h2>
 * {@link dev.routerlab.ike.IkeConfig} is a plain value; {@link dev.routerlab.ike.CryptoConfigAdapter}
 * builds it from the router's {@code CryptoConfig} (crypto map entries resolve their ACLs into
 * {@link dev.routerlab.ike.ProxyPair}s; ipsec profiles take the tunnel's selectors).
 *
 * <p>Keys never appear in {@code toString} or debug lines; {@link dev.routerlab.ike.WiresharkKeys}
 * is the one explicit export.
 */
package dev.routerlab.ike;
