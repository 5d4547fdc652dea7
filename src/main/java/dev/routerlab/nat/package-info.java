/**
 * NAT and PAT with IOS semantics (RFC 3022): {@link dev.routerlab.nat.NatEngine} is one router's
 * translation stage, bound into the IP engine as an {@link dev.routerlab.ip.NatBinding} while NAT
 * is configured; the translation table ({@code NatTable}, {@link dev.routerlab.nat.Translation})
 * holds simple and extended entries and PAT port bindings; packets are rewritten by the pure codec
 * {@link dev.routerlab.packet.NatRewrite}. No CLI here: `nat.cli` holds the commands and shows.
 */
package dev.routerlab.nat;
