package dev.routerlab.ike;

import dev.routerlab.packet.IpAddress;
import dev.routerlab.ike.crypto.DhGroup;
import dev.routerlab.ike.crypto.DhKeyPair;
import dev.routerlab.ike.crypto.QuickMode;
import dev.routerlab.esp.Transform;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.isakmp.Attribute;
import dev.routerlab.packet.isakmp.ExchangeType;
import dev.routerlab.packet.isakmp.HashPayload;
import dev.routerlab.packet.isakmp.IdPayload;
import dev.routerlab.packet.isakmp.IpsecDoi;
import dev.routerlab.packet.isakmp.KePayload;
import dev.routerlab.packet.isakmp.NatOaPayload;
import dev.routerlab.packet.isakmp.NoncePayload;
import dev.routerlab.packet.isakmp.NotificationPayload;
import dev.routerlab.packet.isakmp.NotifyType;
import dev.routerlab.packet.isakmp.Payload;
import dev.routerlab.packet.isakmp.Payloads;
import dev.routerlab.packet.isakmp.ProposalPayload;
import dev.routerlab.packet.isakmp.SaPayload;
import dev.routerlab.packet.isakmp.TransformPayload;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One Quick Mode exchange (RFC 2409 §5.5) under an ISAKMP SA, either role:
 * <pre>
 *  HDR*, HASH(1), SA, Ni [, KE] [, IDci, IDcr] [, NAT-OAi, NAT-OAr]  -->
 *                   <--  HDR*, HASH(2), SA, Nr [, KE] [, IDci, IDcr] [, N(RESPONDER-LIFETIME)]
 *  HDR*, HASH(3)                                                     -->
 * </pre>
 * with one ESP proposal per transform set, UDP-encapsulated modes after a NAT-T float
 * (RFC 3947 §5.2), PFS when a group is set, and KEYMAT per direction (§5.5).
 */
final class QuickModeExchange {
    private static final int NONCE_LENGTH = 32;

    final IsakmpSa sa;
    final IkeEngine engine;
    final int mid;
    final boolean initiator;
    private final MessageLog log;
    private byte[] iv;
    private boolean done;

    // what is being negotiated
    IpsecPolicy policy;
    ProxyPair proxies; // our view: local, remote
    final long rekeyOf;
    private boolean sendIds = true;
    private int spiIn;
    private int spiOut;
    private byte[] ni, nr;
    private DhGroup pfs;
    private DhKeyPair dh;
    private byte[] gqmxy;

    private QuickModeExchange(IsakmpSa sa, int mid, boolean initiator, long rekeyOf) {
        this.sa = sa;
        this.engine = sa.engine;
        this.mid = mid;
        this.initiator = initiator;
        this.rekeyOf = rekeyOf;
        this.iv = sa.phase2Iv(mid);
        this.log = new MessageLog(engine, this::retransmitting, () -> fail("Death by retransmission P2"));
    }

    // ------------------------------------------------------------------ initiator

    static QuickModeExchange initiate(IsakmpSa sa, IpsecPolicy policy, ProxyPair proxies, long rekeyOf) {
        QuickModeExchange x = new QuickModeExchange(sa, sa.engine.newMessageId(sa), true, rekeyOf);
        sa.quick.put(x.mid, x);
        x.policy = policy;
        x.proxies = proxies;
        x.start();
        return x;
    }

    private void start() {
        spiIn = engine.allocateSpi();
        ni = nonce();
        pfs = policy.pfs();
        boolean udp = sa.natTraversal();
        List<ProposalPayload> props = new ArrayList<>();
        for (TransformSetSpec ts : policy.transformSets()) {
            props.add(Proposals.espProposal(props.size() + 1, spiIn, ts.transform(), ts.mode(), udp, pfs,
                    policy.lifetimeSeconds(), policy.lifetimeKilobytes()));
        }
        List<Payload> rest = new ArrayList<>();
        rest.add(SaPayload.ipsec(props));
        rest.add(new NoncePayload(ni));
        if (pfs != null) {
            dh = pfs.generate(engine.random);
            rest.add(new KePayload(dh.publicValue()));
        }
        rest.add(proxies.local().toId());
        rest.add(proxies.remote().toId());
        if (udp && policy.transformSets().stream().anyMatch(t -> t.mode() == IpsecMode.TRANSPORT)) {
            rest.add(NatOaPayload.ipv4(sa.localAddr)); // RFC 3947 §5.2: original addresses
            rest.add(NatOaPayload.ipv4(sa.peerAddr));
        }
        byte[] h = QuickMode.hash1(sa.hash(), sa.skeyidA(), mid, Payloads.encode(rest));
        debug("beginning Quick Mode exchange, M-ID of " + Integer.toUnsignedString(mid));
        debug("QM Initiator gets spi");
        sa.debugSending();
        log.send(sa.datagram(encrypt(withHash(h, rest))), false, true);
        debugNode("IKE_MESG_INTERNAL, IKE_INIT_QM", "IKE_QM_READY", "IKE_QM_I_QM1");
    }

