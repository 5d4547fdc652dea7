package dev.routerlab.ike;

import dev.routerlab.ike.crypto.DhGroup;
import dev.routerlab.ike.crypto.DhKeyPair;
import dev.routerlab.ike.crypto.HashAlgorithm;
import dev.routerlab.ike.crypto.IkeCipher;
import dev.routerlab.ike.crypto.IkeCipherAlgorithm;
import dev.routerlab.ike.crypto.IkeIv;
import dev.routerlab.ike.crypto.Phase1Keys;
import dev.routerlab.ike.crypto.Prf;
import dev.routerlab.ike.crypto.QuickMode;
import dev.routerlab.packet.Bytes;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.PacketError;
import dev.routerlab.packet.isakmp.CertPayload;
import dev.routerlab.packet.isakmp.CertRequestPayload;
import dev.routerlab.packet.isakmp.DeletePayload;
import dev.routerlab.packet.isakmp.ExchangeType;
import dev.routerlab.packet.isakmp.HashPayload;
import dev.routerlab.packet.isakmp.IdPayload;
import dev.routerlab.packet.isakmp.IpsecDoi;
import dev.routerlab.packet.isakmp.IsakmpHeader;
import dev.routerlab.packet.isakmp.KePayload;
import dev.routerlab.packet.isakmp.NatDPayload;
import dev.routerlab.packet.isakmp.NoncePayload;
import dev.routerlab.packet.isakmp.NotificationPayload;
import dev.routerlab.packet.isakmp.NotifyType;
import dev.routerlab.packet.isakmp.Payload;
import dev.routerlab.packet.isakmp.Payloads;
import dev.routerlab.packet.isakmp.ProposalPayload;
import dev.routerlab.packet.isakmp.SaPayload;
import dev.routerlab.packet.isakmp.SignaturePayload;
import dev.routerlab.packet.isakmp.UdpEncapsulation;
import dev.routerlab.packet.isakmp.VendorIdPayload;
import dev.routerlab.packet.isakmp.VendorIds;
import dev.routerlab.pki.Pki;
import dev.routerlab.sim.Scheduler;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One ISAKMP SA: the phase-1 exchange that creates it (Main Mode, RFC 2409 §5, with pre-shared
 * keys or RSA signatures §5.1; Aggressive Mode, §5.4, with pre-shared keys — either role), NAT detection and the float to port 4500
 * (RFC 3947 §3-4), the protection of later exchanges (Appendix B IVs), informational
 * exchanges (§5.7: notify, delete), DPD (RFC 3706) and its own lifetime. Quick mode
 * exchanges run in {@link QuickModeExchange} under it.
 */
final class IsakmpSa {
    private static final int NONCE_LENGTH = 32;
    private static final int RECENT_INFO_IDS = 64;

    final IkeEngine engine;
    final int connId;
    final boolean initiator;
    final boolean aggressive;
    final long ci;
    long cr;
    final int localAddr;
    final int peerAddr;
    int localPort;
    int peerPort;

    IsakmpState state;
    /** Number of the phase-1 message expected next (1..6), 0 once phase 1 is done. */
    private int expect;
    boolean established;
    boolean deleted;

    IkeCipherAlgorithm encryption;
    HashAlgorithm hash;
    AuthMethod auth;
    DhGroup group;
    long lifetime;
    private List<IsakmpPolicy> offered;
    private byte[] psk;
    private DhKeyPair dh;
    private byte[] gxi, gxr, ni, nr, saiB, idiiB;
    /** rsa-sig: the CAs the peer asked for (its CERTREQs), and what we sign with. */
    private List<CertRequestPayload> peerCertReqs = List.of();
    private Pki.Credential credential;
    private Phase1Keys keys;
    private IkeCipher cipher;
    /** The running phase-1 IV; once established, the last phase-1 CBC block (Appendix B). */
    private byte[] iv;

    boolean peerNatT;
    boolean peerDpd;
    boolean localBehindNat;
    boolean peerBehindNat;

    private final MessageLog log;
    final Map<Integer, QuickModeExchange> quick = new HashMap<>();
    private final ArrayDeque<Integer> recentInfoIds = new ArrayDeque<>();
    long establishedNanos = -1;
    boolean rekeyStarted;
    private final List<Scheduler.Timer> timers = new ArrayList<>();

    private int dpdSeq;
    private int dpdFirstOutstanding; // 0 when no R-U-THERE is outstanding
    private int dpdRetries;
    private Scheduler.Timer dpdRetryTimer;

    IsakmpSa(IkeEngine engine, int connId, boolean initiator, boolean aggressive, long ci, long cr, int localAddr,
             int localPort, int peerAddr, int peerPort) {
        this.engine = engine;
        this.connId = connId;
        this.initiator = initiator;
        this.aggressive = aggressive;
        this.ci = ci;
        this.cr = cr;
        this.localAddr = localAddr;
        this.localPort = localPort;
        this.peerAddr = peerAddr;
        this.peerPort = peerPort;
        this.state = aggressive ? IsakmpState.AG_NO_STATE : IsakmpState.MM_NO_STATE;
        this.expect = initiator ? 0 : 1;
        this.log = new MessageLog(engine, this::retransmitting, () -> fail("Death by retransmission P1"));
    }

    // ------------------------------------------------------------------ initiator start

    void startMain(List<IsakmpPolicy> policies, byte[] key) {
        offered = policies;
        psk = key;
        SaPayload sa = Proposals.phase1Offer(policies);
        saiB = sa.body();
        List<Payload> out = new ArrayList<>();
        out.add(sa);
        out.addAll(vendorIds());
        state = IsakmpState.MM_NO_STATE;
        expect = 2;
        debugStart("MM");
        debug(" beginning Main Mode exchange");
        debugSending();
        log.send(datagram(Payloads.message(ci, 0, ExchangeType.IDENTITY_PROTECTION, 0, 0, out)), false, true);
    }

    void startAggressive(List<IsakmpPolicy> policies, byte[] key) {
        DhGroup g = policies.get(0).group();
        offered = policies.stream().filter(p -> p.group() == g).toList();
        psk = key;
        group = g;
        SaPayload sa = Proposals.phase1Offer(offered);
        saiB = sa.body();
        dh = g.generate(engine.random);
        gxi = dh.publicValue();
        ni = nonce();
        IdPayload id = IdPayload.ipv4(localAddr, 17, UdpEncapsulation.IKE_PORT);
        idiiB = id.body();
        List<Payload> out = new ArrayList<>(List.of(sa, new KePayload(gxi), new NoncePayload(ni), id));
        out.addAll(vendorIds());
        state = IsakmpState.AG_INIT_EXCH;
        expect = 2;
        debugStart("AM");
        debug(" beginning Aggressive Mode exchange");
        debugSending();
        log.send(datagram(Payloads.message(ci, 0, ExchangeType.AGGRESSIVE, 0, 0, out)), false, true);
    }

    /** The first lines of an exchange we start: the peer, its key, our VIDs, IKE_READY to IKE_I_MM1 (or AM1). */
    private void debugStart(String mode) {
        debug(" SA request profile is (NULL)");
        engine.debugLine("ISAKMP: Created a peer struct for " + Ipv4Address.toString(peerAddr) + ", peer port " + peerPort);
        if (psk != null) debug("found peer pre-shared key matching " + Ipv4Address.toString(peerAddr));
        if (engine.config().natTraversal()) debug(" constructed NAT-T vendor-rfc3947 ID");
        debugFsm("IKE_MESG_FROM_IPSEC, IKE_SA_REQ_" + mode, "IKE_READY", "IKE_I_" + mode + "1");
    }

