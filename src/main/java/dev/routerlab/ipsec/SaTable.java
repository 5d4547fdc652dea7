package dev.routerlab.ipsec;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import dev.routerlab.ike.ChildSa;
import dev.routerlab.ike.KeyManager;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.routing.IntMap;

/**
 * The security association database (RFC 4301 §4.4.2): the installed SA pairs, found by inbound
 * SPI, each tied to its flow; a flow's outbound SA is its newest pair.
 */
final class SaTable {
    private final IntMap<SaPair> bySpi = new IntMap<>();
    private final List<SaPair> pairs = new ArrayList<>();
    private final IpsecDebug debug;
    private int nextConnId = 2001;

    SaTable(IpsecDebug debug) { this.debug = debug; }

    SaPair bySpi(int spi) { return bySpi.get(spi); }

    List<SaPair> pairs() { return pairs; }

    void clear() {
        bySpi.clear();
        pairs.clear();
    }

    /** Installs a pair the key manager negotiated for the flow; it becomes the flow's outbound pair. */
    void install(ChildSa c, Flow f, int replayWindow, RandomGenerator random, KeyManager keys) {
        SaPair p = new SaPair(c, c.inboundSa(replayWindow), c.outboundSa(random), f, keys, nextConnId++, nextConnId++);
        bySpi.put(c.inboundSpi(), p);
        pairs.add(p);
        f.pairs.add(p);
        f.current = p;
        if (debug.ipsec) {
            show("IPSEC(create_sa): sa created,", c, c.localAddress(), c.inboundSpi(), p.connIn);
            show("IPSEC(create_sa): sa created,", c, c.peerAddress(), c.outboundSpi(), p.connOut);
        }
    }

    /** Removes a pair; its counters go to the flow's totals and the flow falls back to its newest remaining pair. */
    void remove(ChildSa c) {
        SaPair p = bySpi.remove(c.inboundSpi());
        if (p == null) return;
        pairs.remove(p);
        Flow f = p.flow;
        f.pairs.remove(p);
        f.fold(p);
        if (f.current == p) f.current = f.pairs.isEmpty() ? null : f.pairs.get(f.pairs.size() - 1);
        if (debug.ipsec) {
            // IOS deletes, and shows, the inbound SA then the outbound one
            show("IPSEC(delete_sa): deleting SA,", c, c.localAddress(), c.inboundSpi(), p.connIn);
            show("IPSEC(delete_sa): deleting SA,", c, c.peerAddress(), c.outboundSpi(), p.connOut);
        }
    }

    /** One SA of a pair as `debug crypto ipsec` shows it created or deleted. */
    private void show(String head, ChildSa c, int dest, int spi, int connId) {
        debug.print(head + "\n  (sa) sa_dest= " + Ipv4Address.toString(dest)
                + ", sa_proto= 50,\n    sa_spi= " + IpsecDebug.spiText(spi) + ",\n    sa_trans= "
                + IpsecDebug.transformText(c) + " , sa_conn_id= " + connId);
    }
}