    // ------------------------------------------------------------------ responder

    /** A new quick mode message ID: QM1 from the peer. */
    static void respond(IsakmpSa sa, Datagram d, byte[] m, int mid) {
        sa.engine.debugLine("ISAKMP: set new node " + Integer.toUnsignedString(mid) + " to QM_IDLE");
        QuickModeExchange x = new QuickModeExchange(sa, mid, false, 0);
        IsakmpSa.Decrypted r = sa.decrypt(m, x.iv);
        if (r == null) {
            sa.engine.counters.decryptFailed++;
            return;
        }
        if (x.quickMode1(d, m, r.chain(), r.nextIv()) && !x.done) sa.quick.put(mid, x);
    }

    void receive(Datagram d, byte[] m) {
        if (log.isDuplicate(m)) {
            debug(" phase 2 packet is a duplicate of a previous packet.");
            log.answerDuplicate();
            return;
        }
        if (done) {
            engine.counters.unexpected++;
            return;
        }
        IsakmpSa.Decrypted r = sa.decrypt(m, iv);
        if (r == null) {
            engine.counters.decryptFailed++;
            return;
        }
        boolean ok = initiator ? quickMode2(d, m, r.chain(), r.nextIv()) : quickMode3(m, r.chain(), r.nextIv());
        if (!ok) engine.counters.unexpected++;
    }