    private List<Payload> vendorIds() {
        List<Payload> v = new ArrayList<>();
        if (engine.config().natTraversal()) v.add(new VendorIdPayload(VendorIds.RFC3947));
        v.add(new VendorIdPayload(VendorIds.DPD));
        return v;
    }

    // ------------------------------------------------------------------ receive

    /** A message for this SA (marker stripped): {@code m} is exactly the ISAKMP message. */
    void receive(Datagram d, byte[] m) {
        if (deleted) {
            engine.counters.unexpected++;
            return;
        }
        int exch = IsakmpHeader.exchangeType(m, 0);
        int mid = IsakmpHeader.messageId(m, 0);
        boolean encrypted = IsakmpHeader.encrypted(m, 0);
        boolean fresh = !initiator && expect == 1 && !established;
        engine.debugLine("ISAKMP (" + shownId() + "): received packet from " + Ipv4Address.toString(d.source()) + " dport "
                + d.destinationPort() + " sport " + d.sourcePort() + " Global " + (fresh ? "(N) NEW SA" : "(" + role() + ") " + state));
        if ((exch == ExchangeType.IDENTITY_PROTECTION || exch == ExchangeType.AGGRESSIVE) && mid == 0) {
            if ((exch == ExchangeType.AGGRESSIVE) != aggressive) {
                engine.counters.unexpected++;
                return;
            }
            if (log.isDuplicate(m)) {
                debug(" phase 1 packet is a duplicate of a previous packet.");
                log.answerDuplicate();
                return;
            }
            if (established) {
                engine.counters.unexpected++;
                return;
            }
            phase1(d, m, encrypted);
        } else if (exch == ExchangeType.QUICK_MODE) {
            if (!established || !encrypted) {
                engine.counters.unexpected++;
                return;
            }
            QuickModeExchange x = quick.get(mid);
            if (x != null) {
                x.receive(d, m);
            } else {
                QuickModeExchange.respond(this, d, m, mid);
            }
        } else if (exch == ExchangeType.INFORMATIONAL) {
            informational(d, m, encrypted, mid);
        } else {
            engine.counters.unexpected++;
        }
    }

    private void phase1(Datagram d, byte[] m, boolean encrypted) {
        Payloads.Chain c;
        byte[] nextIv = null;
        if (encrypted) {
            if (cipher == null) {
                engine.counters.unexpected++;
                return;
            }
            Decrypted r = decrypt(m, iv);
            if (r == null) {
                engine.counters.decryptFailed++;
                engine.badMessage(peerAddr);
                return;
            }
            c = r.chain;
            nextIv = r.nextIv;
        } else {
            c = plain(m);
            if (c == null) return;
        }
        boolean done;
        if (!aggressive) {
            done = switch (expect) {
                case 1 -> mainMode1(d, m, c, encrypted);
                case 2 -> mainMode2(d, m, c, encrypted);
                case 3 -> mainMode3(d, m, c, encrypted);
                case 4 -> mainMode4(d, m, c, encrypted);
                case 5 -> mainMode5(d, m, c, encrypted, nextIv);
                case 6 -> mainMode6(d, m, c, encrypted, nextIv);
                default -> false;
            };
        } else {
            done = switch (expect) {
                case 1 -> aggressive1(d, m, c, encrypted);
                case 2 -> aggressive2(d, m, c, encrypted);
                case 3 -> aggressive3(d, m, c, encrypted, nextIv);
                default -> false;
            };
        }
        if (!done) engine.counters.unexpected++;
    }

    Payloads.Chain plain(byte[] m) {
        int len = (int) IsakmpHeader.length(m, 0);
        int first = IsakmpHeader.nextPayload(m, 0);
        if (Payloads.check(m, IsakmpHeader.LENGTH, len - IsakmpHeader.LENGTH, first) != PacketError.OK) {
            engine.counters.malformed++;
            return null;
        }
        return Payloads.decode(m, IsakmpHeader.LENGTH, len - IsakmpHeader.LENGTH, first);
    }

    // ------------------------------------------------------------------ Main Mode

    /** MM1 at the responder: HDR, SA [, VID...]. Choose a suite, answer MM2: HDR, SA [, VID...]. */
    private boolean mainMode1(Datagram d, byte[] m, Payloads.Chain c, boolean encrypted) {
        SaPayload sa = c.first(SaPayload.class);
        if (encrypted || sa == null) return false;
        saiB = c.body(c.entry(dev.routerlab.packet.isakmp.PayloadType.SA));
        engine.debugLine("ISAKMP: Created a peer struct for " + Ipv4Address.toString(peerAddr) + ", peer port " + peerPort);
        debugFsm("IKE_MESG_FROM_PEER, IKE_MM_EXCH", "IKE_READY", "IKE_R_MM1");
        debug(" processing SA payload. message ID = 0");
        vendorIds(c);
        Proposals.Phase1Choice ch = choose(sa, -1);
        if (ch == null) return true;
        log.accepted(m);
        List<Payload> out = new ArrayList<>();
        out.add(new SaPayload(sa.doi(), sa.situation(), List.of(
                new ProposalPayload(ch.proposal().number(), ch.proposal().protocolId(), new byte[0], List.of(ch.transform())))));
        out.addAll(vendorIds());
        state = IsakmpState.MM_SA_SETUP;
        expect = 3;
        sendStep("IKE_R_MM1", "IKE_R_MM2");
        log.send(datagram(Payloads.message(ci, cr, ExchangeType.IDENTITY_PROTECTION, 0, 0, out)), true, true);
        return true;
    }

    /**
     * Picks our policy for the peer's offer (with {@code keLength} >= 0, only groups whose KE has
     * that length: Aggressive Mode); on failure tells the peer and fails (returns null).
     */
    private Proposals.Phase1Choice choose(SaPayload sa, int keLength) {
        PresharedKey k = engine.config().keyFor(peerAddr);
        // rsa-sig in Main Mode only, when a trustpoint holds our certificate (RFC 2409 §5.1)
        boolean sign = keLength < 0 && Ikev1Certs.canSign(engine.config().certs(), peerAddr);
        if (k == null && !sign) {
            debug("No pre-shared key with " + Ipv4Address.toString(peerAddr) + "!");
            engine.modeFailure(aggressive ? "Aggressive" : "Main", peerAddr);
            notifyPlain(NotifyType.NO_PROPOSAL_CHOSEN);
            fail("no pre-shared key for the peer");
            return null;
        }
        Set<AuthMethod> usable = EnumSet.noneOf(AuthMethod.class);
        if (k != null) {
            usable.add(AuthMethod.PRE_SHARE);
            debug("found peer pre-shared key matching " + Ipv4Address.toString(peerAddr));
        }
        if (sign) usable.add(AuthMethod.RSA_SIG);
        List<IsakmpPolicy> ours = engine.config().effectivePolicies();
        Proposals.Phase1Choice ch = null;
        if (keLength < 0) {
            ch = Proposals.selectPhase1(ours, sa, usable, null, trace());
        } else {
            for (DhGroup g : DhGroup.values()) {
                if (ch == null && g.publicValueLength() == keLength) {
                    ch = Proposals.selectPhase1(ours, sa, usable, g, trace());
                }
            }
        }
        if (ch == null) {
            debug("no offers accepted!");
            debug(" phase 1 SA policy not acceptable! (local " + Ipv4Address.toString(localAddr) + " remote "
                    + Ipv4Address.toString(peerAddr) + ")");
            notifyPlain(NotifyType.NO_PROPOSAL_CHOSEN);
            fail("Phase1 SA policy proposal not accepted");
            engine.modeFailure(aggressive ? "Aggressive" : "Main", peerAddr);
            return null;
        }
        Proposals.Suite s = ch.suite();
        encryption = s.encryption();
        hash = s.hash();
        auth = s.auth();
        psk = auth == AuthMethod.PRE_SHARE ? k.key() : null;
        group = s.group();
        lifetime = ch.lifetime();
        return ch;
    }

