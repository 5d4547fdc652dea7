package dev.routerlab.ikev2;

import dev.routerlab.esp.EncryptionAlgorithm;
import dev.routerlab.esp.IntegrityAlgorithm;
import dev.routerlab.esp.Transform;
import dev.routerlab.ike.ChildSa;
import dev.routerlab.ike.Datagram;
import dev.routerlab.ike.DpdSettings;
import dev.routerlab.ike.IpsecMode;
import dev.routerlab.ike.IpsecPolicy;
import dev.routerlab.ike.ProxyId;
import dev.routerlab.ike.ProxyPair;
import dev.routerlab.ike.TransformSetSpec;
import dev.routerlab.ike.crypto.DhGroup;
import dev.routerlab.ike.crypto.DhKeyPair;
import dev.routerlab.ikev2.Ikev2Algorithms.Encryption;
import dev.routerlab.ikev2.Ikev2Algorithms.Integrity;
import dev.routerlab.ikev2.Ikev2Algorithms.Prf;
import dev.routerlab.packet.Bytes;
import dev.routerlab.packet.IpAddress;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.Ipv6Address;
import dev.routerlab.packet.ikev2.AuthPayload;
import dev.routerlab.packet.ikev2.DeletePayload;
import dev.routerlab.packet.ikev2.IdPayload;
import dev.routerlab.packet.ikev2.Ikev2Header;
import dev.routerlab.packet.ikev2.Ikev2Payloads;
import dev.routerlab.packet.ikev2.Ikev2Payloads.Raw;
import dev.routerlab.packet.ikev2.KePayload;
import dev.routerlab.packet.ikev2.NotifyPayload;
import dev.routerlab.packet.ikev2.SaPayload;
import dev.routerlab.packet.ikev2.TsPayload;
import dev.routerlab.packet.isakmp.UdpEncapsulation;
import dev.routerlab.sim.Scheduler;
import dev.routerlab.text.Printable;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One IKE SA (RFC 7296) and its exchanges: IKE_SA_INIT and IKE_AUTH with pre-shared keys
 * (§1.2, §2.15), CREATE_CHILD_SA for new and rekeyed Child SAs (§1.3), INFORMATIONAL for deletes
 * and liveness (§1.4, §2.4); requests retransmitted with a doubling interval, one outstanding
 * (window size 1, §2.3), the last response cached for retransmitted requests.
 */
final class Ikev2Sa {
    /** DELETING: replaced by a rekey (§2.8), its Delete awaiting the peer's answer. */
    enum State { INIT, AUTH, READY, DELETING, DELETED }

    static final long S = 1_000_000_000L;
    /** First retransmission after 2 s, doubling; the exchange is abandoned after {@link #RETRANSMITS}. */
    static final long RETRANSMIT_NANOS = 2 * S;
    /** How long a responder waits for IKE_AUTH after answering IKE_SA_INIT before it drops the SA. */
    static final long HALF_OPEN_NANOS = 30 * S;
    static final int RETRANSMITS = 5;
    static final int NONCE_LENGTH = 32;
    /** The longest a rekeyed Child SA keeps decrypting while its Delete is unanswered. */
    static final long RETIRE_NANOS = 10 * S;
    /** How long a rekeyed Child SA still decrypts after the peer answered its Delete (packets reordered behind the answer). */
    static final long LINGER_NANOS = S;

    final Ikev2Engine e;
    final int tunnelId;
    final boolean initiator;
    final long spiI;
    long spiR;
    /** The SA's ends: both IPv4 or both IPv6 (§2.23's hashes and IDs follow the family). */
    final IpAddress local, peer;
    /** 500, or 4500 on both sides once a NAT is detected (RFC 7296 §2.23); the peer's may be any behind a NAT. */
    int localPort, peerPort;
    /** §2.23: the peer's NAT_DETECTION_SOURCE_IP did not match its address (it is behind a NAT), or the DESTINATION one ours. */
    boolean peerBehindNat, selfBehindNat;
    /**
     * RFC 7383 §2.3: the MTU configured when both sides sent IKEV2_FRAGMENTATION_SUPPORTED in
     * IKE_SA_INIT, else 0. Fixed for the SA's life: a later {@code no crypto ikev2 fragmentation}
     * changes only new SAs.
     */
    int fragmentMtu;
    /** The fragmented message being reassembled (§2.6), one at a time: window size 1 each way. */
    private Ikev2Fragments reassembly;
    State state = State.INIT;
    Encryption enc;
    Integrity integ;
    Prf prf;
    DhGroup group;
    private byte[] ni, nr, initRequest, initResponse, cookie;
    private DhKeyPair dh;
    private Ikev2Keys.SaKeys keys;
    private SkCipher in, out;
    Ikev2Config.Profile profile;
    IdPayload localId, remoteId;
    long establishedNanos;
    final long createdNanos;
    private int nextRequestId, expectedRequestId;
    private int lastResponseId = -1;
    /** The last response as sent (its fragments when fragmented), for a retransmitted request. */
    private List<byte[]> lastResponse;
    private Outstanding outstanding;
    private final Deque<Runnable> queue = new ArrayDeque<>();
    /** Child SAs waiting for IKE_AUTH (the first rides in it, the rest follow as CREATE_CHILD_SA). */
    private final List<ChildRequest> waiting = new ArrayList<>();
    private ChildRequest inFlight;
    private final List<Scheduler.Timer> timers = new ArrayList<>();
    private long lastHeardNanos;
    private boolean dpdPending;
    /** Our IKE SA rekey in flight (§1.3.2): the new SA's SPI, our nonce and DH pair. */
    private record IkeRekey(long spi, byte[] nonce, DhKeyPair dh) {}
    private IkeRekey ikeRekey;
    /** The IKE SA that replaced this one (§2.8): Child SAs live there, and no DOWN is logged for this one. */
    Ikev2Sa successor;
    /** §2.8.2: the IKE SA made by answering the peer's rekey while ours was in flight, and the lowest nonce of that exchange. */
    private Ikev2Sa peerRekeyed;
    private byte[] peerRekeyLow;

    private record Outstanding(int messageId, int exchange, List<byte[]> message, Consumer<List<Raw>> onResponse,
                               Runnable onTimeout, long interval, int tries, Scheduler.Timer timer) {}

    Ikev2Sa(Ikev2Engine e, int tunnelId, boolean initiator, long spiI, long spiR, IpAddress local, int localPort, IpAddress peer,
            int peerPort) {
        this.e = e;
        this.tunnelId = tunnelId;
        this.initiator = initiator;
        this.spiI = spiI;
        this.spiR = spiR;
        this.local = local;
        this.localPort = localPort;
        this.peer = peer;
        this.peerPort = peerPort;
        this.createdNanos = e.scheduler.nanos();
        this.lastHeardNanos = createdNanos;
        // §2.6: a responder keeps no half-open SA for long (an initiator that never sends IKE_AUTH)
        if (!initiator) timers.add(e.scheduler.schedule(HALF_OPEN_NANOS, () -> {
            if (state == State.INIT || state == State.AUTH) failed("no IKE_AUTH from the initiator");
        }));
    }

    boolean ready() { return state == State.READY; }

    /** A responder between IKE_SA_INIT and IKE_AUTH: the peer is bringing an IKE SA up with us. */
    boolean respondingHalfOpen() { return !initiator && (state == State.INIT || state == State.AUTH); }

    /** Every change of state goes here: the engine counts the SAs that are not READY (half open). */
    private void setState(State next) {
        boolean was = state == State.READY;
        state = next;
        if (was != (next == State.READY)) e.readinessChanged(this, !was);
    }

    /** This SA's row of Wireshark's ikev2_decryption_table, null before it has keys (for {@link Ikev2WiresharkKeys} only). */
    String wiresharkRow() {
        return keys == null || state == State.DELETED ? null : Ikev2WiresharkKeys.row(spiI, spiR, enc, integ, keys);
    }

    /** Up and not replaced by a rekey: new exchanges (Child SAs, rekeys) go here. */
    boolean usable() { return state == State.READY && successor == null; }

    boolean closed() { return state == State.DELETED; }

    boolean wants(ProxyPair p) {
        if (state == State.DELETED) return false;
        if (inFlight != null && inFlight.proxies.equals(p) && inFlight.rekeyOf == 0) return true;
        for (ChildRequest c : waiting) if (c.proxies.equals(p)) return true;
        return false;
    }

    void queueChild(ChildRequest c) { waiting.add(c); }

    // ================================================================== initiator: IKE_SA_INIT

    void start() {
        List<Ikev2Config.Proposal> offer = e.config.proposalsFor(local);
        if (offer.isEmpty()) {
            fail("no IKEv2 proposal configured");
            return;
        }
        if (group == null) group = offer.get(0).groups().get(0);
        sendInit(offer);
    }

    /** IKE_SA_INIT: retried with a COOKIE, all else unchanged (§2.6); after INVALID_KE_PAYLOAD with a new KE. */
    private void sendInit(List<Ikev2Config.Proposal> offer) {
        if (ni == null) ni = nonce();
        if (dh == null || dh.group() != group) {
            e.debug(Ikev2Debug.sa(tunnelId) + "[IKEv2 -> Crypto Engine] Computing DH public key, DH Group " + group.id());
            dh = group.generate(e.random);
            e.debug(Ikev2Debug.sa(tunnelId) + "[Crypto Engine -> IKEv2] DH key Computation PASSED");
        }
        e.debug(Ikev2Debug.sa(tunnelId) + "Generating IKE_SA_INIT message");
        List<Raw> p = new ArrayList<>();
        if (cookie != null) p.add(notify(NotifyPayload.of(NotifyPayload.COOKIE, cookie)));
        p.add(new Raw(Ikev2Payloads.SA, false, ikeOffer(offer).body()));
        p.add(new Raw(Ikev2Payloads.KE, false, new KePayload(group.id(), dh.publicValue()).body()));
        p.add(new Raw(Ikev2Payloads.NONCE, false, ni));
        natDetection(p, 0);
        if (e.config.fragmentationMtu() > 0) p.add(notify(NotifyPayload.of(NotifyPayload.IKEV2_FRAGMENTATION_SUPPORTED)));
        byte[] chain = Ikev2Payloads.chain(p);
        byte[] m = new byte[Ikev2Header.LENGTH + chain.length];
        Ikev2Header.write(m, 0, spiI, 0, p.get(0).type(), Ikev2Header.IKE_SA_INIT, Ikev2Header.FLAG_INITIATOR, 0, m.length);
        System.arraycopy(chain, 0, m, Ikev2Header.LENGTH, chain.length);
        initRequest = m;
        nextRequestId = 1;                                  // IKE_SA_INIT is message 0
        debugPacket("Sending", 0, Ikev2Header.IKE_SA_INIT, false, p, null);
        request(0, Ikev2Header.IKE_SA_INIT, List.of(m), r -> initAnswered(r, offer), () -> fail("no response to IKE_SA_INIT"),
                RETRANSMIT_NANOS);
    }