    /** HASH(1) check, policy and proposal choice, QM2. False when the message is not acceptable at all. */
    private boolean quickMode1(Datagram d, byte[] m, Payloads.Chain c, byte[] nextIv) {
        HashPayload h = hashFirst(c);
        if (h == null) return false;
        byte[] expected = QuickMode.hash1(sa.hash(), sa.skeyidA(), mid, c.after(0));
        if (!engine.counters.hashVerifies(expected, h.data())) {
            return false;
        }
        SaPayload saP = c.first(SaPayload.class);
        NoncePayload n = c.first(NoncePayload.class);
        KePayload ke = c.first(KePayload.class);
        List<IdPayload> ids = c.all(IdPayload.class);
        if (saP == null || n == null || (ids.size() != 0 && ids.size() != 2)) return false;
        debug(" processing HASH payload. message ID = " + Integer.toUnsignedString(mid));
        debug(" processing SA payload. message ID = " + Integer.toUnsignedString(mid));
        engine.touch(sa.peerAddr, sa.peerPort);
        ni = n.data();
        ProxyPair proposed;
        if (ids.isEmpty()) {
            // RFC 2409 §5.5: without IDs the proxies are the ISAKMP peers themselves.
            sendIds = false;
            proposed = new ProxyPair(ProxyId.host(sa.localAddr), ProxyId.host(sa.peerAddr));
        } else {
            ProxyId remote = ProxyId.fromId(ids.get(0));
            ProxyId local = ProxyId.fromId(ids.get(1));
            if (remote == null || local == null) {
                refuse(NotifyType.INVALID_ID_INFORMATION, "unsupported proxy identity");
                return true;
            }
            proposed = natOriginal(new ProxyPair(local, remote), !c.all(NatOaPayload.class).isEmpty());
        }
        Proposals.Phase2Choice choice = null;
        boolean idMatched = false;
        for (IpsecPolicy p : engine.config().ipsecPolicies()) {
            if (!p.acceptsPeer(sa.peerAddr) || !coveredBy(p, proposed)) continue;
            idMatched = true;
            choice = Proposals.selectPhase2(p, saP, ke != null, sa.trace());
            if (choice != null) break;
        }
        if (choice == null) {
            if (!idMatched) {
                engine.debugLine("IPSEC(validate_transform_proposal): proxy identities not supported");
                debug(" IPSec policy invalidated proposal with error 32");
                refuse(NotifyType.INVALID_ID_INFORMATION, "proxy identities not supported");
            } else {
                refuse(NotifyType.NO_PROPOSAL_CHOSEN, "no transform matches");
            }
            return true;
        }
        debug(" processing NONCE payload. message ID = " + Integer.toUnsignedString(mid));
        if (ids.size() == 2) {
            debug(" processing ID payload. message ID = " + Integer.toUnsignedString(mid));
            debug(" processing ID payload. message ID = " + Integer.toUnsignedString(mid));
        }
        if (ke != null) {
            pfs = DhGroup.byId(choice.esp().group()).orElseThrow();
            if (ke.data().length != pfs.publicValueLength()) {
                refuse(NotifyType.INVALID_KEY_INFORMATION, "KE of the wrong length");
                return true;
            }
            dh = pfs.generate(engine.random);
            Optional<byte[]> s = dh.agree(ke.data());
            if (s.isEmpty()) {
                refuse(NotifyType.INVALID_KEY_INFORMATION, "invalid KE");
                return true;
            }
            gqmxy = s.get();
        }
        log.accepted(m);
        iv = nextIv;
        policy = choice.policy();
        proxies = proposed;
        spiOut = choice.proposal().spi32();
        spiIn = engine.allocateSpi();
        nr = nonce();
        negotiated = choice;
        List<Payload> rest = new ArrayList<>();
        byte[] spi = new byte[4];
        dev.routerlab.packet.Bytes.put32(spi, 0, spiIn);
        rest.add(new SaPayload(saP.doi(), saP.situation(), List.of(new ProposalPayload(choice.proposal().number(),
                IpsecDoi.PROTO_IPSEC_ESP, spi, List.of(choice.transform())))));
        rest.add(new NoncePayload(nr));
        if (dh != null) rest.add(new KePayload(dh.publicValue()));
        if (sendIds) {
            rest.add(ids.get(0));
            rest.add(ids.get(1));
        }
        if (choice.lifetimeLowered()) {
            // RFC 2407 §4.6.3.1: tell the initiator the lifetime we will use.
            List<Attribute> life = new ArrayList<>();
            life.add(Attribute.of(IpsecDoi.SA_LIFE_TYPE, IpsecDoi.LIFE_SECONDS));
            life.add(Attribute.of(IpsecDoi.SA_LIFE_DURATION, choice.seconds()));
            if (choice.kilobytes() > 0) {
                life.add(Attribute.of(IpsecDoi.SA_LIFE_TYPE, IpsecDoi.LIFE_KILOBYTES));
                life.add(Attribute.of(IpsecDoi.SA_LIFE_DURATION, choice.kilobytes()));
            }
            rest.add(NotificationPayload.of(IpsecDoi.PROTO_IPSEC_ESP, NotifyType.RESPONDER_LIFETIME,
                    choice.proposal().spi(), encodeAttributes(life)));
        }
        byte[] h2 = QuickMode.hash2(sa.hash(), sa.skeyidA(), mid, ni, Payloads.encode(rest));
        debug("QM Responder gets spi");
        debugNode("IKE_MESG_FROM_PEER, IKE_QM_EXCH", "IKE_QM_READY", "IKE_QM_SPI_STARVE");
        sa.debugSending();
        log.send(sa.datagram(encrypt(withHash(h2, rest))), true, true);
        debugNode("IKE_MESG_INTERNAL, IKE_GOT_SPI", "IKE_QM_SPI_STARVE", "IKE_QM_R_QM2");
        return true;
    }

    private Proposals.Phase2Choice negotiated;

    /**
     * RFC 3947 §5.2 / RFC 3948 §3.1: a transport-mode proposal over NAT (its NAT-OA payloads say
     * so) names the hosts as the initiator knows them: our address as seen through the NAT, its
     * own original one. Each host identity of a side that is behind NAT stands for that side's
     * ISAKMP address, as IOS matches it (so that GRE between two spokes behind PAT matches each
     * spoke's own selectors).
     */
    private ProxyPair natOriginal(ProxyPair p, boolean natOa) {
        if (!natOa || !sa.natTraversal()) return p;
        return new ProxyPair(sa.localBehindNat ? hostAs(p.local(), sa.localAddr) : p.local(),
                sa.peerBehindNat ? hostAs(p.remote(), sa.peerAddr) : p.remote());
    }