    /** MM2 at the initiator: the responder's single transform. Answer MM3: HDR, KE, Ni [, NAT-D, NAT-D]. */
    private boolean mainMode2(Datagram d, byte[] m, Payloads.Chain c, boolean encrypted) {
        SaPayload sa = c.first(SaPayload.class);
        long rc = IsakmpHeader.responderCookie(m, 0);
        if (encrypted || sa == null || rc == 0) return false;
        debugFsm("IKE_MESG_FROM_PEER, IKE_MM_EXCH", "IKE_I_MM1", "IKE_I_MM2");
        debug(" processing SA payload. message ID = 0");
        vendorIds(c);
        if (psk != null) debug("found peer pre-shared key matching " + Ipv4Address.toString(peerAddr));
        if (!acceptAnswer(sa)) return false;
        if (auth == AuthMethod.PRE_SHARE && psk == null) return false; // we offered pre-share only with a key
        if (auth == AuthMethod.RSA_SIG) psk = null;
        cr = rc;
        log.accepted(m);
        dh = group.generate(engine.random);
        gxi = dh.publicValue();
        ni = nonce();
        List<Payload> out = new ArrayList<>(List.of(new KePayload(gxi), new NoncePayload(ni)));
        out.addAll(certRequests());
        out.addAll(natD(peerAddr, peerPort, localAddr, localPort));
        state = IsakmpState.MM_SA_SETUP;
        expect = 4;
        sendStep("IKE_I_MM2", "IKE_I_MM3");
        log.send(datagram(Payloads.message(ci, cr, ExchangeType.IDENTITY_PROTECTION, 0, 0, out)), true, true);
        return true;
    }

    /** The responder's phase-1 answer must be one transform we offered (RFC 2409 §5). */
    private boolean acceptAnswer(SaPayload sa) {
        if (sa.proposals().size() != 1 || sa.proposals().get(0).transforms().size() != 1) return false;
        dev.routerlab.packet.isakmp.TransformPayload t = sa.proposals().get(0).transforms().get(0);
        Proposals.Suite s = Proposals.parsePhase1(t);
        if (s == null) return false;
        for (IsakmpPolicy p : offered) {
            if (p.sameSuite(s.encryption(), s.hash(), s.auth(), s.group())) {
                debug("Checking ISAKMP transform " + t.number() + " against priority " + p.priority() + " policy");
                IkeDebug.phase1Attributes(t, trace());
                debug("atts are acceptable. Next payload is 0");
                encryption = s.encryption();
                hash = s.hash();
                auth = s.auth();
                group = s.group();
                lifetime = s.lifetime() > 0 ? Math.min(s.lifetime(), p.lifetimeSeconds()) : p.lifetimeSeconds();
                return true;
            }
        }
        return false;
    }

    /** MM3 at the responder: HDR, KE, Ni [, NAT-D...]. Answer MM4: HDR, KE, Nr [, NAT-D, NAT-D]. */
    private boolean mainMode3(Datagram d, byte[] m, Payloads.Chain c, boolean encrypted) {
        KePayload ke = c.first(KePayload.class);
        NoncePayload n = c.first(NoncePayload.class);
        if (encrypted || ke == null || n == null || ke.data().length != group.publicValueLength()) return false;
        debugFsm("IKE_MESG_FROM_PEER, IKE_MM_EXCH", "IKE_R_MM2", "IKE_R_MM3");
        debugKeNonce();
        gxi = ke.data();
        ni = n.data();
        dh = group.generate(engine.random);
        gxr = dh.publicValue();
        Optional<byte[]> gxy = dh.agree(gxi);
        if (gxy.isEmpty()) return false; // invalid public value (RFC 6989)
        nr = nonce();
        peerCertReqs = c.all(CertRequestPayload.class);
        deriveKeys(gxy.get());
        detectNat(c, d);
        log.accepted(m);
        List<Payload> out = new ArrayList<>(List.of(new KePayload(gxr), new NoncePayload(nr)));
        out.addAll(certRequests());
        out.addAll(natD(d.source(), d.sourcePort(), d.destination(), d.destinationPort()));
        state = IsakmpState.MM_KEY_EXCH;
        expect = 5;
        sendStep("IKE_R_MM3", "IKE_R_MM4");
        log.send(datagram(Payloads.message(ci, cr, ExchangeType.IDENTITY_PROTECTION, 0, 0, out)), true, true);
        return true;
    }

    /** MM4 at the initiator. Answer MM5: HDR*, IDii, HASH_I [, N(INITIAL-CONTACT)], from 4500 behind NAT. */
    private boolean mainMode4(Datagram d, byte[] m, Payloads.Chain c, boolean encrypted) {
        KePayload ke = c.first(KePayload.class);
        NoncePayload n = c.first(NoncePayload.class);
        if (encrypted || ke == null || n == null || ke.data().length != group.publicValueLength()) return false;
        debugFsm("IKE_MESG_FROM_PEER, IKE_MM_EXCH", "IKE_I_MM3", "IKE_I_MM4");
        debugKeNonce();
        gxr = ke.data();
        Optional<byte[]> gxy = dh.agree(gxr);
        if (gxy.isEmpty()) return false;
        nr = n.data();
        peerCertReqs = c.all(CertRequestPayload.class);
        deriveKeys(gxy.get());
        detectNat(c, d);
        log.accepted(m);
        if ((localBehindNat || peerBehindNat) && !natTraversal()) floatPorts(UdpEncapsulation.PORT);
        IdPayload id = ownId();
        if (id == null) return true;
        idiiB = id.body();
        byte[] hashI = keys.hashI(gxi, gxr, cookie(ci), cookie(cr), saiB, idiiB);
        List<Payload> out = new ArrayList<>(List.of(id));
        out.addAll(proof(hashI));
        debugFsm("IKE_MESG_INTERNAL, IKE_PROCESS_COMPLETE", "IKE_I_MM4", "IKE_I_MM4");
        if (engine.firstContact(this)) {
            debug("Send initial contact");
            out.add(NotificationPayload.of(IpsecDoi.PROTO_ISAKMP, NotifyType.INITIAL_CONTACT,
                    IsakmpHeader.cookiePair(ci, cr), new byte[0]));
        }
        state = IsakmpState.MM_KEY_EXCH;
        expect = 6;
        debugIdSent(id);
        debugSending();
        debugFsm("IKE_MESG_INTERNAL, IKE_PROCESS_COMPLETE", "IKE_I_MM4", "IKE_I_MM5");
        log.send(datagram(encryptPhase1(ExchangeType.IDENTITY_PROTECTION, out)), true, true);
        return true;
    }

