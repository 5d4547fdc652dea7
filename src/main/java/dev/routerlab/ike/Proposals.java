package dev.routerlab.ike;

import dev.routerlab.ike.crypto.DhGroup;
import dev.routerlab.ike.crypto.HashAlgorithm;
import dev.routerlab.ike.crypto.IkeCipherAlgorithm;
import dev.routerlab.esp.Transform;
import dev.routerlab.packet.isakmp.Attribute;
import dev.routerlab.packet.isakmp.IpsecDoi;
import dev.routerlab.packet.isakmp.Oakley;
import dev.routerlab.packet.isakmp.ProposalPayload;
import dev.routerlab.packet.isakmp.SaPayload;
import dev.routerlab.packet.isakmp.TransformPayload;
import java.util.ArrayList;
import java.util.List;

/**
 * SA payload contents for both phases: building our offers and reading the peer's, and the IOS
 * matching rules that choose between them.
 */
final class Proposals {
    private Proposals() {}

    /** RFC 2407 §4.5: an IPsec SA without a Life Duration lasts 28800 seconds. */
    static final long IPSEC_DEFAULT_SECONDS = 28_800;

    // ---------------------------------------------------------------- phase 1

    /** A phase-1 transform as read from the wire; lifetime -1 when not given. */
    record Suite(IkeCipherAlgorithm encryption, HashAlgorithm hash, AuthMethod auth, DhGroup group, long lifetime) {}

    static TransformPayload phase1Transform(int number, IsakmpPolicy p) {
        List<Attribute> a = new ArrayList<>();
        a.add(Attribute.of(Oakley.ENCRYPTION_ALGORITHM, p.encryption().oakleyId()));
        if (p.encryption().keyLengthAttribute() != 0) a.add(Attribute.of(Oakley.KEY_LENGTH, p.encryption().keyLengthAttribute()));
        a.add(Attribute.of(Oakley.HASH_ALGORITHM, p.hash().oakleyId()));
        a.add(Attribute.of(Oakley.AUTHENTICATION_METHOD, p.authentication().oakleyId()));
        a.add(Attribute.of(Oakley.GROUP_DESCRIPTION, p.group().id()));
        a.add(Attribute.of(Oakley.LIFE_TYPE, Oakley.LIFE_SECONDS));
        a.add(Attribute.of(Oakley.LIFE_DURATION, p.lifetimeSeconds()));
        return new TransformPayload(number, Oakley.KEY_IKE, a);
    }

    /** One ISAKMP proposal (#1, no SPI) with one transform per policy (RFC 2409 §5). */
    static SaPayload phase1Offer(List<IsakmpPolicy> policies) {
        List<TransformPayload> ts = new ArrayList<>();
        for (IsakmpPolicy p : policies) ts.add(phase1Transform(ts.size() + 1, p));
        return SaPayload.ipsec(List.of(new ProposalPayload(1, Oakley.PROTO_ISAKMP, new byte[0], ts)));
    }

