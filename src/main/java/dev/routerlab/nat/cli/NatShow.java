package dev.routerlab.nat.cli;

import dev.routerlab.config.InterfaceConfig;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.config.NatConfig;
import dev.routerlab.device.Router;
import dev.routerlab.nat.NatEngine;
import dev.routerlab.nat.Translation;
import dev.routerlab.packet.Ipv4Address;

/** `show ip nat translations [verbose]` and `show ip nat statistics` in the IOS 15 layout, from the live table. */
final class NatShow {
    private NatShow() {}

    static final String HEADER = "Pro Inside global      Inside local       Outside local      Outside global\n";

    static String translations(Router r, boolean verbose) {
        NatEngine nat = r.nat();
        long now = r.scheduler().nanos();
        StringBuilder sb = new StringBuilder(HEADER);
        for (Translation t : nat.translations()) {
            sb.append(NatCommands.translationLine(t)).append('\n');
            if (!verbose) continue;
            long timeout = t.timeoutSeconds(nat.config());
            long left = timeout < 0 ? 0 : t.usedNanos() + timeout * 1_000_000_000L - now;
            sb.append("    create ").append(NatCommands.hms(now - t.created)).append(", use ").append(NatCommands.hms(now - t.usedNanos()))
              .append(" timeout:").append(timeout < 0 ? 0 : timeout * 1000).append(", left ").append(NatCommands.hms(left))
              .append(", Map-Id(In): ").append(t.mapId).append(", \n")
              .append("    flags: \n")
              .append(t.kind == Translation.Kind.STATIC ? "static" : t.extended() ? "extended" : "none")
              .append(", use_count: ").append(t.children()).append(", entry-id: ").append(t.id).append(", lc_entries: 0\n");
        }
        return sb.toString();
    }

    static String statistics(Router r) {
        NatEngine nat = r.nat();
        NatEngine.Stats s = nat.stats();
        long now = r.scheduler().nanos();
        nat.expire();
        int total = nat.size(), stat = nat.staticCount();
        StringBuilder sb = new StringBuilder();
        sb.append("Total active translations: ").append(total).append(" (").append(stat).append(" static, ").append(total - stat)
          .append(" dynamic; ").append(nat.extendedCount()).append(" extended)\n");
        sb.append("Peak translations: ").append(s.peak);
        if (s.peak > 0) sb.append(", occurred ").append(NatCommands.hms(now - s.peakNanos)).append(" ago");
        sb.append('\n');
        sb.append("Outside interfaces:\n");
        for (InterfaceName n : nat.interfaces(InterfaceConfig.NatRole.OUTSIDE)) sb.append("  ").append(n).append('\n');
        sb.append("Inside interfaces: \n");
        for (InterfaceName n : nat.interfaces(InterfaceConfig.NatRole.INSIDE)) sb.append("  ").append(n).append('\n');
        sb.append("Hits: ").append(s.hits).append("  Misses: ").append(s.misses).append('\n');
        sb.append("CEF Translated packets: ").append(s.hits + s.misses).append(", CEF Punted packets: 0\n");
        sb.append("Expired translations: ").append(s.expired).append('\n');
        sb.append("Dynamic mappings:\n");
        NatConfig c = nat.config();
        if (!c.dynamics.isEmpty()) sb.append("-- Inside Source\n");
        int id = 0;
        for (NatConfig.DynamicMapping m : c.dynamics) {
            id++;
            sb.append("[Id: ").append(id).append("] access-list ").append(m.acl())
              .append(m.iface() != null ? " interface " + m.iface() : " pool " + m.pool())
              .append(" refcount ").append(nat.refcount(id)).append('\n');
            NatConfig.Pool p = m.pool() == null ? null : c.pools.get(m.pool());
            if (p == null) continue;
            long size = (p.end() & 0xffffffffL) - (p.start() & 0xffffffffL) + 1;
            int allocated = nat.allocated(p.name());
            sb.append(" pool ").append(p.name()).append(": netmask ").append(Ipv4Address.toString(p.netmask())).append('\n')
              .append("\tstart ").append(Ipv4Address.toString(p.start())).append(" end ").append(Ipv4Address.toString(p.end())).append('\n')
              .append("\ttype generic, total addresses ").append(size).append(", allocated ").append(allocated)
              .append(" (").append(allocated * 100 / size).append("%), misses ").append(nat.poolMisses(p.name())).append('\n');
        }
        sb.append("nat-limit statistics:\n max entry: max allowed 0, used 0, missed 0\n");
        sb.append("In-to-out drops: ").append(s.inToOutDrops).append("  Out-to-in drops: ").append(s.outToInDrops).append('\n');
        sb.append("Pool stats drop: 0  Mapping stats drop: 0\n");
        sb.append("Port block alloc fail: 0\nIP alias add fail: 0\nLimit entry add fail: 0\n");
        return sb.toString();
    }
}