    /** MM5 at the responder: verify HASH_I. Answer MM6: HDR*, IDir, HASH_R. */
    private boolean mainMode5(Datagram d, byte[] m, Payloads.Chain c, boolean encrypted, byte[] nextIv) {
        Payloads.Entry idE = c.entry(dev.routerlab.packet.isakmp.PayloadType.ID);
        HashPayload h = c.first(HashPayload.class);
        if (!encrypted || idE == null || !proven(c, h)) return false;
        debugFsm("IKE_MESG_FROM_PEER, IKE_MM_EXCH", "IKE_R_MM4", "IKE_R_MM5");
        idiiB = c.body(idE);
        byte[] expected = keys.hashI(gxi, gxr, cookie(ci), cookie(cr), saiB, idiiB);
        if (!authenticated(expected, h, c, (IdPayload) idE.payload(), nextIv)) return true;
        log.accepted(m);
        iv = nextIv;
        if (d.destinationPort() == UdpEncapsulation.PORT) {
            localPort = UdpEncapsulation.PORT; // the initiator floated (RFC 3947 §4)
            peerPort = d.sourcePort();
        }
        engine.touch(peerAddr, peerPort);
        boolean initialContact = hasNotify(c, NotifyType.INITIAL_CONTACT);
        IdPayload id = ownId();
        if (id == null) return true;
        byte[] hashR = keys.hashR(gxi, gxr, cookie(ci), cookie(cr), saiB, id.body());
        List<Payload> out = new ArrayList<>(List.of(id));
        out.addAll(proof(hashR));
        state = IsakmpState.MM_KEY_AUTH;
        debugIdSent(id);
        debugSending();
        log.send(datagram(encryptPhase1(ExchangeType.IDENTITY_PROTECTION, out)), true, false);
        establish();
        if (initialContact) engine.initialContact(this);
        return true;
    }

    /** MM6 at the initiator: verify HASH_R; phase 1 is done. */
    private boolean mainMode6(Datagram d, byte[] m, Payloads.Chain c, boolean encrypted, byte[] nextIv) {
        Payloads.Entry idE = c.entry(dev.routerlab.packet.isakmp.PayloadType.ID);
        HashPayload h = c.first(HashPayload.class);
        if (!encrypted || idE == null || !proven(c, h)) return false;
        byte[] expected = keys.hashR(gxi, gxr, cookie(ci), cookie(cr), saiB, c.body(idE));
        if (!authenticated(expected, h, c, (IdPayload) idE.payload(), nextIv)) return true;
        debugFsm("IKE_MESG_FROM_PEER, IKE_MM_EXCH", "IKE_I_MM5", "IKE_I_MM6");
        log.accepted(m);
        iv = nextIv;
        peerPort = d.sourcePort();
        engine.touch(peerAddr, peerPort);
        establish();
        return true;
    }

    // ------------------------------------------------------------------ Aggressive Mode

    /** AM1 at the responder: HDR, SA, KE, Ni, IDii. Answer HDR, SA, KE, Nr, IDir, HASH_R [, VID] [, NAT-D, NAT-D]. */
    private boolean aggressive1(Datagram d, byte[] m, Payloads.Chain c, boolean encrypted) {
        SaPayload sa = c.first(SaPayload.class);
        KePayload ke = c.first(KePayload.class);
        NoncePayload n = c.first(NoncePayload.class);
        Payloads.Entry idE = c.entry(dev.routerlab.packet.isakmp.PayloadType.ID);
        if (encrypted || sa == null || ke == null || n == null || idE == null) return false;
        saiB = c.body(c.entry(dev.routerlab.packet.isakmp.PayloadType.SA));
        idiiB = c.body(idE);
        engine.debugLine("ISAKMP: Created a peer struct for " + Ipv4Address.toString(peerAddr) + ", peer port " + peerPort);
        debugFsm("IKE_MESG_FROM_PEER, IKE_AM_EXCH", "IKE_READY", "IKE_R_AM1");
        debug(" processing SA payload. message ID = 0");
        vendorIds(c);
        // All transforms of an Aggressive Mode offer share the group of the KE (RFC 2409 §5.4).
        Proposals.Phase1Choice ch = choose(sa, ke.data().length);
        if (ch == null) return true;
        gxi = ke.data();
        ni = n.data();
        dh = group.generate(engine.random);
        gxr = dh.publicValue();
        Optional<byte[]> gxy = dh.agree(gxi);
        if (gxy.isEmpty()) {
            fail("invalid KE from peer");
            return true;
        }
        nr = nonce();
        deriveKeys(gxy.get());
        log.accepted(m);
        IdPayload id = IdPayload.ipv4(localAddr, 17, UdpEncapsulation.IKE_PORT);
        byte[] hashR = keys.hashR(gxi, gxr, cookie(ci), cookie(cr), saiB, id.body());
        List<Payload> out = new ArrayList<>();
        out.add(new SaPayload(sa.doi(), sa.situation(), List.of(
                new ProposalPayload(ch.proposal().number(), ch.proposal().protocolId(), new byte[0], List.of(ch.transform())))));
        out.addAll(List.of(new KePayload(gxr), new NoncePayload(nr), id, new HashPayload(hashR)));
        out.addAll(vendorIds());
        out.addAll(natD(d.source(), d.sourcePort(), d.destination(), d.destinationPort()));
        state = IsakmpState.AG_INIT_EXCH;
        expect = 3;
        sendStep("IKE_R_AM1", "IKE_R_AM2");
        log.send(datagram(Payloads.message(ci, cr, ExchangeType.AGGRESSIVE, 0, 0, out)), true, true);
        return true;
    }

    /** AM2 at the initiator: verify HASH_R, answer HDR*, HASH_I [, NAT-D, NAT-D] (from 4500 behind NAT). */
    private boolean aggressive2(Datagram d, byte[] m, Payloads.Chain c, boolean encrypted) {
        SaPayload sa = c.first(SaPayload.class);
        KePayload ke = c.first(KePayload.class);
        NoncePayload n = c.first(NoncePayload.class);
        Payloads.Entry idE = c.entry(dev.routerlab.packet.isakmp.PayloadType.ID);
        HashPayload h = c.first(HashPayload.class);
        long rc = IsakmpHeader.responderCookie(m, 0);
        if (encrypted || sa == null || ke == null || n == null || idE == null || h == null || rc == 0) return false;
        if (!acceptAnswer(sa) || ke.data().length != group.publicValueLength()) return false;
        cr = rc;
        gxr = ke.data();
        nr = n.data();
        Optional<byte[]> gxy = dh.agree(gxr);
        if (gxy.isEmpty()) return false;
        deriveKeys(gxy.get());
        debugFsm("IKE_MESG_FROM_PEER, IKE_AM_EXCH", "IKE_I_AM1", "IKE_I_AM1");
        byte[] expected = keys.hashR(gxi, gxr, cookie(ci), cookie(cr), saiB, c.body(idE));
        if (!authenticated(expected, h)) {
            keys = null;
            cipher = null;
            return true;
        }
        vendorIds(c);
        detectNat(c, d);
        log.accepted(m);
        engine.touch(peerAddr, peerPort);
        if ((localBehindNat || peerBehindNat) && !natTraversal()) floatPorts(UdpEncapsulation.PORT);
        byte[] hashI = keys.hashI(gxi, gxr, cookie(ci), cookie(cr), saiB, idiiB);
        List<Payload> out = new ArrayList<>();
        out.add(new HashPayload(hashI));
        out.addAll(natD(peerAddr, peerPort, localAddr, localPort));
        if (engine.firstContact(this)) {
            out.add(NotificationPayload.of(IpsecDoi.PROTO_ISAKMP, NotifyType.INITIAL_CONTACT,
                    IsakmpHeader.cookiePair(ci, cr), new byte[0]));
        }
        debugSending();
        log.send(datagram(encryptPhase1(ExchangeType.AGGRESSIVE, out)), true, false);
        establish();
        return true;
    }