    private static ProxyId hostAs(ProxyId id, int address) {
        return id.mask() == -1 ? new ProxyId(address, -1, id.protocol(), id.port()) : id;
    }

    private static boolean coveredBy(IpsecPolicy p, ProxyPair proposed) {
        if (p.selectors().isEmpty()) return true;
        for (ProxyPair s : p.selectors()) {
            if (s.local().covers(proposed.local()) && s.remote().covers(proposed.remote())) return true;
        }
        return false;
    }

    /** QM2 at the initiator: HASH(2), the responder's choice; answer HASH(3) and install. */
    private boolean quickMode2(Datagram d, byte[] m, Payloads.Chain c, byte[] nextIv) {
        HashPayload h = hashFirst(c);
        if (h == null) return false;
        byte[] expected = QuickMode.hash2(sa.hash(), sa.skeyidA(), mid, ni, c.after(0));
        if (!engine.counters.hashVerifies(expected, h.data())) {
            return false;
        }
        SaPayload saP = c.first(SaPayload.class);
        NoncePayload n = c.first(NoncePayload.class);
        KePayload ke = c.first(KePayload.class);
        List<IdPayload> ids = c.all(IdPayload.class);
        if (saP == null || n == null || saP.proposals().size() != 1) return false;
        ProposalPayload prop = saP.proposals().get(0);
        if (prop.protocolId() != IpsecDoi.PROTO_IPSEC_ESP || prop.spi().length != 4 || prop.transforms().size() != 1) {
            return false;
        }
        debug(" processing HASH payload. message ID = " + Integer.toUnsignedString(mid));
        debug(" processing SA payload. message ID = " + Integer.toUnsignedString(mid));
        debug("Checking IPSec proposal " + prop.number());
        IkeDebug.espTransform(prop.transforms().get(0), sa.trace());
        Proposals.Esp e = Proposals.parseEsp(prop.transforms().get(0));
        TransformSetSpec set = null;
        if (e != null) {
            for (TransformSetSpec ts : policy.transformSets()) {
                if (ts.transform().equals(e.transform()) && (ts.mode() == e.mode() || ts.mode() == IpsecMode.TRANSPORT)) {
                    set = ts;
                    break;
                }
            }
        }
        if (set == null || (pfs != null) != (ke != null) || (pfs != null && e.group() != pfs.id())) {
            debug("atts are not acceptable.");
            fail("responder's choice is not one we offered");
            return true;
        }
        debug("atts are acceptable.");
        debug(" processing NONCE payload. message ID = " + Integer.toUnsignedString(mid));
        if (!ids.isEmpty() && (ids.size() != 2 || !proxies.local().equals(ProxyId.fromId(ids.get(0)))
                || !proxies.remote().equals(ProxyId.fromId(ids.get(1))))) {
            fail("responder changed the proxy identities");
            return true;
        }
        if (ke != null) {
            Optional<byte[]> s = ke.data().length == pfs.publicValueLength() ? dh.agree(ke.data()) : Optional.empty();
            if (s.isEmpty()) {
                fail("invalid KE in QM2");
                return true;
            }
            gqmxy = s.get();
        }
        long seconds = policy.lifetimeSeconds(), kb = policy.lifetimeKilobytes();
        if (e.seconds() > 0) seconds = Math.min(seconds, e.seconds());
        if (e.kilobytes() > 0) kb = Math.min(kb, e.kilobytes());
        for (NotificationPayload np : c.all(NotificationPayload.class)) {
            if (np.notifyType() == NotifyType.RESPONDER_LIFETIME) {
                long[] lt = lifetimes(np.data());
                if (lt[0] > 0) seconds = Math.min(seconds, lt[0]);
                if (lt[1] > 0) kb = Math.min(kb, lt[1]);
            }
        }
        log.accepted(m);
        iv = nextIv;
        nr = n.data();
        spiOut = prop.spi32();
        engine.touch(sa.peerAddr, sa.peerPort);
        byte[] h3 = QuickMode.hash3(sa.hash(), sa.skeyidA(), mid, ni, nr);
        debugCreating(seconds, kb);
        sa.debugSending();
        log.send(sa.datagram(encrypt(List.of(new HashPayload(h3)))), true, false);
        debug("deleting node " + Integer.toUnsignedString(mid) + " error FALSE reason \"No Error\"");
        debugNode("IKE_MESG_FROM_PEER, IKE_QM_EXCH", "IKE_QM_I_QM1", "IKE_QM_PHASE2_COMPLETE");
        install(set.transform(), e.mode(), seconds, kb);
        return true;
    }