    private SaPayload ikeOffer(List<Ikev2Config.Proposal> offer) {
        List<SaPayload.Proposal> l = new ArrayList<>();
        int n = 1;
        for (Ikev2Config.Proposal c : offer) {
            List<SaPayload.Transform> t = new ArrayList<>();
            for (Encryption x : c.encryption()) t.add(new SaPayload.Transform(SaPayload.ENCR, x.id, x.keyBits));
            for (Prf x : c.effectivePrf()) t.add(new SaPayload.Transform(SaPayload.PRF, x.id, -1));
            for (Integrity x : c.integrity()) t.add(new SaPayload.Transform(SaPayload.INTEG, x.id, -1));
            for (DhGroup x : c.groups()) t.add(new SaPayload.Transform(SaPayload.DH, x.id(), -1));
            l.add(new SaPayload.Proposal(n++, SaPayload.PROTO_IKE, new byte[0], t));
        }
        return new SaPayload(l);
    }

    private void initAnswered(List<Raw> p, List<Ikev2Config.Proposal> offer) {
        e.debug(Ikev2Debug.session(tunnelId) + "Processing IKE_SA_INIT message");
        for (NotifyPayload n : notifies(p)) {
            if (n.type() == NotifyPayload.INVALID_KE_PAYLOAD && n.data().length == 2) {
                Optional<DhGroup> g = DhGroup.byId(Bytes.u16(n.data(), 0));
                if (g.isEmpty() || !offered(offer, g.get()) || g.get() == group) {
                    fail("INVALID_KE_PAYLOAD for a group not offered");
                    return;
                }
                e.debug("IKEv2:(SA ID = " + tunnelId + "):Received INVALID_KE_PAYLOAD, retrying with group " + g.get().id());
                group = g.get();
                spiR = 0;
                sendInit(offer);
                return;
            }
            if (n.type() == NotifyPayload.COOKIE && cookie == null && n.data().length >= 1 && n.data().length <= 64) {
                cookie = n.data();
                spiR = 0;
                sendInit(offer);
                return;
            }
            if (n.error()) {
                if (n.type() == NotifyPayload.NO_PROPOSAL_CHOSEN) e.counters.noProposal++;
                fail("peer answered " + NotifyPayload.name(n.type()));
                return;
            }
        }
        SaPayload sa = SaPayload.decode(body(p, Ikev2Payloads.SA));
        KePayload ke = KePayload.decode(body(p, Ikev2Payloads.KE));
        byte[] nonce = body(p, Ikev2Payloads.NONCE);
        if (sa == null || sa.proposals().size() != 1 || ke == null || !validNonce(nonce) || spiR == 0) {
            fail("malformed IKE_SA_INIT response");
            return;
        }
        if (!chooseFromAnswer(sa.proposals().get(0), offer) || ke.group() != group.id()) {
            fail("IKE_SA_INIT response outside our offer");
            return;
        }
        nr = nonce;
        e.debug(Ikev2Debug.sa(tunnelId) + "[IKEv2 -> Crypto Engine] Computing DH secret key, DH Group " + group.id());
        Optional<byte[]> gir = dh.agree(ke.data());
        if (gir.isEmpty()) {
            fail("invalid KE from peer");
            return;
        }
        initResponse = lastMessage;
        detectNat(p, spiR);
        fragmentMtu = hasNotify(p, NotifyPayload.IKEV2_FRAGMENTATION_SUPPORTED) ? e.config.fragmentationMtu() : 0;
        if (natDetected() && localPort != UdpEncapsulation.PORT) {   // §2.23: the initiator moves to port 4500 for IKE_AUTH
            localPort = UdpEncapsulation.PORT;
            peerPort = UdpEncapsulation.PORT;
        }
        e.debug(Ikev2Debug.sa(tunnelId) + "[Crypto Engine -> IKEv2] DH key Computation PASSED");
        deriveKeys(gir.get());
        e.debug(Ikev2Debug.sa(tunnelId) + "Completed SA init exchange");
        setState(State.AUTH);
        sendAuth();
    }

    private static boolean offered(List<Ikev2Config.Proposal> offer, DhGroup g) {
        for (Ikev2Config.Proposal p : offer) if (p.groups().contains(g)) return true;
        return false;
    }

    private boolean chooseFromAnswer(SaPayload.Proposal a, List<Ikev2Config.Proposal> offer) {
        if (a.protocol() != SaPayload.PROTO_IKE || a.number() < 1 || a.number() > offer.size()) return false;
        Ikev2Config.Proposal o = offer.get(a.number() - 1);
        List<SaPayload.Transform> en = a.of(SaPayload.ENCR), pr = a.of(SaPayload.PRF), in = a.of(SaPayload.INTEG),
                dhs = a.of(SaPayload.DH);
        if (en.size() != 1 || pr.size() != 1 || dhs.size() != 1 || in.size() > 1) return false;
        enc = Encryption.of(en.get(0).id(), en.get(0).keyLength()).filter(o.encryption()::contains).orElse(null);
        prf = Prf.of(pr.get(0).id()).filter(o.effectivePrf()::contains).orElse(null);
        integ = in.isEmpty() || in.get(0).id() == 0 ? null : Integrity.of(in.get(0).id()).filter(o.integrity()::contains).orElse(null);
        DhGroup g = DhGroup.byId(dhs.get(0).id()).orElse(null);
        return enc != null && prf != null && (enc.aead == (integ == null)) && g == group;
    }

    // ================================================================== responder: IKE_SA_INIT

    private void answerInit(byte[] m, List<Raw> p) {
        e.debug(Ikev2Debug.session(tunnelId) + "Processing IKE_SA_INIT message");
        SaPayload sa = SaPayload.decode(body(p, Ikev2Payloads.SA));
        KePayload ke = KePayload.decode(body(p, Ikev2Payloads.KE));
        byte[] nonce = body(p, Ikev2Payloads.NONCE);
        if (sa == null || ke == null || !validNonce(nonce)) {
            e.counters.malformed++;
            closeQuietly();
            return;
        }
        Choice choice = chooseFromOffer(sa, ke.group(), 0);
        if (choice == null) {
            e.counters.noProposal++;
            e.debug("IKEv2:(SA ID = " + tunnelId + "):No matching proposal for the peer " + peer);
            sendResponse(0, Ikev2Header.IKE_SA_INIT, List.of(notify(NotifyPayload.of(NotifyPayload.NO_PROPOSAL_CHOSEN))), true);
            failed("no proposal chosen");
            return;
        }
        enc = choice.enc;
        prf = choice.prf;
        integ = choice.integ;
        group = choice.group;
        if (ke.group() != group.id()) {
            byte[] g = new byte[2];
            Bytes.put16(g, 0, group.id());
            sendResponse(0, Ikev2Header.IKE_SA_INIT, List.of(notify(NotifyPayload.of(NotifyPayload.INVALID_KE_PAYLOAD, g))), true);
            failed("invalid KE payload");
            return;
        }
        e.debug(Ikev2Debug.sa(tunnelId) + "[IKEv2 -> Crypto Engine] Computing DH public key, DH Group " + group.id());
        dh = group.generate(e.random);
        e.debug(Ikev2Debug.sa(tunnelId) + "[Crypto Engine -> IKEv2] DH key Computation PASSED");
        e.debug(Ikev2Debug.sa(tunnelId) + "[IKEv2 -> Crypto Engine] Computing DH secret key, DH Group " + group.id());
        Optional<byte[]> gir = dh.agree(ke.data());
        if (gir.isEmpty()) {
            e.counters.malformed++;
            closeQuietly();
            return;
        }
        ni = nonce;
        nr = nonce();
        initRequest = m;
        List<Raw> r = new ArrayList<>();
        r.add(new Raw(Ikev2Payloads.SA, false, new SaPayload(List.of(choice.answer)).body()));
        r.add(new Raw(Ikev2Payloads.KE, false, new KePayload(group.id(), dh.publicValue()).body()));
        r.add(new Raw(Ikev2Payloads.NONCE, false, nr));
        if (hasNotify(p, NotifyPayload.NAT_DETECTION_SOURCE_IP)) {   // answered only when asked (§2.23)
            detectNat(p, 0);
            natDetection(r, spiR);
        }
        if (e.config.fragmentationMtu() > 0 && hasNotify(p, NotifyPayload.IKEV2_FRAGMENTATION_SUPPORTED)) {   // RFC 7383 §2.3
            fragmentMtu = e.config.fragmentationMtu();
            r.add(notify(NotifyPayload.of(NotifyPayload.IKEV2_FRAGMENTATION_SUPPORTED)));
        }
        for (Ikev2Config.Profile pf : e.config.profiles().values()) {   // the CAs rsa-sig profiles trust (§3.7)
            byte[] req = pf.verifiesRemote() ? Ikev2Certs.certReq(pf.certs().pki(), pf.certs().trustpoints()) : null;
            if (req != null) {
                r.add(new Raw(Ikev2Payloads.CERTREQ, false, req));
                break;
            }
        }
        initResponse = sendResponse(0, Ikev2Header.IKE_SA_INIT, r, true);
        deriveKeys(gir.get());
        expectedRequestId = 1;
        setState(State.AUTH);
        e.counters.saResponded++;
    }

    /** IKE SA algorithms agreed and the proposal that answers the offer. */
    private record Choice(Encryption enc, Prf prf, Integrity integ, DhGroup group, SaPayload.Proposal answer) {}

    /**
     * The first offered proposal one of ours accepts, the KE's group preferred (§1.2); in a
     * rekey (§1.3.2) the offer carries the initiator's new 8-octet SPI and the answer {@code newSpi}.
     */
    private Choice chooseFromOffer(SaPayload sa, int keGroup, long newSpi) {
        for (SaPayload.Proposal o : sa.proposals()) {
            if (o.protocol() != SaPayload.PROTO_IKE || o.spi().length != (newSpi == 0 ? 0 : 8)) continue;
            for (Ikev2Config.Proposal c : e.config.proposalsFor(local)) {
                Encryption en = null;
                for (SaPayload.Transform t : o.of(SaPayload.ENCR)) {
                    en = Encryption.of(t.id(), t.keyLength()).filter(c.encryption()::contains).orElse(null);
                    if (en != null) break;
                }
                Prf pr = null;
                for (SaPayload.Transform t : o.of(SaPayload.PRF)) {
                    pr = Prf.of(t.id()).filter(c.effectivePrf()::contains).orElse(null);
                    if (pr != null) break;
                }
                Integrity in = null;
                for (SaPayload.Transform t : o.of(SaPayload.INTEG)) {
                    in = Integrity.of(t.id()).filter(c.integrity()::contains).orElse(null);
                    if (in != null) break;
                }
                DhGroup g = null;
                for (SaPayload.Transform t : o.of(SaPayload.DH)) {
                    DhGroup x = DhGroup.byId(t.id()).filter(c.groups()::contains).orElse(null);
                    if (x != null && (g == null || x.id() == keGroup)) g = x;
                }
                if (en == null || pr == null || g == null || (en.aead ? in != null : in == null)) continue;
                List<SaPayload.Transform> t = new ArrayList<>();
                t.add(new SaPayload.Transform(SaPayload.ENCR, en.id, en.keyBits));
                t.add(new SaPayload.Transform(SaPayload.PRF, pr.id, -1));
                if (in != null) t.add(new SaPayload.Transform(SaPayload.INTEG, in.id, -1));
                t.add(new SaPayload.Transform(SaPayload.DH, g.id(), -1));
                return new Choice(en, pr, in, g, new SaPayload.Proposal(o.number(), SaPayload.PROTO_IKE,
                        newSpi == 0 ? new byte[0] : spi8(newSpi), t));
            }
        }
        return null;
    }