    /** Reads a phase-1 transform; null when it names anything unknown or unsupported. */
    static Suite parsePhase1(TransformPayload t) {
        if (t.transformId() != Oakley.KEY_IKE) return null;
        int encId = -1, hashId = -1, authId = -1, groupId = -1, keyLength = 0, lifeType = -1;
        long lifetime = -1;
        for (Attribute a : t.attributes()) {
            long v = a.number();
            if (v < 0) return null;
            switch (a.type()) {
                case Oakley.ENCRYPTION_ALGORITHM -> encId = (int) v;
                case Oakley.HASH_ALGORITHM -> hashId = (int) v;
                case Oakley.AUTHENTICATION_METHOD -> authId = (int) v;
                case Oakley.GROUP_DESCRIPTION -> groupId = (int) v;
                case Oakley.KEY_LENGTH -> keyLength = (int) v;
                case Oakley.LIFE_TYPE -> lifeType = (int) v;
                case Oakley.LIFE_DURATION -> {
                    if (lifeType == Oakley.LIFE_SECONDS) lifetime = lifetime < 0 ? v : Math.min(lifetime, v);
                    // kilobyte lifetimes are accepted and ignored: IOS phase 1 has no volume limit
                }
                case Oakley.GROUP_TYPE -> {
                    if (v != 1 && v != 2) return null; // MODP or ECP only
                }
                default -> {
                    return null; // PRF, group parameters, ...: not offered by IOS, not accepted
                }
            }
        }
        IkeCipherAlgorithm enc = IkeCipherAlgorithm.byOakley(encId, keyLength).orElse(null);
        HashAlgorithm hash = HashAlgorithm.byOakleyId(hashId).orElse(null);
        AuthMethod auth = AuthMethod.byOakleyId(authId);
        DhGroup group = DhGroup.byId(groupId).orElse(null);
        if (enc == null || hash == null || auth == null || group == null) return null;
        return new Suite(enc, hash, auth, group, lifetime);
    }

    /** The responder's choice (RFC 2409 §5: one transform of one proposal) and the policy that matched. */
    record Phase1Choice(ProposalPayload proposal, TransformPayload transform, IsakmpPolicy policy, Suite suite,
                        long lifetime) {}

    /**
     * IOS matching: our policies from the highest priority (lowest number) down, each against
     * every transform the peer offered, first match wins. A transform matches with the same
     * encryption, hash, authentication and group and a lifetime no longer than ours (the peer's
     * shorter lifetime is used). Only {@code usable} authentication methods can match.
     */
    static Phase1Choice selectPhase1(List<IsakmpPolicy> ours, SaPayload offered, java.util.Set<AuthMethod> usable,
                                     DhGroup requiredGroup, IkeDebug.Trace trace) {
        for (IsakmpPolicy p : ours) {
            for (ProposalPayload prop : offered.proposals()) {
                if (prop.protocolId() != Oakley.PROTO_ISAKMP) continue;
                List<TransformPayload> ts = prop.transforms();
                for (int i = 0; i < ts.size(); i++) {
                    TransformPayload t = ts.get(i);
                    trace.line("Checking ISAKMP transform " + t.number() + " against priority " + p.priority() + " policy");
                    IkeDebug.phase1Attributes(t, trace);
                    String next = " Next payload is " + (i + 1 < ts.size() ? 3 : 0);
                    Suite s = parsePhase1(t);
                    String why = mismatch(p, s, usable, requiredGroup);
                    if (why != null) {
                        if (!why.isEmpty()) trace.line(why);
                        trace.line("atts are not acceptable." + next);
                        continue;
                    }
                    trace.line("atts are acceptable." + next);
                    long life = s.lifetime() > 0 ? s.lifetime() : p.lifetimeSeconds();
                    return new Phase1Choice(prop, t, p, s, life);
                }
            }
        }
        return null;
    }

    /** Why a transform does not match a policy, in IOS's words; "" for an unnamed reason, null when it matches. */
    private static String mismatch(IsakmpPolicy p, Suite s, java.util.Set<AuthMethod> usable, DhGroup requiredGroup) {
        if (s == null) return "";
        if (s.encryption() != p.encryption()) return "Encryption algorithm offered does not match policy!";
        if (s.hash() != p.hash()) return "Hash algorithm offered does not match policy!";
        if (s.auth() != p.authentication() || !usable.contains(p.authentication())) {
            return "Authentication method offered does not match policy!";
        }
        if (s.group() != p.group() || (requiredGroup != null && s.group() != requiredGroup)) {
            return "Diffie-Hellman group offered does not match policy!";
        }
        if (s.lifetime() > p.lifetimeSeconds()) return "Life duration offered is greater than policy!";
        return null;
    }

    // ---------------------------------------------------------------- phase 2

