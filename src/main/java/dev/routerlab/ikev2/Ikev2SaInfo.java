package dev.routerlab.ikev2;

import dev.routerlab.packet.IpAddress;

/**
 * One IKE SA as `show crypto ikev2 sa [detail]` prints it.
 *
 * @param local, remote the SA's ends, IPv4 or IPv6 (IOS shows them in its IPv4 or IPv6 table)
 * @param status IOS words: READY, IN-NEG, DELETE
 * @param peerBehindNat, selfBehindNat what NAT detection (RFC 7296 §2.23) found
 * @param fragmentationMtu {@code crypto ikev2 fragmentation mtu} (0: off); {@code fragmentation}: both sides support RFC 7383
 */
public record Ikev2SaInfo(int tunnelId, int sessionId, IpAddress local, int localPort, IpAddress remote, int remotePort, String status,
                          String encryption, int keySize, String prf, String hash, int dhGroup, String authSign,
                          String authVerify, long lifetimeSeconds, long activeSeconds, long localSpi, long remoteSpi,
                          String localId, String remoteId, int localMsgId, int remoteMsgId, int dpdSeconds, int dpdRetry,
                          boolean initiator, String profile, int children,
                          boolean peerBehindNat, boolean selfBehindNat, int fragmentationMtu,
                          boolean fragmentation) {}