    private void deriveKeys(byte[] gir) {
        installKeys(Ikev2Keys.skeyseed(prf, ni, nr, gir));
    }

    private void installKeys(byte[] seed) {
        keys = Ikev2Keys.saKeys(prf, enc, integ, seed, ni, nr, spiI, spiR);
        SkCipher iToR = new SkCipher(enc, integ, keys.ei(), keys.ai()), rToI = new SkCipher(enc, integ, keys.er(), keys.ar());
        out = initiator ? iToR : rToI;
        in = initiator ? rToI : iToR;
    }

    // ================================================================== IKE_AUTH

    private void sendAuth() {
        List<Raw> p = new ArrayList<>();
        List<Raw> auth = localAuth(Ikev2Payloads.IDI, initRequest, nr, keys.pi(), null);
        if (auth == null) {
            e.counters.authFailed++;
            fail(profile.signsLocally() ? "no certificate of trustpoints " + profile.certs().trustpoints()
                : "no pre-shared key for " + peer);
            return;
        }
        p.add(auth.get(0));
        if (profile.signsLocally() || profile.verifiesRemote()) {
            for (int i = 1; i < auth.size() - 1; i++) p.add(auth.get(i));
            byte[] req = profile.verifiesRemote() ? Ikev2Certs.certReq(profile.certs().pki(), profile.certs().trustpoints()) : null;
            if (req != null) p.add(new Raw(Ikev2Payloads.CERTREQ, false, req));
        }
        if (e.firstContact(this)) p.add(notify(NotifyPayload.of(NotifyPayload.INITIAL_CONTACT)));
        p.add(auth.get(auth.size() - 1));
        ChildRequest c = waiting.isEmpty() ? null : waiting.remove(0);
        inFlight = c;
        if (c != null) p.addAll(childRequestPayloads(c, false));
        sendRequest(Ikev2Header.IKE_AUTH, p, this::authResponse, () -> fail("no response to IKE_AUTH"), RETRANSMIT_NANOS);
    }

    private void authResponse(List<Raw> p) {
        e.debug(Ikev2Debug.session(tunnelId) + "Processing IKE_AUTH message");
        for (NotifyPayload n : notifies(p)) {
            if (n.type() == NotifyPayload.AUTHENTICATION_FAILED) {
                e.counters.authFailed++;
                fail("peer answered AUTHENTICATION_FAILED");
                return;
            }
        }
        IdPayload idr = IdPayload.decode(body(p, Ikev2Payloads.IDR));
        AuthPayload auth = AuthPayload.decode(body(p, Ikev2Payloads.AUTH));
        String why = idr == null || auth == null ? "no identity or AUTH" : remoteAuth(p, idr, auth, initResponse, ni, keys.pr());
        if (idr != null && auth != null) {
            e.debug(Ikev2Debug.session(tunnelId) + "Verification of peer's authentication data " + (why == null ? "PASSED" : "FAILED"));
        }
        if (why != null) {
            e.counters.authFailed++;
            // §2.21.2: the responder's IKE SA is up; tell it in an INFORMATIONAL of our own (sent once, as a Delete)
            send(seal(Ikev2Header.INFORMATIONAL, flags(false), nextRequestId++,
                    List.of(notify(NotifyPayload.of(NotifyPayload.AUTHENTICATION_FAILED)))));
            fail("authentication of the peer failed: " + why);
            return;
        }
        remoteId = idr;
        established();
        ChildRequest c = inFlight;
        inFlight = null;
        if (c != null) childResponse(c, p, null);
        drainWaiting();
    }

    private void authRequest(List<Raw> p, int mid) {
        e.debug(Ikev2Debug.session(tunnelId) + "Processing IKE_AUTH message");
        IdPayload idi = IdPayload.decode(body(p, Ikev2Payloads.IDI));
        AuthPayload auth = AuthPayload.decode(body(p, Ikev2Payloads.AUTH));
        profile = idi == null ? null : e.config.profileFor(idi);
        if (profile == null && idi != null) profile = e.config.profileFor(Ikev2Certs.certificate(body(p, Ikev2Payloads.CERT)));
        String why = idi == null || auth == null || profile == null ? null : remoteAuth(p, idi, auth, initRequest, nr, keys.pi());
        List<Raw> mine = why != null || profile == null ? null : localAuth(Ikev2Payloads.IDR, initResponse, ni, keys.pr(), idi);
        if (mine == null) {
            e.counters.authFailed++;
            e.debug(profile == null ? Ikev2Debug.sa(tunnelId) + "Failed to locate an item in the database"
                    : Ikev2Debug.session(tunnelId) + "Verification of peer's authentication data FAILED");
            sendResponse(mid, Ikev2Header.IKE_AUTH, List.of(notify(NotifyPayload.of(NotifyPayload.AUTHENTICATION_FAILED))), false);
            failed("authentication failed");
            return;
        }
        e.debug(Ikev2Debug.session(tunnelId) + "Verification of peer's authentication data PASSED");
        remoteId = idi;
        List<Raw> r = new ArrayList<>(mine);
        boolean contact = hasNotify(p, NotifyPayload.INITIAL_CONTACT);
        established();
        if (contact) e.initialContact(this);
        if (Ikev2Payloads.first(p, Ikev2Payloads.SA) != null) r.addAll(childAnswer(p, null, null, 0));
        sendResponse(mid, Ikev2Header.IKE_AUTH, r, false);
        drainWaiting();
    }

    /**
     * This side's identity and AUTH (and CERT when it signs, §3.6): with rsa-sig the trustpoint's
     * certificate and an RSA signature over the signed octets (method 1, §2.15), else the
     * keyring's pre-shared key; null when it has neither. Sets localId.
     */
    private List<Raw> localAuth(int idType, byte[] realMessage, byte[] nonce, byte[] skP, IdPayload remote) {
        if (profile.signsLocally()) {
            dev.routerlab.pki.Pki.Credential cred = null;
            for (String t : profile.certs().trustpoints()) if (cred == null) cred = profile.certs().pki().credential(t);
            if (cred == null) return null;
            localId = profile.localIdentity() != null ? profile.localIdentity() : Ikev2Certs.dn(cred.certificate());
            byte[] sig = Ikev2Certs.sign(cred.pair().getPrivate(), Ikev2Certs.signedOctets(prf, realMessage, nonce, skP, localId.body()));
            List<Raw> out = new ArrayList<>(List.of(new Raw(idType, false, localId.body()),
                new Raw(Ikev2Payloads.CERT, false, Ikev2Certs.certPayload(cred.certificate()))));
            // the intermediates up to the trustpoint's root, each in a CERT of its own (§3.6)
            for (var c : cred.intermediates()) out.add(new Raw(Ikev2Payloads.CERT, false, Ikev2Certs.certPayload(c)));
            out.add(new Raw(Ikev2Payloads.AUTH, false, new AuthPayload(AuthPayload.RSA_SIGNATURE, sig).body()));
            return out;
        }
        Ikev2Config.Peer kp = e.config.peerFor(profile, peer, remote);
        if (kp == null || kp.localKey() == null) return null;
        localId = profile.localIdentity() != null ? profile.localIdentity() : IdPayload.address(local);
        byte[] mac = Ikev2Keys.pskAuth(prf, key(kp.localKey()), realMessage, nonce, skP, localId.body());
        return List.of(new Raw(idType, false, localId.body()),
            new Raw(Ikev2Payloads.AUTH, false, new AuthPayload(AuthPayload.SHARED_KEY_MIC, mac).body()));
    }

    /** Why the peer's AUTH fails (null: it holds): its certificate and signature with rsa-sig, else its pre-shared key. */
    private String remoteAuth(List<Raw> p, IdPayload id, AuthPayload auth, byte[] realMessage, byte[] nonce, byte[] skP) {
        if (profile.verifiesRemote()) {
            return Ikev2Certs.verify(profile.certs(), Ikev2Certs.chain(p), id, auth,
                Ikev2Certs.signedOctets(prf, realMessage, nonce, skP, id.body()), e);
        }
        Ikev2Config.Peer kp = e.config.peerFor(profile, peer, id);
        if (kp == null || kp.remoteKey() == null) return "no pre-shared key for the peer";
        if (auth.method() != AuthPayload.SHARED_KEY_MIC
                || !MessageDigest.isEqual(auth.data(), Ikev2Keys.pskAuth(prf, key(kp.remoteKey()), realMessage, nonce, skP, id.body()))) {
            return "pre-shared key mismatch";
        }
        return null;
    }

    private void established() {
        up();
        e.counters.saEstablished++;
        e.debug(Ikev2Debug.session(tunnelId) + "Session with IKE ID PAIR (" + Printable.printable(Ikev2Certs.text(remoteId)) + ", "
                + Ikev2Certs.text(localId) + ") is UP");
        e.log(5, "IKEV2_SESSION_STATUS", "Crypto tunnel v2 is UP.  Peer " + peer + ":" + peerPort
                + "       Id: " + Printable.printable(Ikev2Certs.text(remoteId)));
        if (e.config.logging()) e.log("IKEV2", 5, "SA_UP", "SA UP");
    }

    /** READY from now on: rekeyed before the profile's {@code lifetime} runs out, deleted when it does; periodic DPD. */
    private void up() {
        setState(State.READY);
        establishedNanos = e.scheduler.nanos();
        lastHeardNanos = establishedNanos;
        long life = lifetimeSeconds() * S;
        timers.add(e.scheduler.schedule(e.softLifetime(life, initiator), this::rekeyIke));
        timers.add(e.scheduler.schedule(life, () -> delete("lifetime expired", true)));
        DpdSettings dpd = profile == null ? null : profile.dpd();
        if (dpd != null && dpd.periodic()) scheduleDpd(dpd);
    }