    /** An ESP transform as read from the wire; group 0 without PFS; lifetimes -1 when absent. */
    record Esp(Transform transform, int encapsulation, int group, long seconds, long kilobytes) {
        IpsecMode mode() {
            return encapsulation == IpsecDoi.ENCAP_TRANSPORT || encapsulation == IpsecDoi.ENCAP_UDP_TRANSPORT
                    || encapsulation == IpsecDoi.ENCAP_UDP_TRANSPORT_DRAFT ? IpsecMode.TRANSPORT : IpsecMode.TUNNEL;
        }

        boolean udp() {
            return encapsulation != IpsecDoi.ENCAP_TUNNEL && encapsulation != IpsecDoi.ENCAP_TRANSPORT;
        }
    }

    static int encapsulation(IpsecMode mode, boolean udp) {
        if (mode == IpsecMode.TUNNEL) return udp ? IpsecDoi.ENCAP_UDP_TUNNEL : IpsecDoi.ENCAP_TUNNEL;
        return udp ? IpsecDoi.ENCAP_UDP_TRANSPORT : IpsecDoi.ENCAP_TRANSPORT;
    }

    /** One ESP proposal with one transform (IOS sends one proposal per transform set). */
    static ProposalPayload espProposal(int number, int spi, Transform tr, IpsecMode mode, boolean udp, DhGroup pfs,
                                       long seconds, long kilobytes) {
        List<Attribute> a = new ArrayList<>();
        a.add(Attribute.of(IpsecDoi.SA_LIFE_TYPE, IpsecDoi.LIFE_SECONDS));
        a.add(Attribute.of(IpsecDoi.SA_LIFE_DURATION, seconds));
        if (kilobytes > 0) {
            a.add(Attribute.of(IpsecDoi.SA_LIFE_TYPE, IpsecDoi.LIFE_KILOBYTES));
            a.add(Attribute.of(IpsecDoi.SA_LIFE_DURATION, kilobytes));
        }
        if (pfs != null) a.add(Attribute.of(IpsecDoi.GROUP_DESCRIPTION, pfs.id()));
        a.add(Attribute.of(IpsecDoi.ENCAPSULATION_MODE, encapsulation(mode, udp)));
        if (tr.integrity().authAlgorithmAttribute() != 0) {
            a.add(Attribute.of(IpsecDoi.AUTHENTICATION_ALGORITHM, tr.integrity().authAlgorithmAttribute()));
        }
        if (tr.encryption().keyLengthAttribute() != 0) {
            a.add(Attribute.of(IpsecDoi.KEY_LENGTH, tr.encryption().keyLengthAttribute()));
        }
        byte[] s = new byte[4];
        dev.routerlab.packet.Bytes.put32(s, 0, spi);
        return new ProposalPayload(number, IpsecDoi.PROTO_IPSEC_ESP, s,
                List.of(new TransformPayload(1, tr.encryption().ikeTransformId(), a)));
    }

    /** Reads an ESP transform; null when unsupported. */
    static Esp parseEsp(TransformPayload t) {
        int keyLength = 0, auth = 0, group = 0, encap = IpsecDoi.ENCAP_TUNNEL, lifeType = -1;
        long seconds = -1, kilobytes = -1;
        for (Attribute a : t.attributes()) {
            long v = a.number();
            if (v < 0) return null;
            switch (a.type()) {
                case IpsecDoi.SA_LIFE_TYPE -> lifeType = (int) v;
                case IpsecDoi.SA_LIFE_DURATION -> {
                    if (lifeType == IpsecDoi.LIFE_SECONDS) seconds = v;
                    else if (lifeType == IpsecDoi.LIFE_KILOBYTES) kilobytes = v;
                    else return null;
                }
                case IpsecDoi.GROUP_DESCRIPTION -> group = (int) v;
                case IpsecDoi.ENCAPSULATION_MODE -> encap = (int) v;
                case IpsecDoi.AUTHENTICATION_ALGORITHM -> auth = (int) v;
                case IpsecDoi.KEY_LENGTH -> keyLength = (int) v;
                default -> {
                    return null; // key rounds, compression dictionaries, ...
                }
            }
        }
        switch (encap) {
            case IpsecDoi.ENCAP_TUNNEL, IpsecDoi.ENCAP_TRANSPORT, IpsecDoi.ENCAP_UDP_TUNNEL, IpsecDoi.ENCAP_UDP_TRANSPORT,
                    IpsecDoi.ENCAP_UDP_TUNNEL_DRAFT, IpsecDoi.ENCAP_UDP_TRANSPORT_DRAFT -> { }
            default -> {
                return null;
            }
        }
        if (group != 0 && DhGroup.byId(group).isEmpty()) return null;
        Transform tr = Transform.fromIke(t.transformId(), keyLength, auth).orElse(null);
        return tr == null ? null : new Esp(tr, encap, group, seconds, kilobytes);
    }