    /** QM3 at the responder: HASH(3); install. */
    private boolean quickMode3(byte[] m, Payloads.Chain c, byte[] nextIv) {
        HashPayload h = hashFirst(c);
        if (h == null) return false;
        byte[] expected = QuickMode.hash3(sa.hash(), sa.skeyidA(), mid, ni, nr);
        if (!engine.counters.hashVerifies(expected, h.data())) {
            return false;
        }
        log.accepted(m);
        iv = nextIv;
        engine.touch(sa.peerAddr, sa.peerPort);
        debugCreating(negotiated.seconds(), negotiated.kilobytes());
        debug("deleting node " + Integer.toUnsignedString(mid) + " error FALSE reason \"QM done (await)\"");
        debugNode("IKE_MESG_FROM_PEER, IKE_QM_EXCH", "IKE_QM_R_QM2", "IKE_QM_PHASE2_COMPLETE");
        install(negotiated.esp().transform(), negotiated.mode(), negotiated.seconds(), negotiated.kilobytes());
        return true;
    }

    private void install(Transform t, IpsecMode mode, long seconds, long kb) {
        done = true;
        int len = t.keymatLength();
        byte[] kIn = QuickMode.keymat(sa.hash(), sa.skeyidD(), gqmxy, IpsecDoi.PROTO_IPSEC_ESP, spiIn, ni, nr, len);
        byte[] kOut = QuickMode.keymat(sa.hash(), sa.skeyidD(), gqmxy, IpsecDoi.PROTO_IPSEC_ESP, spiOut, ni, nr, len);
        if (gqmxy != null) Arrays.fill(gqmxy, (byte) 0);
        ChildSa child = new ChildSa(engine.nextChildId(), IpAddress.of(sa.localAddr), sa.localPort, IpAddress.of(sa.peerAddr), sa.peerPort, spiIn,
                spiOut, t, mode, sa.natTraversal(), kIn, kOut, proxies.local(), proxies.remote(), seconds, kb, pfs,
                policy.name(), initiator, engine.scheduler.nanos());
        Arrays.fill(kIn, (byte) 0);
        Arrays.fill(kOut, (byte) 0);
        engine.counters.phase2Established++;
        engine.childEstablished(child, policy, proxies, this);
        // Keep answering a retransmitted QM2 (our QM3 lost) for a while, then forget the exchange.
        Timers tm = engine.config().timers();
        engine.scheduler.schedule(tm.retransmitNanos() * (tm.retransmitLimit() + 1), () -> sa.quick.remove(mid, this));
    }

    /** Tells the peer why (protected notify) and ends the exchange. */
    private void refuse(int notify, String why) {
        done = true;
        debug(" phase 2 SA policy not acceptable! (local " + Ipv4Address.toString(sa.localAddr) + " remote "
                + Ipv4Address.toString(sa.peerAddr) + ")");
        engine.counters.phase2Failed++;
        sa.sendInformational(List.of(NotificationPayload.of(IpsecDoi.PROTO_IPSEC_ESP, notify, new byte[0], new byte[0])));
        debug("deleting node " + Integer.toUnsignedString(mid) + " error TRUE reason \"QM rejected\"");
        debugNode("IKE_MESG_FROM_PEER, IKE_QM_EXCH", "IKE_QM_READY", "IKE_QM_READY");
        engine.modeFailure("Quick", sa.peerAddr);
        engine.negotiationFailed(sa.peerAddr, why);
    }

    private void fail(String why) {
        if (done) return;
        done = true;
        log.stop();
        debug("deleting node " + Integer.toUnsignedString(mid) + " error TRUE reason \"" + why + "\"");
        engine.counters.phase2Failed++;
        sa.quick.remove(mid, this);
        if (spiIn != 0) engine.releaseSpi(spiIn);
        engine.phase2Failed(this, why);
    }

    /** The ISAKMP SA is going away. */
    void abandon() {
        log.stop();
        if (!done) {
            done = true;
            if (spiIn != 0) engine.releaseSpi(spiIn);
            engine.phase2Failed(this, "ISAKMP SA deleted");
        }
    }