    private long lifetimeSeconds() {
        return profile == null ? Ikev2Config.Profile.DEFAULT_LIFETIME : profile.lifetimeSeconds();
    }

    // ================================================================== IKE SA rekey (§1.3.2, §2.8, §2.18)

    /** Rekeys this IKE SA with CREATE_CHILD_SA {SA, Ni, KEi}: its algorithms, a new SPI, nonce and DH exchange. */
    void rekeyIke() {
        if (!usable() || ikeRekey != null) return;
        IkeRekey k = new IkeRekey(e.newSpi(), nonce(), group.generate(e.random));
        ikeRekey = k;
        e.counters.ikeRekeys++;
        e.debug("IKEv2:(SA ID = " + tunnelId + "):Rekeying the IKE SA with " + peer);
        List<SaPayload.Transform> t = new ArrayList<>();
        t.add(new SaPayload.Transform(SaPayload.ENCR, enc.id, enc.keyBits));
        t.add(new SaPayload.Transform(SaPayload.PRF, prf.id, -1));
        if (integ != null) t.add(new SaPayload.Transform(SaPayload.INTEG, integ.id, -1));
        t.add(new SaPayload.Transform(SaPayload.DH, group.id(), -1));
        List<Raw> p = List.of(
                new Raw(Ikev2Payloads.SA, false, new SaPayload(List.of(new SaPayload.Proposal(1, SaPayload.PROTO_IKE, spi8(k.spi),
                        t))).body()),
                new Raw(Ikev2Payloads.NONCE, false, k.nonce),
                new Raw(Ikev2Payloads.KE, false, new KePayload(group.id(), k.dh.publicValue()).body()));
        sendRequest(Ikev2Header.CREATE_CHILD_SA, p, r -> ikeRekeyAnswered(k, r), () -> fail("no response to the IKE SA rekey"),
                RETRANSMIT_NANOS);
    }

    private void ikeRekeyAnswered(IkeRekey k, List<Raw> p) {
        ikeRekey = null;
        if (state != State.READY) return;
        for (NotifyPayload n : notifies(p)) {
            if (!n.error()) continue;
            e.debug("IKEv2:(SA ID = " + tunnelId + "):IKE SA rekey refused: " + NotifyPayload.name(n.type()));
            // §2.25.2: the peer is rekeying or closing it itself; try again later unless its rekey replaced this SA
            if (n.type() == NotifyPayload.TEMPORARY_FAILURE && successor == null) {
                timers.add(e.scheduler.schedule(S + e.random.nextInt(4000) * 1_000_000L, this::rekeyIke));
            }
            return;
        }
        SaPayload sa = SaPayload.decode(body(p, Ikev2Payloads.SA));
        KePayload ke = KePayload.decode(body(p, Ikev2Payloads.KE));
        byte[] nonce = body(p, Ikev2Payloads.NONCE);
        SaPayload.Proposal a = sa == null || sa.proposals().size() != 1 ? null : sa.proposals().get(0);
        byte[] gir = a == null || a.protocol() != SaPayload.PROTO_IKE || a.spi().length != 8 || !sameAlgorithms(a) || ke == null
                || ke.group() != group.id() || !validNonce(nonce) ? null : k.dh.agree(ke.data()).orElse(null);
        if (gir == null) {
            e.counters.malformed++;
            e.debug("IKEv2:(SA ID = " + tunnelId + "):IKE SA rekey answer outside our offer");
            return;
        }
        Ikev2Sa n = successorOf(true, k.spi, spi64(a.spi()), new Choice(enc, prf, integ, group, null), gir, k.nonce, nonce);
        if (peerRekeyed != null) {
            // §2.8.2: both rekeyed; the new SA of the exchange holding the lowest of the four nonces is redundant,
            // deleted by the side that made it; the other side's initiator deletes the old SA
            if (Arrays.compareUnsigned(lower(k.nonce, nonce), peerRekeyLow) < 0) {
                n.successor = peerRekeyed;
                n.retire("redundant rekey");
                return;
            }
            peerRekeyed.successor = n;
            e.moveChildren(peerRekeyed, n);
        }
        successor = n;
        e.moveChildren(this, n);
        retire("rekeyed");
    }

    /** The peer's rekey of this IKE SA (CREATE_CHILD_SA without TSi): answered {SA, Nr, KEr}, the new SA made. */
    private void answerIkeRekey(List<Raw> p, int mid, SaPayload sa, byte[] peerNonce) {
        KePayload ke = KePayload.decode(body(p, Ikev2Payloads.KE));
        long newSpi = e.newSpi();
        Choice c = ke == null || successor != null ? null : chooseFromOffer(sa, ke.group(), newSpi);
        NotifyPayload refusal = null;
        if (successor != null) refusal = NotifyPayload.of(NotifyPayload.TEMPORARY_FAILURE);   // §2.25.2
        else if (c == null) refusal = NotifyPayload.of(NotifyPayload.NO_PROPOSAL_CHOSEN);
        else if (ke.group() != c.group.id()) {
            byte[] g = new byte[2];
            Bytes.put16(g, 0, c.group.id());
            refusal = NotifyPayload.of(NotifyPayload.INVALID_KE_PAYLOAD, g);
        }
        DhKeyPair mine = refusal == null ? c.group.generate(e.random) : null;
        byte[] gir = mine == null ? null : mine.agree(ke.data()).orElse(null);
        if (refusal == null && gir == null) refusal = NotifyPayload.of(NotifyPayload.INVALID_SYNTAX);
        if (refusal != null) {
            e.debug("IKEv2:(SA ID = " + tunnelId + "):Refusing the peer's IKE SA rekey: " + NotifyPayload.name(refusal.type()));
            sendResponse(mid, Ikev2Header.CREATE_CHILD_SA, List.of(notify(refusal)), false);
            return;
        }
        long peerSpi = 0;
        for (SaPayload.Proposal o : sa.proposals()) if (o.number() == c.answer.number()) peerSpi = spi64(o.spi());
        byte[] myNonce = nonce();
        sendResponse(mid, Ikev2Header.CREATE_CHILD_SA, List.of(new Raw(Ikev2Payloads.SA, false, new SaPayload(List.of(c.answer)).body()),
                new Raw(Ikev2Payloads.NONCE, false, myNonce),
                new Raw(Ikev2Payloads.KE, false, new KePayload(c.group.id(), mine.publicValue()).body())), false);
        Ikev2Sa n = successorOf(false, peerSpi, newSpi, c, gir, peerNonce, myNonce);
        successor = n;
        e.moveChildren(this, n);
        if (ikeRekey != null) {                 // ours is in flight too (§2.8.2): decided when its answer comes
            peerRekeyed = n;
            peerRekeyLow = lower(peerNonce, myNonce);
        }
        // the peer deletes this SA now (§2.8); should its Delete never come, this side does
        timers.forEach(Scheduler.Timer::cancel);
        timers.add(e.scheduler.schedule(REPLACED_NANOS, () -> delete("rekeyed", true)));
    }

    /** How long an IKE SA replaced by the peer's rekey waits for the peer's Delete. */
    static final long REPLACED_NANOS = 30 * S;

    /** The new IKE SA of a rekey: SKEYSEED from the old SK_d and PRF (§2.18), message IDs from 0, the same peer and identities. */
    private Ikev2Sa successorOf(boolean rekeyInitiator, long newSpiI, long newSpiR, Choice c, byte[] gir, byte[] n1, byte[] n2) {
        Ikev2Sa n = new Ikev2Sa(e, e.nextTunnelId(), rekeyInitiator, newSpiI, newSpiR, local, localPort, peer, peerPort);
        n.enc = c.enc;
        n.prf = c.prf;
        n.integ = c.integ;
        n.group = c.group;
        n.profile = profile;
        n.localId = localId;
        n.remoteId = remoteId;
        n.peerBehindNat = peerBehindNat;
        n.selfBehindNat = selfBehindNat;
        n.ni = n1;
        n.nr = n2;
        n.installKeys(Ikev2Keys.rekeySkeyseed(prf, keys.d(), gir, n1, n2));
        n.up();
        e.ikeSaRekeyed(n);
        if (e.debugging()) e.debug(String.format("IKEv2:(SA ID = %d):IKE SA rekeyed: new SA ID %d, SPIs %016X/%016X", tunnelId, n.tunnelId,
                newSpiI, newSpiR));
        return n;
    }

    /** Deletes this IKE SA, replaced by {@link #successor}: INFORMATIONAL Delete, gone with its answer (or without one). */
    private void retire(String reason) {
        setState(State.DELETING);
        timers.forEach(Scheduler.Timer::cancel);
        e.counters.deletesOut++;
        sendRequest(Ikev2Header.INFORMATIONAL, List.of(new Raw(Ikev2Payloads.DELETE, false,
                new DeletePayload(SaPayload.PROTO_IKE, List.of()).body())), r -> gone(reason), () -> gone(reason), RETRANSMIT_NANOS);
    }

    private boolean sameAlgorithms(SaPayload.Proposal a) {
        List<SaPayload.Transform> en = a.of(SaPayload.ENCR), pr = a.of(SaPayload.PRF), in = a.of(SaPayload.INTEG),
                dhs = a.of(SaPayload.DH);
        return en.size() == 1 && en.get(0).id() == enc.id && en.get(0).keyLength() == enc.keyBits && pr.size() == 1
                && pr.get(0).id() == prf.id && dhs.size() == 1 && dhs.get(0).id() == group.id()
                && (integ == null ? in.isEmpty() || in.get(0).id() == 0 : in.size() == 1 && in.get(0).id() == integ.id);
    }

    /** The lower of two nonces as unsigned octet strings (§2.8.1, §2.8.2). */
    static byte[] lower(byte[] a, byte[] b) { return Arrays.compareUnsigned(a, b) <= 0 ? a : b; }

    static byte[] spi8(long spi) {
        byte[] b = new byte[8];
        Bytes.put32(b, 0, (int) (spi >>> 32));
        Bytes.put32(b, 4, (int) spi);
        return b;
    }

    static long spi64(byte[] b) { return (long) Bytes.i32(b, 0) << 32 | Bytes.u32L(b, 4); }

    private void drainWaiting() {
        for (ChildRequest c : new ArrayList<>(waiting)) createChild(c);
        waiting.clear();
    }

    // ================================================================== Child SAs