    /** AM3 at the responder (encrypted or not): verify HASH_I. */
    private boolean aggressive3(Datagram d, byte[] m, Payloads.Chain c, boolean encrypted, byte[] nextIv) {
        HashPayload h = c.first(HashPayload.class);
        if (h == null) return false;
        debugFsm("IKE_MESG_FROM_PEER, IKE_AM_EXCH", "IKE_R_AM2", "IKE_R_AM3");
        byte[] expected = keys.hashI(gxi, gxr, cookie(ci), cookie(cr), saiB, idiiB);
        if (!authenticated(expected, h)) return true;
        log.accepted(m);
        if (encrypted) iv = nextIv;
        detectNat(c, d);
        if (d.destinationPort() == UdpEncapsulation.PORT) {
            localPort = UdpEncapsulation.PORT;
            peerPort = d.sourcePort();
        }
        engine.touch(peerAddr, peerPort);
        boolean initialContact = hasNotify(c, NotifyType.INITIAL_CONTACT);
        establish();
        if (initialContact) engine.initialContact(this);
        return true;
    }

    // ------------------------------------------------------------------ shared phase-1 pieces

    private void deriveKeys(byte[] gxy) {
        // SKEYID by the authentication method (RFC 2409 §5): prf(Ni_b | Nr_b, g^xy) for signatures
        byte[] skeyid = auth == AuthMethod.RSA_SIG ? Phase1Keys.skeyidSignature(hash, ni, nr, gxy)
                : Phase1Keys.skeyidPreSharedKey(hash, psk, ni, nr);
        keys = Phase1Keys.derive(hash, skeyid, gxy, cookie(ci), cookie(cr), encryption.keyLength());
        Arrays.fill(skeyid, (byte) 0);
        Arrays.fill(gxy, (byte) 0);
        cipher = new IkeCipher(encryption, keys.encryptionKey());
        iv = IkeIv.phase1(hash, gxi, gxr, encryption.blockSize());
    }

    private void vendorIds(Payloads.Chain c) {
        for (VendorIdPayload v : c.all(VendorIdPayload.class)) {
            debug(" processing vendor id payload");
            if (v.is(VendorIds.RFC3947)) engine.debugLine("ISAKMP (" + shownId() + "): vendor ID is NAT-T RFC 3947");
            if (v.is(VendorIds.DPD)) debug(" vendor ID is DPD");
            if (v.is(VendorIds.RFC3947) && engine.config().natTraversal()) peerNatT = true;
            if (v.is(VendorIds.DPD)) peerDpd = true;
        }
    }

    /** NAT-D payloads: the destination first, then our own source (RFC 3947 §3.2). */
    private List<Payload> natD(int dst, int dstPort, int src, int srcPort) {
        if (!peerNatT) return List.of();
        return List.of(new NatDPayload(natHash(dst, dstPort)), new NatDPayload(natHash(src, srcPort)));
    }

    /** {@code HASH(CKY-I | CKY-R | IP | Port)} with the negotiated hash (RFC 3947 §3.2). */
    private byte[] natHash(int address, int port) {
        byte[] ap = new byte[6];
        Bytes.put32(ap, 0, address);
        Bytes.put16(ap, 4, port);
        return Prf.digest(hash, IsakmpHeader.cookiePair(ci, cr), ap);
    }

    /** Compares the peer's NAT-D payloads with the addresses this datagram really carries. */
    private void detectNat(Payloads.Chain c, Datagram d) {
        List<NatDPayload> l = c.all(NatDPayload.class);
        if (!peerNatT || l.size() < 2) return;
        localBehindNat = !Arrays.equals(l.get(0).data(), natHash(d.destination(), d.destinationPort()));
        byte[] src = natHash(d.source(), d.sourcePort());
        boolean match = false;
        for (int i = 1; i < l.size(); i++) match |= Arrays.equals(l.get(i).data(), src);
        peerBehindNat = !match;
        if (localBehindNat || peerBehindNat) {
            if (localBehindNat) debug("NAT found, we are behind a NAT device");
            if (peerBehindNat) debug("NAT found, the node outside NAT");
        }
    }

    private void floatPorts(int port) {
        localPort = port;
        peerPort = port;
        debug("NAT-T: switching to port " + port);
    }

    /** True when IKE runs on 4500 and ESP must go in UDP (RFC 3947 §4, RFC 3948). */
    boolean natTraversal() { return localPort == UdpEncapsulation.PORT; }

    private static boolean hasNotify(Payloads.Chain c, int type) {
        for (NotificationPayload n : c.all(NotificationPayload.class)) if (n.notifyType() == type) return true;
        return false;
    }

    private void establish() {
        established = true;
        expect = 0;
        state = IsakmpState.QM_IDLE;
        establishedNanos = engine.scheduler.nanos();
        engine.counters.phase1Established++;
        String last = "IKE_" + role() + "_" + (aggressive ? "AM" : "MM") + (aggressive ? (initiator ? "1" : "3") : (initiator ? "6" : "5"));
        debugFsm("IKE_MESG_INTERNAL, IKE_PROCESS_COMPLETE", last, "IKE_P1_COMPLETE");
        long life = lifetime * 1_000_000_000L;
        timers.add(engine.scheduler.schedule(life, () -> delete("lifetime expired", true)));
        timers.add(engine.scheduler.schedule((long) (life * engine.config().timers().rekeyFraction()),
                () -> engine.phase1Soft(this)));
        DpdSettings dpd = engine.config().dpd();
        if (dpd != null && peerDpd && dpd.periodic()) schedulePeriodicDpd(dpd);
        int ka = engine.config().natKeepaliveSeconds();
        if (ka > 0 && localBehindNat) scheduleNatKeepalive(ka);
        engine.phase1Established(this);
    }

    private void fail(String reason) {
        if (deleted) return;
        debugDeleting(reason);
        engine.counters.phase1Failed++;
        teardown();
        engine.phase1Failed(this, reason);
    }

    /** Deletes this SA; with {@code notify}, tells the peer (RFC 2408 §3.15) when we can. */
    void delete(String reason, boolean notify) {
        if (deleted) return;
        if (notify && established) {
            sendInformational(List.of(DeletePayload.isakmp(ci, cr)));
            engine.counters.deletesSent++;
        }
        debugDeleting(reason);
        teardown();
        engine.phase1Deleted(this, reason);
    }

    private void teardown() {
        deleted = true;
        log.stop();
        for (Scheduler.Timer t : timers) t.cancel();
        timers.clear();
        if (dpdRetryTimer != null) dpdRetryTimer.cancel();
        for (QuickModeExchange x : new ArrayList<>(quick.values())) x.abandon();
        quick.clear();
        if (keys != null) keys.destroy();
    }

    // ------------------------------------------------------------------ protection

    record Decrypted(Payloads.Chain chain, byte[] nextIv) {}