    /** The responder's phase-2 choice. */
    record Phase2Choice(IpsecPolicy policy, ProposalPayload proposal, TransformPayload transform, TransformSetSpec set,
                        Esp esp, IpsecMode mode, long seconds, long kilobytes, boolean lifetimeLowered) {}

    /**
     * Picks the first acceptable proposal in the peer's order against the policy's transform
     * sets (IOS). A set with {@code mode transport} also accepts tunnel; {@code mode tunnel}
     * accepts tunnel only. With {@code set pfs} the peer must offer that group; without it,
     * the peer's PFS group is accepted. Proposals combining protocols (ESP+AH) are skipped.
     */
    static Phase2Choice selectPhase2(IpsecPolicy policy, SaPayload offered, boolean ke, IkeDebug.Trace trace) {
        List<ProposalPayload> props = offered.proposals();
        for (ProposalPayload prop : props) {
            long sameNumber = props.stream().filter(p -> p.number() == prop.number()).count();
            if (sameNumber != 1 || prop.protocolId() != IpsecDoi.PROTO_IPSEC_ESP || prop.spi().length != 4) continue;
            trace.line("Checking IPSec proposal " + prop.number());
            for (TransformPayload t : prop.transforms()) {
                IkeDebug.espTransform(t, trace);
                Esp e = parseEsp(t);
                if (e == null) {
                    trace.line("atts are not acceptable.");
                    continue;
                }
                trace.line("atts are acceptable.");
                trace.ipsec("IPSEC(validate_proposal_request): proposal part #" + prop.number());
                if (ke != (e.group() != 0) || (policy.pfs() != null && e.group() != policy.pfs().id())) {
                    trace.ipsec("IPSEC(ipsec_process_proposal): invalid pfs group");
                    trace.line(" IPSec policy invalidated proposal with error 256");
                    continue;
                }
                for (TransformSetSpec ts : policy.transformSets()) {
                    if (!ts.transform().equals(e.transform())) continue;
                    if (ts.mode() == IpsecMode.TUNNEL && e.mode() != IpsecMode.TUNNEL) continue;
                    long theirSeconds = e.seconds() > 0 ? e.seconds() : IPSEC_DEFAULT_SECONDS;
                    long seconds = Math.min(theirSeconds, policy.lifetimeSeconds());
                    long kb = e.kilobytes() > 0 ? Math.min(e.kilobytes(), policy.lifetimeKilobytes()) : policy.lifetimeKilobytes();
                    boolean lowered = seconds < theirSeconds || (e.kilobytes() > 0 && kb < e.kilobytes());
                    return new Phase2Choice(policy, prop, t, ts, e, e.mode(), seconds, kb, lowered);
                }
                trace.ipsec("IPSEC(ipsec_process_proposal): transform proposal not supported for identity:\n    {"
                        + e.transform().encryption().configWords() + " " + e.transform().integrity().iosName() + " }");
                trace.line(" IPSec policy invalidated proposal with error 256");
            }
        }
        return null;
    }
}