    /** SA, Ni [KE], TSi, TSr (+ USE_TRANSPORT_MODE, REKEY_SA) for a Child SA this side asks for. */
    private List<Raw> childRequestPayloads(ChildRequest c, boolean createChild) {
        c.spi = e.allocateSpi();
        List<Raw> p = new ArrayList<>();
        if (c.rekeyOf != 0) {
            Ikev2Engine.ChildRecord old = e.child(c.rekeyOf);
            byte[] spi = new byte[4];
            Bytes.put32(spi, 0, old == null ? 0 : old.sa.inboundSpi());
            p.add(notify(new NotifyPayload(SaPayload.PROTO_ESP, spi, NotifyPayload.REKEY_SA, new byte[0])));
        }
        if (c.policy.transformSets().get(0).mode() == IpsecMode.TRANSPORT) {
            p.add(notify(NotifyPayload.of(NotifyPayload.USE_TRANSPORT_MODE)));
        }
        DhGroup pfs = createChild ? c.policy.pfs() : null;
        p.add(new Raw(Ikev2Payloads.SA, false, espOffer(c.policy.transformSets(), c.spi, pfs).body()));
        if (createChild) {
            c.nonce = nonce();
            p.add(new Raw(Ikev2Payloads.NONCE, false, c.nonce));
            if (pfs != null) {
                c.dh = pfs.generate(e.random);
                p.add(new Raw(Ikev2Payloads.KE, false, new KePayload(pfs.id(), c.dh.publicValue()).body()));
            }
        }
        p.add(new Raw(Ikev2Payloads.TSI, false, new TsPayload(List.of(selector(c.proxies.local()))).body()));
        p.add(new Raw(Ikev2Payloads.TSR, false, new TsPayload(List.of(selector(c.proxies.remote()))).body()));
        return p;
    }

    void createChild(ChildRequest c) {
        if (successor != null && !successor.closed()) {
            successor.createChild(c);
            return;
        }
        if (!ready()) {
            waiting.add(c);
            return;
        }
        inFlightChildren.add(c);
        sendRequest(Ikev2Header.CREATE_CHILD_SA, childRequestPayloads(c, true), r -> {
            inFlightChildren.remove(c);
            childResponse(c, r, c.nonce);
        }, () -> {
            inFlightChildren.remove(c);
            e.releaseSpi(c.spi);
            fail("no response to CREATE_CHILD_SA");
        }, RETRANSMIT_NANOS);
    }

    private final List<ChildRequest> inFlightChildren = new ArrayList<>();

    /** The answer to our Child SA request (in IKE_AUTH, or CREATE_CHILD_SA with {@code myNonce}). */
    private void childResponse(ChildRequest c, List<Raw> p, byte[] myNonce) {
        for (NotifyPayload n : notifies(p)) {
            if (n.error()) {
                e.releaseSpi(c.spi);
                e.debug("IKEv2:(SA ID = " + tunnelId + "):Child SA refused: " + NotifyPayload.name(n.type()));
                Ikev2Engine.ChildRecord old = c.rekeyOf == 0 ? null : e.child(c.rekeyOf);
                if (old != null && n.type() == NotifyPayload.TEMPORARY_FAILURE) {   // §2.25.1: again a little later
                    timers.add(e.scheduler.schedule(S + e.random.nextInt(4000) * 1_000_000L, () -> {
                        old.rekeying = false;
                        e.rekey(old);
                    }));
                    return;
                }
                e.listener.negotiationFailed(peer, NotifyPayload.name(n.type()));
                return;
            }
        }
        SaPayload sa = SaPayload.decode(body(p, Ikev2Payloads.SA));
        TsPayload tsi = TsPayload.decode(body(p, Ikev2Payloads.TSI)), tsr = TsPayload.decode(body(p, Ikev2Payloads.TSR));
        byte[] peerNonce = myNonce == null ? null : body(p, Ikev2Payloads.NONCE);
        if (sa == null || sa.proposals().size() != 1 || tsi == null || tsr == null || (myNonce != null && !validNonce(peerNonce))) {
            e.releaseSpi(c.spi);
            e.counters.malformed++;
            return;
        }
        if (hasNotify(p, NotifyPayload.USE_TRANSPORT_MODE)) {   // §2.23.1: the responder's selectors back to our view
            tsi = asSeen(tsi, true);
            tsr = asSeen(tsr, false);
        }
        SaPayload.Proposal a = sa.proposals().get(0);
        TransformSetSpec ts = matchTransform(a, c.policy.transformSets());
        ProxyId lp = proxy(tsi.selectors().get(0)), rp = proxy(tsr.selectors().get(0));
        if (ts == null || a.spi().length != 4 || lp == null || rp == null || !c.proxies.local().covers(lp)
                || !c.proxies.remote().covers(rp)) {
            e.releaseSpi(c.spi);
            e.debug("IKEv2:(SA ID = " + tunnelId + "):Child SA answer outside our offer");
            return;
        }
        byte[] gir = null;
        if (myNonce != null && c.dh != null) {
            KePayload ke = KePayload.decode(body(p, Ikev2Payloads.KE));
            gir = ke == null || ke.group() != c.dh.group().id() ? null : c.dh.agree(ke.data()).orElse(null);
            if (gir == null) {
                e.releaseSpi(c.spi);
                return;
            }
        }
        boolean transport = ts.mode() == IpsecMode.TRANSPORT && hasNotify(p, NotifyPayload.USE_TRANSPORT_MODE);
        byte[] n1 = myNonce == null ? ni : myNonce, n2 = myNonce == null ? nr : peerNonce;
        Ikev2Engine.ChildRecord mine = install(c.policy, new ProxyPair(lp, rp), ts.transform(), transport, c.spi,
                Bytes.i32(a.spi(), 0), true, gir, n1, n2, c.policy.pfs() != null && myNonce != null ? c.policy.pfs() : null, 0);
        if (c.rekeyOf != 0) {
            Ikev2Engine.ChildRecord old = e.child(c.rekeyOf), theirs = e.replacementOf(c.rekeyOf);
            // §2.8.1: the peer rekeyed the same Child SA meanwhile; the new SA of the exchange with the lowest of the
            // four nonces is redundant and deleted by its maker, the other exchange's initiator deletes the old one
            if (theirs != null && Arrays.compareUnsigned(lower(n1, n2), theirs.lowNonce) < 0) {
                e.deleteChild(mine, "redundant rekey", true);
            } else if (old != null) {
                e.retire(old);
            }
        }
    }

    /**
     * Answers a Child SA request of the peer (in IKE_AUTH when {@code peerNonce} is null, else
     * CREATE_CHILD_SA): the payloads of our answer, the SA installed when one was agreed.
     */
    private List<Raw> childAnswer(List<Raw> p, byte[] peerNonce, byte[] myNonce, long replaces) {
        SaPayload sa = SaPayload.decode(body(p, Ikev2Payloads.SA));
        TsPayload tsi = TsPayload.decode(body(p, Ikev2Payloads.TSI)), tsr = TsPayload.decode(body(p, Ikev2Payloads.TSR));
        if (sa == null || tsi == null || tsr == null) return List.of(notify(NotifyPayload.of(NotifyPayload.INVALID_SYNTAX)));
        if (hasNotify(p, NotifyPayload.USE_TRANSPORT_MODE)) {   // §2.23.1: looked up, installed and answered as seen here
            tsi = asSeen(tsi, false);
            tsr = asSeen(tsr, true);
        }
        ProxyPair sel = null;
        IpsecPolicy policy = null;
        for (IpsecPolicy pol : e.config.ipsecPolicies()) {
            if (!pol.acceptsPeer(peer)) continue;
            for (ProxyPair pp : pol.selectors()) {
                ProxyPair n = narrow(pp, tsr, tsi);
                if (n != null) {
                    sel = n;
                    policy = pol;
                    break;
                }
            }
            if (policy != null) break;
        }
        if (policy == null) {
            e.debug("IKEv2:(SA ID = " + tunnelId + "):Traffic selectors unacceptable");
            return List.of(notify(NotifyPayload.of(NotifyPayload.TS_UNACCEPTABLE)));
        }
        for (SaPayload.Proposal o : sa.proposals()) {
            if (o.protocol() != SaPayload.PROTO_ESP || o.spi().length != 4) continue;
            TransformSetSpec ts = matchTransform(o, policy.transformSets());
            if (ts == null) continue;
            DhGroup pfs = null;
            byte[] gir = null;
            List<Raw> r = new ArrayList<>();
            if (peerNonce != null) {
                KePayload ke = KePayload.decode(body(p, Ikev2Payloads.KE));
                if (ke != null) {
                    pfs = DhGroup.byId(ke.group()).orElse(null);
                    if (pfs == null || !offersGroup(o, pfs)) {
                        byte[] g = new byte[2];
                        Bytes.put16(g, 0, policy.pfs() == null ? 0 : policy.pfs().id());
                        return List.of(notify(NotifyPayload.of(NotifyPayload.INVALID_KE_PAYLOAD, g)));
                    }
                    DhKeyPair mine = pfs.generate(e.random);
                    gir = mine.agree(ke.data()).orElse(null);
                    if (gir == null) return List.of(notify(NotifyPayload.of(NotifyPayload.INVALID_SYNTAX)));
                    r.add(new Raw(Ikev2Payloads.KE, false, new KePayload(pfs.id(), mine.publicValue()).body()));
                }
            }
            boolean transport = ts.mode() == IpsecMode.TRANSPORT && hasNotify(p, NotifyPayload.USE_TRANSPORT_MODE);
            int spi = e.allocateSpi();
            List<SaPayload.Transform> t = new ArrayList<>();
            for (SaPayload.Transform x : o.transforms()) {
                if (x.type() == SaPayload.ENCR || x.type() == SaPayload.INTEG) {
                    if (matchesTransform(x, ts.transform())) t.add(x);
                }
            }
            if (!o.of(SaPayload.ESN).isEmpty()) t.add(new SaPayload.Transform(SaPayload.ESN, 0, -1));
            if (pfs != null) t.add(new SaPayload.Transform(SaPayload.DH, pfs.id(), -1));
            byte[] spiB = new byte[4];
            Bytes.put32(spiB, 0, spi);
            List<Raw> head = new ArrayList<>();
            if (transport) head.add(notify(NotifyPayload.of(NotifyPayload.USE_TRANSPORT_MODE)));
            head.add(new Raw(Ikev2Payloads.SA, false, new SaPayload(List.of(new SaPayload.Proposal(o.number(),
                    SaPayload.PROTO_ESP, spiB, dedupe(t)))).body()));
            if (myNonce != null) head.add(new Raw(Ikev2Payloads.NONCE, false, myNonce));
            head.addAll(r);
            head.add(new Raw(Ikev2Payloads.TSI, false, new TsPayload(List.of(selector(sel.remote()))).body()));
            head.add(new Raw(Ikev2Payloads.TSR, false, new TsPayload(List.of(selector(sel.local()))).body()));
            byte[] n1 = peerNonce == null ? ni : peerNonce, n2 = peerNonce == null ? nr : myNonce;
            install(policy, sel, ts.transform(), transport, spi, Bytes.i32(o.spi(), 0), false, gir, n1, n2, pfs, replaces);
            return head;
        }
        e.debug("IKEv2:(SA ID = " + tunnelId + "):No matching Child SA proposal");
        return List.of(notify(NotifyPayload.of(NotifyPayload.NO_PROPOSAL_CHOSEN)));
    }

