package dev.routerlab.packet.isakmp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** Vendor IDs this implementation sends or recognizes. */
public final class VendorIds {
    private VendorIds() {}

    /** NAT traversal, RFC 3947 §3.1: MD5("RFC 3947"). */
    public static final byte[] RFC3947 = md5("RFC 3947");
    /** Pre-RFC NAT-T drafts (recognized, not acted on: they use other payload numbers). */
    public static final byte[] NAT_T_DRAFT_02N = md5("draft-ietf-ipsec-nat-t-ike-02\n");
    public static final byte[] NAT_T_DRAFT_02 = md5("draft-ietf-ipsec-nat-t-ike-02");
    public static final byte[] NAT_T_DRAFT_03 = md5("draft-ietf-ipsec-nat-t-ike-03");
    /** Dead Peer Detection, RFC 3706 §5.1 (version 1.0). */
    public static final byte[] DPD = HexFormat.of().parseHex("afcad71368a1f1c96b8696fc77570100");
    /** XAUTH (draft-beaulieu-ike-xauth-02). */
    public static final byte[] XAUTH = HexFormat.of().parseHex("09002689dfd6b712");
    /** Cisco Unity 1.0. */
    public static final byte[] CISCO_UNITY = HexFormat.of().parseHex("12f5f28c457168a9702d9fe274cc0100");

    /** A short name for debug output. */
    public static String name(byte[] vid) {
        if (Arrays.equals(vid, RFC3947)) return "RFC 3947";
        if (Arrays.equals(vid, NAT_T_DRAFT_02N)) return "draft-ietf-ipsec-nat-t-ike-02\\n";
        if (Arrays.equals(vid, NAT_T_DRAFT_02)) return "draft-ietf-ipsec-nat-t-ike-02";
        if (Arrays.equals(vid, NAT_T_DRAFT_03)) return "draft-ietf-ipsec-nat-t-ike-03";
        if (Arrays.equals(vid, DPD)) return "DPD";
        if (Arrays.equals(vid, XAUTH)) return "XAUTH";
        if (Arrays.equals(vid, CISCO_UNITY)) return "Cisco Unity";
        return HexFormat.of().formatHex(vid);
    }

    private static byte[] md5(String s) {
        try {
            return MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
