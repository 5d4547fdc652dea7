package dev.routerlab.packet.eigrp;

import java.util.Arrays;
import java.util.List;

/**
 * The EIGRP TLVs this codec reads and writes (RFC 7868 section 6: the general TLVs and
 * the classic IPv4 route TLVs). Values are plain numbers as they sit on the wire: the classic
 * metric's delay and bandwidth are already scaled by 256 (RFC 7868 section 6, classic metric: delay in 10 us units
 * times 256, bandwidth 256 * 10^7 / kbit/s).
 */
public sealed interface EigrpTlv {
    int type();

    /** 0x0001: K values and hold time (RFC 7868 section 6). All K values 255 is a Goodbye. */
    record Parameter(int k1, int k2, int k3, int k4, int k5, int k6, int holdTime) implements EigrpTlv {
        public int type() { return Eigrp.TLV_PARAMETER; }

        /** RFC 7868 section 6: a Hello whose K values are all 255 tells neighbours that the sender goes away. */
        public boolean goodbye() { return k1 == 255 && k2 == 255 && k3 == 255 && k4 == 255 && k5 == 255; }

        public boolean sameK(Parameter o) {
            return k1 == o.k1 && k2 == o.k2 && k3 == o.k3 && k4 == o.k4 && k5 == o.k5;
        }
    }

    /**
     * 0x0002: authentication (RFC 7868 section 6; MD5 is type 2 with a 16-byte digest, key id and key
     * sequence, then 8 bytes of zero padding before the digest, as IOS sends it).
     */
    record Authentication(int authType, long keyId, long keySequence, byte[] digest) implements EigrpTlv {
        public int type() { return Eigrp.TLV_AUTH; }

        @Override public boolean equals(Object o) {
            return o instanceof Authentication a && a.authType == authType && a.keyId == keyId
                    && a.keySequence == keySequence && Arrays.equals(a.digest, digest);
        }

        @Override public int hashCode() { return Long.hashCode(keyId) * 31 + Arrays.hashCode(digest); }
    }

    /** 0x0003: the addresses that must not accept the next CR-flagged packet (RFC 7868 section 4, reliable multicast). */
    record Sequence(List<Integer> addresses) implements EigrpTlv {
        public Sequence { addresses = List.copyOf(addresses); }

        public int type() { return Eigrp.TLV_SEQUENCE; }
    }

    /** 0x0004: IOS release and EIGRP TLV version (RFC 7868 section 6). */
    record SoftwareVersion(int osMajor, int osMinor, int tlvMajor, int tlvMinor) implements EigrpTlv {
        public int type() { return Eigrp.TLV_SOFTWARE_VERSION; }
    }

    /** 0x0005: sequence number of the CR-flagged multicast that follows (RFC 7868 section 6). */
    record NextMulticastSequence(long sequence) implements EigrpTlv {
        public int type() { return Eigrp.TLV_NEXT_MCAST_SEQ; }
    }

    /** 0x0006: stub flags (RFC 7868 section 6): {@link Eigrp#STUB_CONNECTED} and friends. */
    record Stub(int flags) implements EigrpTlv {
        public int type() { return Eigrp.TLV_STUB; }
    }

    /** 0x0007: the neighbours this router terminates (RFC 7868 section 6): a type byte (4) then IPv4 addresses. */
    record PeerTermination(List<Integer> addresses) implements EigrpTlv {
        public PeerTermination { addresses = List.copyOf(addresses); }

        public int type() { return Eigrp.TLV_PEER_TERMINATION; }
    }

    /** The classic metric block (RFC 7868 section 6): 16 bytes. */
    record Metric(long delay, long bandwidth, int mtu, int hopCount, int reliability, int load, int internalTag,
                  int flags) {
        /** RFC 7868 section 6: a delay of all ones marks the destination unreachable. */
        public boolean unreachable() { return delay == Eigrp.DELAY_INFINITY; }
    }

    /** 0x0102: an IPv4 internal route (RFC 7868 section 6). nextHop 0 means the sender. */
    record InternalRoute(int nextHop, Metric metric, int prefix, int prefixLength) implements EigrpTlv {
        public int type() { return Eigrp.TLV_IPV4_INTERNAL; }
    }

    /** 0x0103: an IPv4 external route (RFC 7868 section 6). */
    record ExternalRoute(int nextHop, int originatingRouter, long originatingAs, long tag, long externalMetric,
                         int protocolId, int externalFlags, Metric metric, int prefix, int prefixLength)
            implements EigrpTlv {
        public int type() { return Eigrp.TLV_IPV4_EXTERNAL; }
    }

    /**
     * 0x0602: an IPv4 internal route in the multiprotocol format of TLV version 2.0 (RFC 7868
     * section 6.9.3), with the wide metric (section 6.9.2): {@code metric.delay()} in picoseconds,
     * {@code metric.bandwidth()} in kbit/s, 48 bits each ({@link Eigrp#WIDE_INFINITY}: unreachable).
     */
    record WideInternalRoute(int topology, int routerId, Metric metric, int nextHop, int prefix, int prefixLength)
            implements EigrpTlv {
        public int type() { return Eigrp.TLV_MP_INTERNAL; }
    }

    /** 0x0603: an IPv4 external route in the multiprotocol format (RFC 7868 section 6.9.4), wide metric. */
    record WideExternalRoute(int topology, int routerId, Metric metric, int nextHop, int originatingRouter,
                             long originatingAs, long tag, long externalMetric, int protocolId, int externalFlags,
                             int prefix, int prefixLength) implements EigrpTlv {
        public int type() { return Eigrp.TLV_MP_EXTERNAL; }
    }

    /** Any other TLV, kept as bytes (value only, without the 4-byte header). */
    record Unknown(int type, byte[] value) implements EigrpTlv {
        @Override public boolean equals(Object o) {
            return o instanceof Unknown u && u.type == type && Arrays.equals(u.value, value);
        }

        @Override public int hashCode() { return type * 31 + Arrays.hashCode(value); }
    }
}