    private static List<SaPayload.Transform> dedupe(List<SaPayload.Transform> t) {
        List<SaPayload.Transform> out = new ArrayList<>();
        boolean encr = false, integ = false;
        for (SaPayload.Transform x : t) {
            if (x.type() == SaPayload.ENCR) {
                if (encr) continue;
                encr = true;
            }
            if (x.type() == SaPayload.INTEG) {
                if (integ) continue;
                integ = true;
            }
            out.add(x);
        }
        return out;
    }

    private static boolean offersGroup(SaPayload.Proposal o, DhGroup g) {
        for (SaPayload.Transform t : o.of(SaPayload.DH)) if (t.id() == g.id()) return true;
        return false;
    }

    /** Installs a Child SA; {@code replaces}: the one the peer's REKEY_SA named (0: none). */
    private Ikev2Engine.ChildRecord install(IpsecPolicy policy, ProxyPair sel, Transform t, boolean transport, int inSpi,
                                            int outSpi, boolean childInitiator, byte[] gir, byte[] n1, byte[] n2, DhGroup pfs,
                                            long replaces) {
        int half = t.keymatLength();
        byte[] km = Ikev2Keys.childKeymat(prf, keys.d(), gir, n1, n2, 2 * half);
        // KEYMAT: initiator-to-responder keys first (§2.17); "initiator" is the Child SA request's sender
        byte[] iToR = Arrays.copyOf(km, half), rToI = Arrays.copyOfRange(km, half, 2 * half);
        ChildSa c = new ChildSa(e.nextChildId(), local, localPort, peer, peerPort, inSpi, outSpi, t,
                transport ? IpsecMode.TRANSPORT : IpsecMode.TUNNEL, localPort == UdpEncapsulation.PORT,
                childInitiator ? rToI : iToR, childInitiator ? iToR : rToI, sel.local(), sel.remote(),
                policy.lifetimeSeconds(), policy.lifetimeKilobytes(), pfs, policy.name(), childInitiator, e.scheduler.nanos());
        e.debug(Ikev2Debug.sa(tunnelId) + "Load IPSEC key material");
        e.debug(Ikev2Debug.sa(tunnelId) + "[IKEv2 -> IPsec] Create IPsec SA into IPsec database");
        e.debug(Ikev2Debug.sa(tunnelId) + "[IPsec -> IKEv2] Creation of IPsec SA into IPsec database PASSED");
        Ikev2Engine.ChildRecord r = new Ikev2Engine.ChildRecord(c, policy, sel, this, replaces, lower(n1, n2));
        e.installed(r);
        return r;
    }

    private SaPayload espOffer(List<TransformSetSpec> sets, int spi, DhGroup pfs) {
        List<SaPayload.Proposal> l = new ArrayList<>();
        byte[] spiB = new byte[4];
        Bytes.put32(spiB, 0, spi);
        int n = 1;
        for (TransformSetSpec s : sets) {
            Transform t = s.transform();
            List<SaPayload.Transform> x = new ArrayList<>();
            EncryptionAlgorithm ea = t.encryption();
            x.add(new SaPayload.Transform(SaPayload.ENCR, ea.ikeTransformId(), ea.keyLengthAttribute() > 0 ? ea.keyLengthAttribute() : -1));
            if (t.integrity() != IntegrityAlgorithm.NONE) x.add(new SaPayload.Transform(SaPayload.INTEG, integId(t.integrity()), -1));
            if (pfs != null) x.add(new SaPayload.Transform(SaPayload.DH, pfs.id(), -1));
            x.add(new SaPayload.Transform(SaPayload.ESN, 0, -1));
            l.add(new SaPayload.Proposal(n++, SaPayload.PROTO_ESP, spiB, x));
        }
        return new SaPayload(l);
    }

    /** IKEv2 integrity transform IDs (IANA): AUTH_HMAC_MD5_96 1, SHA1_96 2, SHA2_256_128 12, SHA2_384_192 13, SHA2_512_256 14. */
    static int integId(IntegrityAlgorithm a) {
        return switch (a) {
            case MD5_HMAC -> 1;
            case SHA_HMAC -> 2;
            case SHA256_HMAC -> 12;
            case SHA384_HMAC -> 13;
            case SHA512_HMAC -> 14;
            case NONE -> 0;
        };
    }

    private static boolean matchesTransform(SaPayload.Transform x, Transform t) {
        if (x.type() == SaPayload.ENCR) {
            EncryptionAlgorithm ea = t.encryption();
            int kl = ea.keyLengthAttribute() > 0 ? ea.keyLengthAttribute() : -1;
            return x.id() == ea.ikeTransformId() && x.keyLength() == kl;
        }
        return x.type() == SaPayload.INTEG && x.id() == integId(t.integrity());
    }

    /** The first of our transform sets an ESP proposal holds (ENCR, INTEG, no ESN required). */
    private static TransformSetSpec matchTransform(SaPayload.Proposal o, List<TransformSetSpec> sets) {
        if (o.protocol() != SaPayload.PROTO_ESP) return null;
        List<SaPayload.Transform> esn = o.of(SaPayload.ESN);
        if (!esn.isEmpty() && esn.stream().noneMatch(t -> t.id() == 0)) return null;
        for (TransformSetSpec s : sets) {
            Transform t = s.transform();
            boolean encr = o.of(SaPayload.ENCR).stream().anyMatch(x -> matchesTransform(x, t));
            List<SaPayload.Transform> ints = o.of(SaPayload.INTEG);
            boolean integ = t.integrity() == IntegrityAlgorithm.NONE
                    ? ints.isEmpty() || ints.stream().anyMatch(x -> x.id() == 0)
                    : ints.stream().anyMatch(x -> matchesTransform(x, t));
            if (encr && integ) return s;
        }
        return null;
    }

    /**
     * RFC 7296 §2.23.1: transport-mode selectors name each host as the sender knows it; the one
     * address of a side behind NAT stands for that side's address in this IKE SA (ours, or the
     * peer's post-NAT one), as IKEv1 reads host identities (RFC 3947 §5.2).
     */
    private TsPayload asSeen(TsPayload ts, boolean ours) {
        IpAddress a = ours ? (selfBehindNat ? local : null) : (peerBehindNat ? peer : null);
        if (a == null) return ts;
        List<TsPayload.Selector> out = new ArrayList<>();
        for (TsPayload.Selector s : ts.selectors()) {
            if (!a.isV6() && s.type() == TsPayload.TS_IPV4_ADDR_RANGE && s.start() == s.end()) {
                s = TsPayload.Selector.ipv4(s.protocol(), s.startPort(), s.endPort(), a.v4(), a.v4());
            } else if (a.isV6() && s.type() == TsPayload.TS_IPV6_ADDR_RANGE && s.start6().equals(s.end6())) {
                s = TsPayload.Selector.ipv6(s.protocol(), s.startPort(), s.endPort(), a.v6(), a.v6());
            }
            out.add(s);
        }
        return new TsPayload(out);
    }

    /** Our selectors narrowed to what the peer proposed (§2.9): null when they do not meet. */
    private static ProxyPair narrow(ProxyPair ours, TsPayload tsr, TsPayload tsi) {
        ProxyId l = null, r = null;
        for (TsPayload.Selector s : tsr.selectors()) if ((l = meet(ours.local(), proxy(s))) != null) break;
        for (TsPayload.Selector s : tsi.selectors()) if ((r = meet(ours.remote(), proxy(s))) != null) break;
        return l == null || r == null ? null : new ProxyPair(l, r);
    }

    private static ProxyId meet(ProxyId a, ProxyId b) {
        if (b == null) return null;
        if (a.covers(b)) return b;
        if (b.covers(a)) return a;
        return null;
    }

    static TsPayload.Selector selector(ProxyId p) {
        if (p.isV6()) {
            return TsPayload.Selector.ipv6(p.protocol(), p.port() == 0 ? 0 : p.port(), p.port() == 0 ? 0xffff : p.port(),
                    p.network6(), p.last6());
        }
        return TsPayload.Selector.ipv4(p.protocol(), p.port() == 0 ? 0 : p.port(), p.port() == 0 ? 0xffff : p.port(),
                p.network(), p.network() | ~p.mask());
    }

    /** A selector as a proxy: a CIDR-aligned IPv4 or IPv6 range, any port or one port; else null. */
    static ProxyId proxy(TsPayload.Selector s) {
        int port;
        if (s.startPort() == 0 && s.endPort() == 0xffff) port = 0;
        else if (s.startPort() == s.endPort()) port = s.startPort();
        else return null;
        if (s.type() == TsPayload.TS_IPV6_ADDR_RANGE) {
            for (int len = 0; len <= 128; len++) {
                ProxyId p = ProxyId.ipv6(s.start6(), len, s.protocol(), port);
                if (p.network6().equals(s.start6()) && selector(p).end6().equals(s.end6())) return p;
            }
            return null;
        }
        if (s.type() != TsPayload.TS_IPV4_ADDR_RANGE) return null;
        int mask = ~(s.start() ^ s.end());
        if (!Ipv4Address.isValidMask(mask) || (s.start() & ~mask) != 0 || (s.end() | mask) != -1) return null;
        return new ProxyId(s.start(), mask, s.protocol(), port);
    }

    // ================================================================== CREATE_CHILD_SA (responder), INFORMATIONAL

    private void createChildRequest(List<Raw> p, int mid) {
        byte[] peerNonce = body(p, Ikev2Payloads.NONCE);
        SaPayload sa = SaPayload.decode(body(p, Ikev2Payloads.SA));
        if (sa == null || !validNonce(peerNonce)) {
            sendResponse(mid, Ikev2Header.CREATE_CHILD_SA, List.of(notify(NotifyPayload.of(NotifyPayload.INVALID_SYNTAX))), false);
            return;
        }
        if (Ikev2Payloads.first(p, Ikev2Payloads.TSI) == null) {   // an IKE SA rekey (§1.3.2)
            answerIkeRekey(p, mid, sa, peerNonce);
            return;
        }
        Ikev2Engine.ChildRecord old = null;
        boolean rekey = false;
        for (NotifyPayload n : notifies(p)) {
            if (n.type() != NotifyPayload.REKEY_SA || n.spi().length != 4) continue;
            rekey = true;
            old = e.childByOutbound(this, Bytes.i32(n.spi(), 0));
        }
        if (rekey && (old == null || old.retiring)) {        // §2.25.1: gone, or being deleted by this side
            int why = old == null ? NotifyPayload.CHILD_SA_NOT_FOUND : NotifyPayload.TEMPORARY_FAILURE;
            e.debug("IKEv2:(SA ID = " + tunnelId + "):Refusing the peer's Child SA rekey: " + NotifyPayload.name(why));
            sendResponse(mid, Ikev2Header.CREATE_CHILD_SA, List.of(notify(NotifyPayload.of(why))), false);
            return;
        }
        List<Raw> r = childAnswer(p, peerNonce, nonce(), old == null ? 0 : old.sa.id());
        sendResponse(mid, Ikev2Header.CREATE_CHILD_SA, r, false);
        if (old != null) old.rekeying = true;   // the peer deletes the old one (§2.8)
    }