    /** Decrypts a message body with {@code ivIn}; null unless it yields a valid payload chain. */
    Decrypted decrypt(byte[] m, byte[] ivIn) {
        int len = (int) IsakmpHeader.length(m, 0);
        byte[] ct = Arrays.copyOfRange(m, IsakmpHeader.LENGTH, len);
        Optional<byte[]> pt = cipher.decrypt(ivIn, ct);
        if (pt.isEmpty()) return null;
        int first = IsakmpHeader.nextPayload(m, 0);
        byte[] p = pt.get();
        if (Payloads.check(p, 0, p.length, first) != PacketError.OK) return null;
        return new Decrypted(Payloads.decode(p, 0, p.length, first), IkeIv.next(ct, encryption.blockSize()));
    }

    /** Encrypts a message with {@code ivIn}; {@code ivOut[0]} receives the IV that follows it. */
    byte[] encrypt(int exchange, int mid, List<Payload> payloads, byte[] ivIn, byte[][] ivOut) {
        byte[] body = cipher.pad(Payloads.encode(payloads));
        byte[] ct = cipher.encrypt(ivIn, body);
        ivOut[0] = IkeIv.next(ct, encryption.blockSize());
        return IsakmpHeader.assemble(ci, cr, Payloads.firstType(payloads), exchange, IsakmpHeader.FLAG_ENCRYPTION, mid, ct);
    }

    private byte[] encryptPhase1(int exchange, List<Payload> payloads) {
        byte[][] out = new byte[1][];
        byte[] m = encrypt(exchange, 0, payloads, iv, out);
        iv = out[0];
        return m;
    }

    /** The first IV of a phase-2 exchange with this message ID (Appendix B). */
    byte[] phase2Iv(int mid) {
        return IkeIv.phase2(hash, iv, mid, encryption.blockSize());
    }

    HashAlgorithm hash() { return hash; }

    /** Ka, for {@link WiresharkKeys} only; null before keys exist or after deletion. */
    byte[] encryptionKeyForExport() {
        return keys == null || deleted ? null : keys.encryptionKey();
    }

    byte[] skeyidA() { return keys.skeyidA(); }

    byte[] skeyidD() { return keys.skeyidD(); }

    Datagram datagram(byte[] ike) {
        byte[] p = localPort == UdpEncapsulation.PORT ? UdpEncapsulation.withMarker(ike) : ike;
        return new Datagram(localAddr, localPort, peerAddr, peerPort, p);
    }

    private byte[] nonce() {
        byte[] n = new byte[NONCE_LENGTH];
        engine.random.nextBytes(n);
        return n;
    }

    static byte[] cookie(long c) {
        byte[] b = new byte[8];
        Bytes.put32(b, 0, (int) (c >>> 32));
        Bytes.put32(b, 4, (int) c);
        return b;
    }

    // ------------------------------------------------------------------ informational

    /** Sends HDR*, HASH(1), N/D... under this SA (RFC 2409 §5.7). */
    void sendInformational(List<Payload> payloads) {
        if (!established || deleted) return;
        int mid = engine.newMessageId(this);
        byte[] rest = Payloads.encode(payloads);
        byte[] h = QuickMode.hash1(hash, keys.skeyidA(), mid, rest);
        List<Payload> all = new ArrayList<>();
        all.add(new HashPayload(h));
        all.addAll(payloads);
        byte[][] ignored = new byte[1][];
        engine.debugLine("ISAKMP: set new node " + Integer.toUnsignedString(mid) + " to QM_IDLE");
        for (Payload p : payloads) {
            if (p instanceof NotificationPayload n) {
                debug("Sending NOTIFY " + IkeDebug.notifyName(n.notifyType()) + " protocol " + n.protocolId());
            } else if (p instanceof DeletePayload del) {
                debug(" sending DELETE protocol " + del.protocolId());
            }
        }
        debugSending();
        debug("purging node " + Integer.toUnsignedString(mid));
        engine.transmit(datagram(encrypt(ExchangeType.INFORMATIONAL, mid, all, phase2Iv(mid), ignored)));
    }

    /**
     * A notification (or, {@code withDelete}, the delete of this SA) under the phase-1 keys before
     * phase 1 completes: an authentication that failed (RFC 2409 §5.7, RFC 2408 §3.15).
     */
    private void notifyProtected(int type, boolean withDelete) {
        if (cipher == null || deleted) return;
        int mid = engine.randomMessageId();
        // the notify and the delete go in informationals of their own: charon stops at an error notify
        List<Payload> p = List.of(withDelete ? DeletePayload.isakmp(ci, cr)
                : NotificationPayload.of(IpsecDoi.PROTO_ISAKMP, type, IsakmpHeader.cookiePair(ci, cr), new byte[0]));
        byte[] h = QuickMode.hash1(hash, keys.skeyidA(), mid, Payloads.encode(p));
        List<Payload> all = new ArrayList<>();
        all.add(new HashPayload(h));
        all.addAll(p);
        if (withDelete) debug(" sending DELETE protocol " + IpsecDoi.PROTO_ISAKMP);
        else debug("Sending NOTIFY " + IkeDebug.notifyName(type) + " protocol " + IpsecDoi.PROTO_ISAKMP);
        debugSending();
        byte[][] ignored = new byte[1][];
        engine.transmit(datagram(encrypt(ExchangeType.INFORMATIONAL, mid, all, phase2Iv(mid), ignored)));
    }

    /** An unprotected notification, as before keys exist (NO-PROPOSAL-CHOSEN). */
    private void notifyPlain(int type) {
        List<Payload> p = List.of(NotificationPayload.of(IpsecDoi.PROTO_ISAKMP, type, IsakmpHeader.cookiePair(ci, cr),
                new byte[0]));
        debug("Sending NOTIFY " + IkeDebug.notifyName(type) + " protocol " + IpsecDoi.PROTO_ISAKMP);
        debugSending();
        engine.transmit(datagram(Payloads.message(ci, cr, ExchangeType.INFORMATIONAL, 0, engine.randomMessageId(), p)));
    }

    private void informational(Datagram d, byte[] m, boolean encrypted, int mid) {
        if (!encrypted) {
            Payloads.Chain c = plain(m);
            if (c == null) return;
            for (NotificationPayload n : c.all(NotificationPayload.class)) {
                debug(" processing NOTIFY " + IkeDebug.notifyName(n.notifyType()) + " protocol " + n.protocolId());
                // An error answering our first message (NO-PROPOSAL-CHOSEN, AUTHENTICATION-FAILED,
                // RFC 2408 §3.14.1) ends the attempt at once rather than by timeouts. Later, when
                // keys exist, unauthenticated notifies are not trusted.
                if (initiator && !established && expect == 2 && n.notifyType() < 16384) {
                    fail("peer refused our first message (" + NotifyType.name(n.notifyType()) + ")");
                    return;
                }
            }
            engine.counters.unexpected++;
            return;
        }
        if (!established && mid != 0 && cipher != null && !aggressive) {
            phase1Notify(m, mid);
            return;
        }
        if (!established || mid == 0) {
            engine.counters.unexpected++;
            return;
        }
        if (recentInfoIds.contains(mid)) {
            engine.counters.duplicates++;
            return;
        }
        Decrypted r = decrypt(m, phase2Iv(mid));
        if (r == null) {
            engine.counters.decryptFailed++;
            return;
        }
        Payloads.Chain c = r.chain;
        if (c.entries().isEmpty() || !(c.entries().get(0).payload() instanceof HashPayload h)) {
            engine.counters.unexpected++;
            return;
        }
        byte[] expected = QuickMode.hash1(hash, keys.skeyidA(), mid, c.after(0));
        if (!engine.counters.hashVerifies(expected, h.data())) {
            return;
        }
        debug(" processing HASH payload. message ID = " + Integer.toUnsignedString(mid));
        recentInfoIds.addLast(mid);
        if (recentInfoIds.size() > RECENT_INFO_IDS) recentInfoIds.removeFirst();
        if (d.sourcePort() != peerPort && natTraversal()) peerPort = d.sourcePort(); // NAT mapping changed
        engine.touch(peerAddr, peerPort);
        for (Payload p : c.payloads()) {
            if (deleted) return;
            if (p instanceof NotificationPayload n) onNotify(n);
            else if (p instanceof DeletePayload del) onDelete(del);
        }
    }