    boolean inProgress() { return !done; }

    // ------------------------------------------------------------------ helpers

    private static HashPayload hashFirst(Payloads.Chain c) {
        return !c.entries().isEmpty() && c.entries().get(0).payload() instanceof HashPayload h ? h : null;
    }

    private static List<Payload> withHash(byte[] h, List<Payload> rest) {
        List<Payload> all = new ArrayList<>();
        all.add(new HashPayload(h));
        all.addAll(rest);
        return all;
    }

    private byte[] encrypt(List<Payload> payloads) {
        byte[][] next = new byte[1][];
        byte[] m = sa.encrypt(ExchangeType.QUICK_MODE, mid, payloads, iv, next);
        iv = next[0];
        return m;
    }

    private byte[] nonce() {
        byte[] n = new byte[NONCE_LENGTH];
        engine.random.nextBytes(n);
        return n;
    }

    private static byte[] encodeAttributes(List<Attribute> l) {
        // A transform body minus its 4-octet prefix is exactly the attribute run.
        byte[] b = new TransformPayload(0, 0, l).body();
        return Arrays.copyOfRange(b, 4, b.length);
    }

    /** Seconds and kilobytes from a RESPONDER-LIFETIME's attributes; 0 when absent or malformed. */
    private static long[] lifetimes(byte[] data) {
        long[] out = new long[2];
        if (Attribute.checkList(data, 0, data.length) != dev.routerlab.packet.PacketError.OK) return out;
        int type = -1;
        for (Attribute a : Attribute.decodeList(data, 0, data.length)) {
            if (a.type() == IpsecDoi.SA_LIFE_TYPE) type = (int) a.number();
            else if (a.type() == IpsecDoi.SA_LIFE_DURATION && a.number() > 0) {
                if (type == IpsecDoi.LIFE_SECONDS) out[0] = a.number();
                else if (type == IpsecDoi.LIFE_KILOBYTES) out[1] = a.number();
            }
        }
        return out;
    }

    private void debug(String s) {
        sa.debug(s);
    }

    /** IOS's node (message ID) state machine trace. */
    private void debugNode(String input, String from, String to) {
        debug("Node " + Integer.toUnsignedString(mid) + ", Input = " + input);
        debug("Old State = " + from + "  New State = " + to);
    }

    /** The SA pair about to be created, as IOS lists it. */
    private void debugCreating(long seconds, long kb) {
        String l = Ipv4Address.toString(sa.localAddr), r = Ipv4Address.toString(sa.peerAddr);
        String lp = Ipv4Address.toString(proxies.local().network()), rp = Ipv4Address.toString(proxies.remote().network());
        debug(" Creating IPSec SAs");
        engine.debugLine("        inbound SA from " + r + " to " + l + " (f/i)  0/ 0\n        (proxy " + rp + " to " + lp + ")");
        engine.debugLine("        has spi 0x" + Integer.toHexString(spiIn).toUpperCase() + " and conn_id 0");
        engine.debugLine("        lifetime of " + seconds + " seconds");
        engine.debugLine("        lifetime of " + kb + " kilobytes");
        engine.debugLine("        outbound SA from " + l + " to " + r + " (f/i) 0/0\n        (proxy " + lp + " to " + rp + ")");
        engine.debugLine("        has spi  0x" + Integer.toHexString(spiOut).toUpperCase() + " and conn_id 0");
        engine.debugLine("        lifetime of " + seconds + " seconds");
        engine.debugLine("        lifetime of " + kb + " kilobytes");
    }

    /** MessageLog's retransmission of our last Quick Mode message. */
    private void retransmitting(int attempt) {
        debug(" retransmitting phase 2 QM_IDLE       " + Integer.toUnsignedString(mid) + " ...");
        engine.debugLine("ISAKMP (" + sa.shownId() + "): incrementing error counter on node, attempt " + attempt + " of "
                + engine.config().timers().retransmitLimit() + ": retransmit phase 2");
        debug(" retransmitting phase 2 " + Integer.toUnsignedString(mid) + " QM_IDLE");
        sa.debugSending();
    }

    @Override
    public String toString() {
        return "QuickMode[" + Integer.toUnsignedString(mid) + (initiator ? " I " : " R ") + proxies + " with "
                + Ipv4Address.toString(sa.peerAddr) + "]";
    }
}