    private void informationalRequest(List<Raw> p, int mid) {
        List<Raw> r = new ArrayList<>();
        boolean deleteIke = false;
        for (Raw x : p) {
            if (x.type() != Ikev2Payloads.DELETE) continue;
            DeletePayload d = DeletePayload.decode(x.body());
            if (d == null) continue;
            e.counters.deletesIn++;
            if (d.protocol() == SaPayload.PROTO_IKE) deleteIke = true;
            else if (d.protocol() == SaPayload.PROTO_ESP) {
                List<Integer> ours = e.peerDeleted(this, d.spis());
                if (!ours.isEmpty()) r.add(new Raw(Ikev2Payloads.DELETE, false, new DeletePayload(SaPayload.PROTO_ESP, ours).body()));
            }
        }
        sendResponse(mid, Ikev2Header.INFORMATIONAL, deleteIke ? List.of() : r, false);
        if (deleteIke) delete("deleted by peer", false);
    }

    /** INFORMATIONAL {D(ESP, our inbound SPI)}; {@code answered} runs with the peer's answer. */
    void sendDeleteChild(int inboundSpi, Runnable answered) {
        sendRequest(Ikev2Header.INFORMATIONAL,
                List.of(new Raw(Ikev2Payloads.DELETE, false, new DeletePayload(SaPayload.PROTO_ESP, List.of(inboundSpi)).body())),
                r -> answered.run(), () -> {}, RETRANSMIT_NANOS);
    }

    /** Deletes the IKE SA and its Child SAs; tells the peer when {@code notify} and the SA is up. */
    void delete(String reason, boolean notify) {
        if (state == State.DELETED) return;
        if (notify && ready()) {
            e.counters.deletesOut++;
            List<Raw> p = List.of(new Raw(Ikev2Payloads.DELETE, false, new DeletePayload(SaPayload.PROTO_IKE, List.of()).body()));
            send(seal(Ikev2Header.INFORMATIONAL, flags(false), nextRequestId++, p));   // sent once; the SA does not wait (§1.4.1)
        }
        boolean wasUp = ready() && successor == null;
        gone(reason);
        if (wasUp) {
            e.log(5, "IKEV2_SESSION_STATUS", "Crypto tunnel v2 is DOWN. Peer " + peer + ":" + peerPort
                    + "       Id: " + Printable.printable(remoteId == null ? peer.toString() : remoteId.toString()));
            if (e.config.logging()) e.log("IKEV2", 5, "SA_DOWN", "SA DOWN");
        }
    }

    /** The SA is no more: timers and exchanges stop, its Child SAs go with it or to its successor. */
    private void gone(String reason) {
        if (state == State.DELETED) return;
        setState(State.DELETED);
        if (outstanding != null) outstanding.timer.cancel();
        outstanding = null;
        queue.clear();
        timers.forEach(Scheduler.Timer::cancel);
        e.ikeSaGone(this, reason);
        e.debug("IKEv2:(SA ID = " + tunnelId + "):Deleting SA with " + peer + ": " + reason);
    }

    // ================================================================== DPD (§2.4)

    void traffic(boolean inbound) {
        if (inbound) {
            lastHeardNanos = e.scheduler.nanos();
            return;
        }
        DpdSettings dpd = profile == null ? null : profile.dpd();
        if (dpd == null || dpd.periodic() || dpdPending) return;
        if (e.scheduler.nanos() - lastHeardNanos >= dpd.seconds() * S) liveness(dpd);
    }

    private void scheduleDpd(DpdSettings dpd) {
        timers.add(e.scheduler.schedule(dpd.seconds() * S, () -> {
            if (!ready()) return;
            if (e.scheduler.nanos() - lastHeardNanos >= dpd.seconds() * S && !dpdPending) liveness(dpd);
            scheduleDpd(dpd);
        }));
    }

    private void liveness(DpdSettings dpd) {
        dpdPending = true;
        e.counters.dpdSent++;
        sendRequest(Ikev2Header.INFORMATIONAL, List.of(), r -> dpdPending = false, () -> {
            e.debug("IKEv2:(SA ID = " + tunnelId + "):Peer " + peer + " is dead (DPD)");
            delete("peer dead (DPD)", false);
            e.listener.peerDead(peer, peerPort);
        }, dpd.retrySeconds() * S);
    }

    // ================================================================== messages

    private byte[] lastMessage;

    void receive(Datagram d, byte[] m) {
        lastHeardNanos = e.scheduler.nanos();
        int exch = Ikev2Header.exchangeType(m, 0), mid = Ikev2Header.messageId(m, 0);
        boolean response = Ikev2Header.response(m, 0);
        if (response) {
            if (outstanding == null || outstanding.messageId != mid || outstanding.exchange != exch) {
                e.counters.unknownSa++;
                return;
            }
        } else if (mid == lastResponseId && lastResponse != null && mid == expectedRequestId - 1) {
            if (fragmentNumber(m) > 1) return;                // RFC 7383 §2.6.1: answered once, on fragment 1
            e.counters.retransmissions++;
            send(lastResponse);                               // a retransmitted request (§2.1)
            return;
        } else if (mid != expectedRequestId) {
            e.counters.unknownSa++;
            return;
        }
        List<Raw> p;
        if (exch == Ikev2Header.IKE_SA_INIT) {
            if (state != State.INIT) {
                e.counters.unknownSa++;
                return;
            }
            p = Ikev2Payloads.parse(m, Ikev2Header.LENGTH, m.length - Ikev2Header.LENGTH, Ikev2Header.nextPayload(m, 0));
            if (p == null) {
                e.counters.malformed++;
                if (!response) closeQuietly();
                return;
            }
            if (response && spiR == 0) spiR = Ikev2Header.spiR(m, 0);
        } else if (Ikev2Header.nextPayload(m, 0) == Ikev2Payloads.SKF) {
            p = fragment(m, mid, response);
            if (p == null) return;                            // stored until the rest arrives, or dropped and counted
        } else {
            p = decrypt(m);
            if (p == null) {
                e.counters.malformed++;
                return;
            }
        }
        if (exch != Ikev2Header.IKE_SA_INIT) {
            if (natDetected() || d.destinationPort() == UdpEncapsulation.PORT) {
                localPort = d.destinationPort();               // §2.23: answer where the last authenticated message came from
                peerPort = d.sourcePort();
            }
        }
        debugPacket("Received", mid, exch, response, p, null);
        if (response) {
            Outstanding o = outstanding;
            outstanding = null;
            o.timer.cancel();
            lastMessage = m;
            o.onResponse.accept(p);
            next();
            return;
        }
        expectedRequestId = mid + 1;
        switch (exch) {
            case Ikev2Header.IKE_SA_INIT -> answerInit(m, p);
            case Ikev2Header.IKE_AUTH -> {
                if (state == State.AUTH && !initiator) authRequest(p, mid);
                else e.counters.unknownSa++;
            }
            case Ikev2Header.CREATE_CHILD_SA -> {
                if (ready()) createChildRequest(p, mid);
                else if (state == State.DELETING) {                 // §2.25: no new SAs on an SA being closed
                    sendResponse(mid, exch, List.of(notify(NotifyPayload.of(NotifyPayload.TEMPORARY_FAILURE))), false);
                }
            }
            case Ikev2Header.INFORMATIONAL -> {
                if (ready() || state == State.DELETING) informationalRequest(p, mid);
            }
            default -> e.counters.malformed++;
        }
    }

    private List<Raw> decrypt(byte[] m) {
        if (in == null) return null;
        List<Raw> outer = Ikev2Payloads.parse(m, Ikev2Header.LENGTH, m.length - Ikev2Header.LENGTH, Ikev2Header.nextPayload(m, 0));
        if (outer == null || outer.size() != 1 || outer.get(0).type() != Ikev2Payloads.SK) return null;
        int skBody = outer.get(0).body().length;
        int first = m[m.length - skBody - Ikev2Payloads.GENERIC_HEADER] & 0xff;
        byte[] plain = in.unprotect(m, skBody);
        if (plain == null) return null;
        return Ikev2Payloads.parse(plain, 0, plain.length, first);
    }

    /**
     * One Encrypted Fragment payload (RFC 7383 §2.6): authenticated and decrypted on arrival (one
     * that fails is discarded), kept until all have come; answers the reassembled message's
     * payloads then, else null. Only on an IKE SA that negotiated fragmentation.
     */
    private List<Raw> fragment(byte[] m, int mid, boolean response) {
        List<Raw> outer = in == null ? null
                : Ikev2Payloads.parse(m, Ikev2Header.LENGTH, m.length - Ikev2Header.LENGTH, Ikev2Header.nextPayload(m, 0));
        if (fragmentMtu == 0 || outer == null || outer.size() != 1 || outer.get(0).body().length < 4) {
            e.counters.fragmentsDropped++;
            return null;
        }
        byte[] body = outer.get(0).body();
        int next = m[m.length - body.length - Ikev2Payloads.GENERIC_HEADER] & 0xff;
        byte[] content = in.unprotectFragment(m, body.length);
        if (content == null) {
            e.counters.fragmentsDropped++;
            return null;
        }
        e.counters.fragmentsIn++;
        if (reassembly == null || reassembly.messageId != mid || reassembly.response != response) {
            reassembly = new Ikev2Fragments(mid, response);
        }
        switch (reassembly.add(Bytes.u16(body, 0), Bytes.u16(body, 2), next, content)) {
            case COMPLETE -> {
                byte[] chain = reassembly.content();
                int first = reassembly.firstPayload();
                reassembly = null;
                e.counters.reassembled++;
                List<Raw> p = Ikev2Payloads.parse(chain, 0, chain.length, first);
                if (p == null) e.counters.malformed++;
                return p;
            }
            case REFUSED -> e.counters.fragmentsDropped++;
            default -> { }
        }
        return null;
    }

    /** The Fragment Number of a message whose payload is SKF, else 0. */
    private static int fragmentNumber(byte[] m) {
        int at = Ikev2Header.LENGTH + Ikev2Payloads.GENERIC_HEADER;
        return Ikev2Header.nextPayload(m, 0) == Ikev2Payloads.SKF && m.length >= at + 2 ? Bytes.u16(m, at) : 0;
    }

