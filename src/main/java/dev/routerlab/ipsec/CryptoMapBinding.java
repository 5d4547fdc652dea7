package dev.routerlab.ipsec;

import java.util.ArrayList;
import java.util.List;
import dev.routerlab.acl.AclMatch;
import dev.routerlab.config.AccessList;
import dev.routerlab.config.CryptoConfig.CryptoMapEntry;
import dev.routerlab.ip.IpInterface;
import dev.routerlab.ip.IpsecBinding;
import dev.routerlab.packet.Bytes;
import dev.routerlab.packet.Ipv4;

/**
 * A crypto map on a port: its entries' ACLs in sequence order. Outbound, the first permit line
 * names the flow and the packet is protected; inbound, a clear packet that a permit line says
 * should have been protected is dropped (IOS %CRYPTO-4-RECVD_PKT_NOT_IPSEC).
 */
final class CryptoMapBinding implements IpsecBinding {
    /** One crypto map entry: its ACL and, per ACL line, the flow (null for deny lines). */
    static final class Rule {
        final CryptoMapEntry entry;
        final AccessList acl;
        final Flow[] flows;

        Rule(CryptoMapEntry entry, AccessList acl) {
            this.entry = entry;
            this.acl = acl;
            this.flows = new Flow[acl.entries.size()];
        }
    }

    final String map;
    final List<Rule> rules = new ArrayList<>();
    private final EspPath esp;

    CryptoMapBinding(String map, EspPath esp) {
        this.map = map;
        this.esp = esp;
    }

    @Override
    public boolean outbound(IpInterface out, byte[] b, int off, int len, int depth) {
        for (Rule r : rules) {
            int k = AclMatch.first(r.acl, b, off, len, false);
            if (k < 0 || !r.acl.entries.get(k).permit()) continue;   // deny: not this entry's traffic
            Flow f = r.flows[k];
            if (f == null) continue;
            esp.protect(f, b, off, len, depth);
            return true;
        }
        return false;
    }

    @Override
    public boolean inboundClear(IpInterface in, byte[] b, int off, int len) {
        if (esp.decapsulating()) return true;
        int proto = Ipv4.protocol(b, off);
        if (proto == Ipv4.PROTO_ESP) return true;
        if (proto == Ipv4.PROTO_UDP && len >= Ipv4.headerLength(b, off) + 4) {
            int dp = Bytes.u16(b, off + Ipv4.headerLength(b, off) + 2);
            if (dp == IkeGlue.IKE_PORT || dp == IkeGlue.NAT_T_PORT) return true;
        }
        for (Rule r : rules) {
            int k = AclMatch.first(r.acl, b, off, len, true);
            if (k >= 0 && r.acl.entries.get(k).permit() && r.flows[k] != null) {
                esp.notIpsec(b, off);
                return false;
            }
        }
        return true;
    }
}
