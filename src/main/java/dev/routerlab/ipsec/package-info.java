/**
 * One router's IPsec (RFC 4301): {@link dev.routerlab.ipsec.IpsecEngine} composes the SPD
 * ({@link dev.routerlab.ipsec.Spd}, compiled from crypto maps and tunnel protection into
 * {@link dev.routerlab.ip.IpsecBinding}s on interfaces), the SAD ({@link dev.routerlab.ipsec.SaTable}),
 * the ESP data path ({@link dev.routerlab.ipsec.EspPath}) and the IKE engine's I/O
 * ({@link dev.routerlab.ipsec.IkeGlue}). The ESP primitives are in {@code esp}, the
 * commands in {@code ipsec.cli}.
 */
package dev.routerlab.ipsec;