    /**
     * The protected message, or its fragments when fragmentation was negotiated and it would not
     * fit the configured MTU (RFC 7383 §2.5.1: the IP datagram, less the IPv4 and UDP headers and
     * the non-ESP marker on port 4500).
     */
    private List<byte[]> seal(int exchange, int flags, int mid, List<Raw> p) {
        int first = p.isEmpty() ? Ikev2Payloads.NONE : p.get(0).type();
        byte[] inner = Ikev2Payloads.chain(p);
        int limit = fragmentMtu - 20 - 8 - (localPort == UdpEncapsulation.PORT ? UdpEncapsulation.NON_ESP_MARKER_LENGTH : 0);
        if (fragmentMtu == 0 || out.sealedLength(inner.length) <= limit) {
            return List.of(out.protect(spiI, spiR, exchange, flags, mid, first, inner, e.random));
        }
        int cap = Math.max(16, out.fragmentCapacity(limit));
        int n = (inner.length + cap - 1) / cap;
        List<byte[]> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] part = Arrays.copyOfRange(inner, i * cap, Math.min(inner.length, (i + 1) * cap));
            l.add(out.protectFragment(spiI, spiR, exchange, flags, mid, first, i + 1, n, part, e.random));
        }
        e.counters.fragmentsOut += n;
        e.debug("IKEv2:(SA ID = " + tunnelId + "):Fragmenting message id " + mid + " of " + inner.length + " octets into " + n
                + " fragments (MTU " + fragmentMtu + ")");
        return l;
    }

    private void sendRequest(int exchange, List<Raw> p, Consumer<List<Raw>> onResponse, Runnable onTimeout, long interval) {
        Runnable go = () -> {
            int mid = nextRequestId++;
            List<byte[]> m = seal(exchange, flags(false), mid, p);
            debugPacket("Sending", mid, exchange, false, p, m);
            request(mid, exchange, m, onResponse, onTimeout, interval);
        };
        if (outstanding == null && state != State.DELETED) go.run();
        else if (state != State.DELETED) queue.add(go);
    }

    private void request(int mid, int exchange, List<byte[]> m, Consumer<List<Raw>> onResponse, Runnable onTimeout, long interval) {
        send(m);
        outstanding = new Outstanding(mid, exchange, m, onResponse, onTimeout, interval, 0, retransmitTimer(interval));
    }

    private Scheduler.Timer retransmitTimer(long interval) {
        return e.scheduler.schedule(interval, this::retransmit);
    }

    private void retransmit() {
        Outstanding o = outstanding;
        if (o == null || state == State.DELETED) return;
        if (o.tries >= RETRANSMITS) {
            outstanding = null;
            o.onTimeout.run();
            next();
            return;
        }
        e.counters.retransmissions++;
        e.debug("IKEv2:(SA ID = " + tunnelId + "):Retransmitting packet, attempt " + (o.tries + 1) + " of " + RETRANSMITS);
        send(o.message);
        boolean dpd = o.exchange == Ikev2Header.INFORMATIONAL;
        long nextInterval = dpd ? o.interval : o.interval * 2;
        outstanding = new Outstanding(o.messageId, o.exchange, o.message, o.onResponse, o.onTimeout, nextInterval, o.tries + 1,
                retransmitTimer(nextInterval));
    }

    private void next() {
        Runnable r = queue.poll();
        if (r != null && state != State.DELETED) r.run();
    }

    /** Sends a response; answers its first message (the whole of a plain IKE_SA_INIT response, which is never fragmented). */
    private byte[] sendResponse(int mid, int exchange, List<Raw> p, boolean plain) {
        List<byte[]> m;
        int fl = flags(true);
        if (plain) {
            byte[] chain = Ikev2Payloads.chain(p);
            byte[] one = new byte[Ikev2Header.LENGTH + chain.length];
            Ikev2Header.write(one, 0, spiI, spiR, p.get(0).type(), exchange, fl, mid, one.length);
            System.arraycopy(chain, 0, one, Ikev2Header.LENGTH, chain.length);
            m = List.of(one);
        } else {
            m = seal(exchange, fl, mid, p);
        }
        debugPacket("Sending", mid, exchange, true, p, plain ? null : m);
        lastResponseId = mid;
        lastResponse = m;
        send(m);
        return m.get(0);
    }

    private int flags(boolean response) {
        return (initiator ? Ikev2Header.FLAG_INITIATOR : 0) | (response ? Ikev2Header.FLAG_RESPONSE : 0);
    }

    private void send(List<byte[]> messages) {
        for (byte[] m : messages) send(m);
    }

    private void send(byte[] m) {
        byte[] pl = localPort == UdpEncapsulation.PORT ? UdpEncapsulation.withMarker(m) : m;
        e.transmit(new Datagram(local, localPort, peer, peerPort, pl));
    }

    private void fail(String reason) {
        e.counters.saFailed++;
        e.debug("IKEv2:(SA ID = " + tunnelId + "):Negotiation with " + peer + " failed: " + reason);
        for (ChildRequest c : waiting) e.releaseSpi(c.spi);
        if (inFlight != null) e.releaseSpi(inFlight.spi);
        e.listener.negotiationFailed(peer, reason);
        delete(reason, state == State.READY);
    }

    /** A responder's negotiation ended with our error answer sent: the SA goes (its cached answer with it). */
    private void failed(String reason) {
        e.counters.saFailed++;
        e.listener.negotiationFailed(peer, reason);
        closeQuietly();
    }

    private void closeQuietly() {
        setState(State.DELETED);
        timers.forEach(Scheduler.Timer::cancel);
        e.ikeSaGone(this, "failed");
    }

    /** IOS's packet block; {@code wire}: the messages as sent (their Encrypted payload's length), or null for a clear one. */
    private void debugPacket(String verb, int mid, int exchange, boolean response, List<Raw> p, List<byte[]> wire) {
        if (!e.debugging()) return;
        boolean sending = verb.equals("Sending");
        int enc = 0;
        if (wire != null && !wire.isEmpty() && Ikev2Header.nextPayload(wire.get(0), 0) != Ikev2Payloads.SA
                && wire.get(0).length > Ikev2Header.LENGTH + 4) {
            enc = wire.get(0).length - Ikev2Header.LENGTH;
            e.debug(Ikev2Debug.building(tunnelId, p));
        }
        e.debug(Ikev2Debug.packet(tunnelId, sending, peer, peerPort, local, localPort, spiI, spiR, mid, exchange, response, p,
                p.isEmpty() ? Ikev2Payloads.NONE : p.get(0).type(), enc));
    }

    // ================================================================== helpers

    /** Appends NAT_DETECTION_SOURCE_IP and NAT_DETECTION_DESTINATION_IP (§2.23) for these SPIs. */
    private void natDetection(List<Raw> p, long responderSpi) {
        p.add(notify(NotifyPayload.of(NotifyPayload.NAT_DETECTION_SOURCE_IP,
                Ikev2Keys.natDetectionHash(spiI, responderSpi, local, localPort))));
        p.add(notify(NotifyPayload.of(NotifyPayload.NAT_DETECTION_DESTINATION_IP,
                Ikev2Keys.natDetectionHash(spiI, responderSpi, peer, peerPort))));
    }

    /** Compares the peer's NAT detection hashes with the addresses and ports the message travelled between. */
    private void detectNat(List<Raw> p, long responderSpi) {
        byte[] peerHash = Ikev2Keys.natDetectionHash(spiI, responderSpi, peer, peerPort);
        byte[] ourHash = Ikev2Keys.natDetectionHash(spiI, responderSpi, local, localPort);
        boolean anySource = false, sourceMatch = false;
        for (NotifyPayload n : notifies(p)) {
            if (n.type() == NotifyPayload.NAT_DETECTION_SOURCE_IP) {
                anySource = true;
                sourceMatch |= Arrays.equals(n.data(), peerHash);   // several sources may be listed (§2.23)
            } else if (n.type() == NotifyPayload.NAT_DETECTION_DESTINATION_IP && !Arrays.equals(n.data(), ourHash)) {
                selfBehindNat = true;
            }
        }
        peerBehindNat = anySource && !sourceMatch;
    }

    boolean natDetected() { return peerBehindNat || selfBehindNat; }

    private static Raw notify(NotifyPayload n) { return new Raw(Ikev2Payloads.NOTIFY, false, n.body()); }

    private static List<NotifyPayload> notifies(List<Raw> p) {
        List<NotifyPayload> l = new ArrayList<>();
        for (Raw r : p) {
            if (r.type() != Ikev2Payloads.NOTIFY) continue;
            NotifyPayload n = NotifyPayload.decode(r.body());
            if (n != null) l.add(n);
        }
        return l;
    }

    private static boolean hasNotify(List<Raw> p, int type) {
        for (NotifyPayload n : notifies(p)) if (n.type() == type) return true;
        return false;
    }

    private static byte[] body(List<Raw> p, int type) {
        Raw r = Ikev2Payloads.first(p, type);
        return r == null ? null : r.body();
    }

    private static boolean validNonce(byte[] n) { return n != null && n.length >= 16 && n.length <= 256; }

    private byte[] nonce() {
        byte[] n = new byte[NONCE_LENGTH];
        e.random.nextBytes(n);
        return n;
    }

    private static byte[] key(String k) { return k.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1); }

    Ikev2SaInfo info() {
        long now = e.scheduler.nanos();
        DpdSettings dpd = profile == null ? null : profile.dpd();
        String status = switch (state) {
            case READY -> "READY";
            case DELETED -> "DELETE";
            default -> "IN-NEG";
        };
        return new Ikev2SaInfo(tunnelId, tunnelId, local, localPort, peer, peerPort, status,
                enc == null ? "Unknown" : enc.showName(), enc == null ? 0 : enc.keyBits, prf == null ? "Unknown" : prf.name(),
                integ == null ? "None" : integ.showName, group == null ? 0 : group.id(),
                profile != null && profile.signsLocally() ? "RSA" : "PSK", profile != null && profile.verifiesRemote() ? "RSA" : "PSK",
                profile == null ? Ikev2Config.Profile.DEFAULT_LIFETIME : profile.lifetimeSeconds(),
                (now - (establishedNanos == 0 ? createdNanos : establishedNanos)) / S,
                initiator ? spiI : spiR, initiator ? spiR : spiI,
                localId == null ? local.toString() : Ikev2Certs.text(localId),
                remoteId == null ? peer.toString() : Printable.printable(Ikev2Certs.text(remoteId)),
                nextRequestId, expectedRequestId, dpd == null ? 0 : dpd.seconds(), dpd == null ? 0 : dpd.retrySeconds(),
                initiator, profile == null ? null : profile.name(), e.childSas(tunnelId).size(), peerBehindNat, selfBehindNat,
                e.config.fragmentationMtu(), fragmentMtu > 0);
    }
}
