package dev.routerlab.ike;

import dev.routerlab.config.PkiConfig;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.isakmp.CertPayload;
import dev.routerlab.packet.isakmp.CertRequestPayload;
import dev.routerlab.packet.isakmp.IdPayload;
import dev.routerlab.packet.isakmp.UdpEncapsulation;
import dev.routerlab.pki.Certs;
import dev.routerlab.pki.PeerAuth;
import dev.routerlab.pki.Pki;
import dev.routerlab.pki.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Main Mode with RSA signatures (RFC 2409 §5.1, `authentication rsa-sig`): what this router
 * signs with, the CERT and CERTREQ it sends (RFC 2408 §3.9-3.10), and the checks of the peer's
 * certificate (by the router's {@link Pki}), identity and signature.
 */
public final class Ikev1Certs {
    /** `crypto isakmp identity`: what the ID payload of phase 1 carries. */
    public enum Identity { ADDRESS, DN, HOSTNAME }

    /**
     * An ISAKMP profile's certificate part: `ca trust-point` lines (the CAs it trusts and signs
     * with), `match certificate` maps and `match identity address` lines (address, mask).
     */
    public record Profile(String name, List<String> trustpoints, List<List<PkiConfig.MapRule>> maps, List<int[]> addresses) {
        public Profile {
            trustpoints = List.copyOf(trustpoints);
            maps = List.copyOf(maps);
            addresses = List.copyOf(addresses);
        }

        boolean matches(int peer) {
            for (int[] a : addresses) if (Ipv4Address.contains(a[0], a[1], peer)) return true;
            return false;
        }
    }

    /**
     * The router's PKI as IKEv1 sees it.
     *
     * @param trustpoints every trustpoint, in configuration order (used when no profile names its own)
     * @param fqdn        `hostname.domain`, the identity `crypto isakmp identity hostname` sends
     * @param mapProfiles the profile a crypto map names (`set isakmp-profile`) for each of its peers
     */
    public record Settings(Pki pki, List<String> trustpoints, Identity identity, String fqdn, List<Profile> profiles,
                           Map<Integer, String> mapProfiles) {
        public Settings {
            trustpoints = List.copyOf(trustpoints);
            profiles = List.copyOf(profiles);
            mapProfiles = Map.copyOf(mapProfiles);
        }

        public Settings(Pki pki, List<String> trustpoints, Identity identity, String fqdn, List<Profile> profiles) {
            this(pki, trustpoints, identity, fqdn, profiles, Map.of());
        }
    }

    private Ikev1Certs() {}

    /**
     * The trustpoints for a peer: those of the profile the crypto map for it names, else of the
     * first profile its certificate (or else its address) matches, else all.
     */
    static List<String> trustpoints(Settings s, int peer, X509CertificateHolder cert) {
        Profile p = null;
        String named = s.mapProfiles().get(peer);
        if (named != null) for (Profile x : s.profiles()) if (p == null && x.name().equals(named)) p = x;
        if (p == null && cert != null) for (Profile x : s.profiles()) if (p == null && PeerAuth.matches(x.maps(), cert)) p = x;
        for (Profile x : s.profiles()) if (p == null && x.matches(peer)) p = x;
        return p != null && !p.trustpoints().isEmpty() ? p.trustpoints() : s.trustpoints();
    }

    /** Whether this router can sign for the peer (a trustpoint holds its key and certificate). */
    static boolean canSign(Settings s, int peer) {
        return s != null && credential(s, peer, List.of()) != null;
    }

    /** What to sign with: the trustpoint whose CA the peer asked for, else the first that has a credential. */
    static Pki.Credential credential(Settings s, int peer, List<CertRequestPayload> asked) {
        Pki.Credential first = null;
        for (String t : trustpoints(s, peer, null)) {
            Pki.Credential c = s.pki().credential(t);
            if (c == null) continue;
            if (first == null) first = c;
            byte[] ca = PeerAuth.subject(c.ca());
            for (CertRequestPayload r : asked) if (Arrays.equals(r.authority(), ca)) return c;
        }
        return first;
    }

    /** CERTREQs naming the CAs this router accepts for the peer, by their DER subjects (RFC 2408 §3.10). */
    static List<CertRequestPayload> certRequests(Settings s, int peer) {
        List<CertRequestPayload> out = new ArrayList<>();
        for (String t : trustpoints(s, peer, null)) {
            PkiConfig.Trustpoint tp = s.pki().config().trustpoints.get(t);
            X509CertificateHolder ca = tp == null ? null : Pki.certificate(tp.caCertificate());
            if (ca != null) out.add(new CertRequestPayload(CertPayload.X509_SIGNATURE, PeerAuth.subject(ca)));
        }
        return out;
    }

    /** This router's ID payload (phase 1: UDP port 500, RFC 2407 §4.6.2). */
    static IdPayload identity(Settings s, int local, Pki.Credential c) {
        Identity kind = s == null ? Identity.ADDRESS : s.identity();
        return switch (kind) {
            case ADDRESS -> IdPayload.ipv4(local, 17, UdpEncapsulation.IKE_PORT);
            case DN -> new IdPayload(IdPayload.ID_DER_ASN1_DN, 17, UdpEncapsulation.IKE_PORT, PeerAuth.subject(c.certificate()));
            case HOSTNAME -> new IdPayload(IdPayload.ID_FQDN, 17, UdpEncapsulation.IKE_PORT, s.fqdn().getBytes(StandardCharsets.US_ASCII));
        };
    }

    static CertPayload cert(Pki.Credential c) {
        return new CertPayload(CertPayload.X509_SIGNATURE, Certs.der(c.certificate()));
    }

    /** SIG_I/SIG_R: HASH_I/HASH_R signed with the private key (RFC 2409 §5.1). */
    static byte[] sign(Pki.Credential c, byte[] hash) {
        return PeerAuth.sign(c.pair().getPrivate(), PeerAuth.RAW_RSA, hash);
    }

    /** The certificate a CERT payload carries (encoding 4 only), or null. */
    static X509CertificateHolder certificate(CertPayload p) {
        if (p == null || p.encoding() != CertPayload.X509_SIGNATURE) return null;
        try {
            return Certs.decode(p.data());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Why the peer's SIG fails (null: it holds): its certificate checked against the trustpoints
     * (a failure logged as `%PKI-3-...`), its identity in the certificate, the signature over the
     * expected hash. An address identity may also be the peer's own address, which IOS accepts
     * from certificates without it.
     */
    static String verify(Settings s, int peer, X509CertificateHolder cert, IdPayload id, byte[] expectedHash, byte[] sig,
                         IkeEngine e) {
        if (cert == null) return "no certificate from the peer";
        Verdict v = s.pki().verify(trustpoints(s, peer, cert), cert);
        if (!v.ok()) {
            e.log("PKI", 3, v.mnemonic(), v.text());
            return "certificate validation failed";
        }
        boolean ownAddress = id.idType() == IdPayload.ID_IPV4_ADDR && id.data().length == 4 && id.address() == peer;
        if (!ownAddress && !PeerAuth.vouchesFor(cert, id.idType(), id.data())) return "the peer's identity is not in its certificate";
        return PeerAuth.verifies(cert, PeerAuth.RAW_RSA, expectedHash, sig) ? null : "signature verification failed";
    }

    /** An identity as debug lines print it; a DN as its RFC 4514 text. */
    static String text(IdPayload id) {
        return switch (id.idType()) {
            case IdPayload.ID_DER_ASN1_DN -> {
                try {
                    yield Certs.dn(org.bouncycastle.asn1.x500.X500Name.getInstance(id.data()));
                } catch (RuntimeException ex) {
                    yield id.toString();
                }
            }
            case IdPayload.ID_IPV4_ADDR -> Ipv4Address.toString(id.address());
            default -> new String(id.data(), StandardCharsets.US_ASCII);
        };
    }

    /** IOS's name of an ID type in debug lines. */
    static String typeName(IdPayload id) {
        return switch (id.idType()) {
            case IdPayload.ID_IPV4_ADDR -> "ID_IPV4_ADDR";
            case IdPayload.ID_FQDN -> "ID_FQDN";
            case IdPayload.ID_DER_ASN1_DN -> "ID_DER_DN";
            default -> "ID_" + id.idType();
        };
    }
}