    /**
     * A protected informational before phase 1 completes (keys exist from MM3/MM4 on): an error
     * notify whose HASH(1) holds (AUTHENTICATION-FAILED, RFC 2409 §5.7) ends the attempt at once.
     */
    private void phase1Notify(byte[] m, int mid) {
        // the IV from the last phase-1 CBC block, which {@link #iv} follows (Appendix B)
        Decrypted r = decrypt(m, phase2Iv(mid));
        if (r == null || r.chain.entries().isEmpty() || !(r.chain.entries().get(0).payload() instanceof HashPayload h)
                || !engine.counters.hashVerifies(QuickMode.hash1(hash, keys.skeyidA(), mid, r.chain.after(0)), h.data())) {
            engine.counters.unexpected++;
            return;
        }
        for (NotificationPayload n : r.chain.all(NotificationPayload.class)) {
            debug(" processing NOTIFY " + IkeDebug.notifyName(n.notifyType()) + " protocol " + n.protocolId());
            if (n.notifyType() < 16384) {
                engine.modeFailure("Main", peerAddr);
                fail("peer refused our authentication (" + NotifyType.name(n.notifyType()) + ")");
                return;
            }
        }
    }

    private void onNotify(NotificationPayload n) {
        byte[] data = n.data();
        switch (n.notifyType()) {
            case NotifyType.R_U_THERE -> {
                engine.counters.dpdReceived++;
                if (data.length != 4) return;
                sendInformational(List.of(NotificationPayload.of(IpsecDoi.PROTO_ISAKMP, NotifyType.R_U_THERE_ACK,
                        IsakmpHeader.cookiePair(ci, cr), data)));
            }
            case NotifyType.R_U_THERE_ACK -> {
                if (data.length != 4 || dpdFirstOutstanding == 0) return;
                int seq = Bytes.i32(data, 0);
                // RFC 3706 §5.5: an ACK of any R-U-THERE still outstanding proves liveness.
                if (seq - dpdFirstOutstanding >= 0 && dpdSeq - seq >= 0) {
                    engine.counters.dpdAcked++;
                    dpdFirstOutstanding = 0;
                    dpdRetries = 0;
                    if (dpdRetryTimer != null) dpdRetryTimer.cancel();
                    dpdRetryTimer = null;
                }
            }
            case NotifyType.INITIAL_CONTACT -> engine.initialContact(this);
            case NotifyType.AUTHENTICATION_FAILED -> {
                // the initiator refused our MM6 (its certificate checks): this SA is not the peer's
                debug(" processing NOTIFY " + IkeDebug.notifyName(n.notifyType()) + " protocol " + n.protocolId());
                engine.modeFailure("Main", peerAddr);
                delete("peer refused our authentication", false);
            }
            default -> debug(" processing NOTIFY " + IkeDebug.notifyName(n.notifyType()) + " protocol " + n.protocolId());
        }
    }

    private void onDelete(DeletePayload del) {
        engine.counters.deletesReceived++;
        debug(" processing DELETE payload. message ID = 0");
        if (del.protocolId() == IpsecDoi.PROTO_ISAKMP && del.spiSize() == 16) {
            for (byte[] spi : del.spis()) {
                engine.peerDeletedIsakmp(this, IsakmpHeader.cookieOf(spi, 0), IsakmpHeader.cookieOf(spi, 1));
            }
        } else if (del.protocolId() == IpsecDoi.PROTO_IPSEC_ESP && del.spiSize() == 4) {
            engine.peerDeletedChildren(peerAddr, del.spi32());
        }
    }

    // ------------------------------------------------------------------ DPD and NAT keepalives

    private void schedulePeriodicDpd(DpdSettings dpd) {
        timers.add(engine.scheduler.schedule(dpd.seconds() * 1_000_000_000L, () -> {
            if (deleted) return;
            // IOS periodic mode asks every S seconds whatever the traffic (on-demand is RFC 3706's
            // "only when needed", see onOutboundTraffic).
            if (dpdFirstOutstanding == 0) sendRuThere();
            schedulePeriodicDpd(dpd);
        }));
    }

    /** On-demand DPD: traffic is about to be sent and the peer has been silent too long. */
    void onOutboundTraffic(DpdSettings dpd) {
        if (established && !deleted && peerDpd && dpdFirstOutstanding == 0
                && engine.idleNanos(peerAddr, peerPort) >= dpd.seconds() * 1_000_000_000L) {
            sendRuThere();
        }
    }

    private void sendRuThere() {
        DpdSettings dpd = engine.config().dpd();
        if (dpd == null) return;
        if (dpdSeq == 0) dpdSeq = engine.random.nextInt(0x7fff_ffff) + 1; // RFC 3706 §5.5: random start
        int seq = ++dpdSeq == 0 ? ++dpdSeq : dpdSeq;
        if (dpdFirstOutstanding == 0) dpdFirstOutstanding = seq;
        byte[] data = new byte[4];
        Bytes.put32(data, 0, seq);
        engine.counters.dpdSent++;
        debug("DPD/R_U_THERE sent to " + Ipv4Address.toString(peerAddr) + " (retry " + dpdRetries + ")");
        sendInformational(List.of(NotificationPayload.of(IpsecDoi.PROTO_ISAKMP, NotifyType.R_U_THERE,
                IsakmpHeader.cookiePair(ci, cr), data)));
        dpdRetryTimer = engine.scheduler.schedule(dpd.retrySeconds() * 1_000_000_000L, () -> {
            dpdRetryTimer = null;
            if (deleted || dpdFirstOutstanding == 0) return;
            if (dpdRetries >= DpdSettings.MAX_RETRIES) {
                debug("peer " + Ipv4Address.toString(peerAddr) + " not responding!");
                engine.peerDead(this);
                return;
            }
            dpdRetries++;
            sendRuThere();
        });
    }

    private void scheduleNatKeepalive(int seconds) {
        timers.add(engine.scheduler.schedule(seconds * 1_000_000_000L, () -> {
            if (deleted) return;
            engine.counters.natKeepalivesOut++;
            engine.transmit(new Datagram(localAddr, localPort, peerAddr, peerPort, UdpEncapsulation.keepalive()));
            scheduleNatKeepalive(seconds);
        }));
    }

    // ------------------------------------------------------------------ show

    IsakmpSaInfo info() {
        long remaining = -1;
        if (established) {
            long used = (engine.scheduler.nanos() - establishedNanos) / 1_000_000_000L;
            remaining = Math.max(0, lifetime - used);
        }
        // a deleted SA lingers as MM_NO_STATE (reference show_crypto_isakmp_sa/01)
        return new IsakmpSaInfo(connId, localAddr, localPort, peerAddr, peerPort, deleted ? IsakmpState.MM_NO_STATE : state, deleted, initiator, aggressive,
                encryption, hash, auth, group, lifetime, remaining, peerDpd, natTraversal(), localBehindNat, peerBehindNat,
                ci, cr);
    }

    // ------------------------------------------------------------------ debug crypto isakmp

    /** The conn-id IOS shows in debug lines: 0 until phase-1 keys exist. */
    int shownId() { return cipher == null ? 0 : connId; }

    private String role() { return initiator ? "I" : "R"; }

    void debug(String s) {
        engine.debugLine("ISAKMP:(" + shownId() + "):" + s);
    }

    /** IOS's state machine trace: the input, then the old and new state (two spaces between). */
    void debugFsm(String input, String from, String to) {
        debug("Input = " + input);
        debug("Old State = " + from + "  New State = " + to);
    }

    /** Before each datagram of this SA leaves. */
    void debugSending() {
        debug(" sending packet to " + Ipv4Address.toString(peerAddr) + " my_port " + localPort + " peer_port " + peerPort
                + " (" + role() + ") " + state);
        debug("Sending an IKE IPv4 Packet.");
    }

    /** A phase-1 step that answers: processing done in {@code from}, the packet sent, the next state. */
    private void sendStep(String from, String to) {
        debugFsm("IKE_MESG_INTERNAL, IKE_PROCESS_COMPLETE", from, from);
        debugSending();
        debugFsm("IKE_MESG_INTERNAL, IKE_PROCESS_COMPLETE", from, to);
    }

    private void debugKeNonce() {
        debug(" processing KE payload. message ID = 0");
        debug(" processing NONCE payload. message ID = 0");
        if (auth == AuthMethod.PRE_SHARE) debug("found peer pre-shared key matching " + Ipv4Address.toString(peerAddr));
    }

    private void debugIdSent(IdPayload id) {
        debug("SA is doing " + (auth == AuthMethod.RSA_SIG ? "RSA signature" : "pre-shared key") + " authentication using id type "
                + Ikev1Certs.typeName(id));
        debug("Total payload length: " + (id.body().length + Payloads.GENERIC_HEADER));
    }

    // ------------------------------------------------------------------ rsa-sig (RFC 2409 §5.1)

    /** CERTREQs for the CAs we trust (with the KE messages), rsa-sig only. */
    private List<Payload> certRequests() {
        if (auth != AuthMethod.RSA_SIG) return List.of();
        List<Payload> out = new ArrayList<>();
        for (CertRequestPayload r : Ikev1Certs.certRequests(engine.config().certs(), peerAddr)) {
            debug(" constructing CERT_REQ for issuer " + Ikev1Certs.text(new IdPayload(IdPayload.ID_DER_ASN1_DN, 0, 0, r.authority())));
            out.add(r);
        }
        return out;
    }

    /** Our ID payload: the address with pre-shared keys; with rsa-sig `crypto isakmp identity`; null (failed) without a certificate. */
    private IdPayload ownId() {
        if (auth != AuthMethod.RSA_SIG) return IdPayload.ipv4(localAddr, 17, UdpEncapsulation.IKE_PORT);
        credential = engine.config().certs() == null ? null : Ikev1Certs.credential(engine.config().certs(), peerAddr, peerCertReqs);
        if (credential == null) {
            debug("Unable to get router cert or routerdoes not have a cert: needed to find DN!");
            engine.modeFailure("Main", peerAddr);
            fail("no certificate to sign with");
            return null;
        }
        return Ikev1Certs.identity(engine.config().certs(), localAddr, credential);
    }

    /** HASH_I/HASH_R itself (pre-shared keys), or CERT, SIG (rsa-sig). */
    private List<Payload> proof(byte[] hashOut) {
        if (auth != AuthMethod.RSA_SIG) return List.of(new HashPayload(hashOut));
        List<Payload> out = new ArrayList<>(Ikev1Certs.certs(credential));
        out.add(new SignaturePayload(Ikev1Certs.sign(credential, hashOut)));
        return out;
    }

    /** The payload that proves the peer is there: HASH, or SIG with rsa-sig. */
    private boolean proven(Payloads.Chain c, HashPayload h) {
        return auth == AuthMethod.RSA_SIG ? c.first(SignaturePayload.class) != null : h != null;
    }

    /**
     * The peer's HASH (pre-shared keys) or CERT and SIG over the expected hash (rsa-sig) checked;
     * false (and the SA failed, the peer told by a protected AUTHENTICATION-FAILED) when they do not hold.
     */
    private boolean authenticated(byte[] expected, HashPayload h, Payloads.Chain c, IdPayload id, byte[] nextIv) {
        if (auth != AuthMethod.RSA_SIG) return authenticated(expected, h);
        debug(" processing ID payload. message ID = 0");
        debug(" peer ID is " + Ikev1Certs.typeName(id) + " " + dev.routerlab.text.Printable.printable(Ikev1Certs.text(id)));
        CertPayload cp = c.first(CertPayload.class);
        if (cp != null) debug(" processing CERT payload. message ID = 0");
        debug(" processing SIG payload. message ID = 0");
        String why = Ikev1Certs.verify(engine.config().certs(), peerAddr, Ikev1Certs.chain(c.all(CertPayload.class)), id, expected,
                c.first(SignaturePayload.class).data(), engine);
        if (why != null) {
            debug("SA not acceptable! (" + why + ")");
            iv = nextIv;
            // the responder counts its SA established once MM6 is sent: the initiator also deletes it (RFC 2408 §3.15)
            notifyProtected(NotifyType.AUTHENTICATION_FAILED, false);
            if (initiator) notifyProtected(-1, true);
            engine.modeFailure("Main", peerAddr);
            fail(why);
            return false;
        }
        debug("SA has been authenticated with " + Ipv4Address.toString(peerAddr));
        return true;
    }

    /** HASH_I/HASH_R checked, with IOS's lines; false (and the failure logged) when it does not verify. */
    private boolean authenticated(byte[] expected, HashPayload h) {
        debug(" processing ID payload. message ID = 0");
        debug(" processing HASH payload. message ID = 0");
        if (!engine.counters.hashVerifies(expected, h.data())) {
            debug("SA not acceptable!");
            engine.badMessage(peerAddr);
            return false;
        }
        debug("SA has been authenticated with " + Ipv4Address.toString(peerAddr));
        return true;
    }

    private void debugDeleting(String reason) {
        debug("deleting SA reason \"" + reason + "\" state (" + role() + ") " + state + " (peer "
                + Ipv4Address.toString(peerAddr) + ")");
    }

    /** MessageLog's retransmission of our last phase-1 message. */
    private void retransmitting(int attempt) {
        debug(" retransmitting phase 1 " + state + "...");
        engine.debugLine("ISAKMP (" + shownId() + "): incrementing error counter on sa, attempt " + attempt + " of "
                + engine.config().timers().retransmitLimit() + ": retransmit phase 1");
        debug(" retransmitting phase 1 " + state);
        debugSending();
    }

    IkeDebug.Trace trace() {
        return new IkeDebug.Trace() {
            public void line(String text) { debug(text); }
            public void bare(String text) { engine.debugLine("ISAKMP:" + text); }
            public void ipsec(String text) { engine.debugLine(text); }
        };
    }

    @Override
    public String toString() {
        return "IsakmpSa[" + connId + " " + Ipv4Address.toString(localAddr) + " <-> " + Ipv4Address.toString(peerAddr)
                + " " + state + (deleted ? " deleted" : "") + "]";
    }
}
