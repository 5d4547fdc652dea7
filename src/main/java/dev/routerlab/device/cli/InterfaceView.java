package dev.routerlab.device.cli;

import dev.routerlab.cli.CommandContext;
import dev.routerlab.device.Router;
import dev.routerlab.cli.RelTime;
import dev.routerlab.config.InterfaceConfig;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.ip.Counters;
import dev.routerlab.ip.IpInterface;
import dev.routerlab.ip.PathMtus;
import dev.routerlab.ipv6.Ipv6Interface;
import dev.routerlab.packet.Ipv4Address;
import dev.routerlab.packet.Ipv6Address;
import dev.routerlab.tunnel.GreInterface;
import dev.routerlab.tunnel.GreTunnel;

/** `show interfaces X` in the IOSv layout, from the model and the dataplane's live state and counters. */
final class InterfaceView {
    private InterfaceView() {}

    static void render(Router r, InterfaceConfig i, CommandContext cc) {
        IpInterface x = r.ip().get(i.name);
        if (x == null) return;
        long now = r.scheduler().nanos();
        x.counters.roll(now);
        cc.println(i.name + " is " + x.linkState().ios + ", line protocol is " + (x.lineUp() ? "up" : "down") + " ");
        InterfaceName.Type t = i.name.type();
        switch (t) {
            case LOOPBACK -> cc.println("  Hardware is Loopback");
            case TUNNEL -> cc.println("  Hardware is Tunnel");
            default -> cc.println("  Hardware is iGbE, address is " + x.macAddress() + " (bia " + x.macAddress() + ")");
        }
        if (i.description != null) cc.println("  Description: " + i.description);
        if (i.address != null) cc.println("  Internet address is " + SystemCommands.prefix(i.address));
        long bw = i.bandwidth != null ? i.bandwidth : t == InterfaceName.Type.LOOPBACK ? 8000000
            : t == InterfaceName.Type.TUNNEL ? 100 : i.speed != null ? i.speed * 1000L : 1000000;
        long dly = i.delay != null ? i.delay * 10L : t == InterfaceName.Type.LOOPBACK ? 5000 : t == InterfaceName.Type.TUNNEL ? 50000 : 10;
        cc.println("  MTU " + x.mtu() + " bytes, BW " + bw + " Kbit/sec, DLY " + dly + " usec, ")
          .println("     reliability 255/255, txload 1/255, rxload 1/255");
        switch (t) {
            case LOOPBACK -> cc.println("  Encapsulation LOOPBACK, loopback not set")
                .println("  Keepalive set (10 sec)");
            case TUNNEL -> tunnel(r, i, x, cc);
            default -> {
                cc.println("  Encapsulation ARPA, loopback not set");
                int ka = i.effectiveKeepalive();
                cc.println(ka > 0 ? "  Keepalive set (" + ka + " sec)" : "  Keepalive not set");
                cc.println("  " + (i.duplex == null ? "Auto Duplex" : i.duplex.equals("full") ? "Full Duplex" : "Half Duplex")
                    + ", " + (i.speed == null ? "Auto Speed" : i.speed + "Mbps")
                    + ", link type is " + (i.speed != null && i.duplex != null ? "force-up" : "auto") + ", media type is RJ45")
                  .println("  output flow-control is unsupported, input flow-control is unsupported")
                  .println("  ARP type: ARPA, ARP Timeout 04:00:00");
            }
        }
        counters(x, now, cc);
    }

    /** From `Last input` on: the queues, the 5-minute rates and the counters, live. */
    private static void counters(IpInterface x, long now, CommandContext cc) {
        Counters k = x.counters;
        boolean ether = x.kind == IpInterface.Kind.ETHERNET;
        cc.println("  Last input " + ago(now, k.lastInputNanos) + ", output " + ago(now, k.lastOutputNanos) + ", output hang never")
          .println("  Last clearing of \"show interface\" counters " + (k.lastClearNanos < 0 ? "never" : RelTime.hms(now - k.lastClearNanos)))
          .println("  Input queue: " + (x.link() == null ? 0 : x.link().inputQueueSize()) + "/75/" + k.inputDrops + "/0 (size/max/drops/flushes); Total output drops: " + k.outputDrops)
          .println("  Queueing strategy: fifo")
          .println("  Output queue: 0/" + (ether ? 40 : 0) + " (size/max)")
          .println("  5 minute input rate " + k.inputBitsPerSecond() + " bits/sec, " + k.inputPacketsPerSecond() + " packets/sec")
          .println("  5 minute output rate " + k.outputBitsPerSecond() + " bits/sec, " + k.outputPacketsPerSecond() + " packets/sec")
          .println("     " + k.packetsIn + " packets input, " + k.bytesIn + " bytes, 0 no buffer")
          .println("     Received " + k.broadcastsIn + " broadcasts (0 IP multicasts)")
          .println("     " + k.runts + " runts, " + k.giants + " giants, 0 throttles");
        if (ether) {
            cc.println("     " + k.inputErrors + " input errors, 0 CRC, 0 frame, 0 overrun, 0 ignored")
              .println("     0 watchdog, 0 multicast, 0 pause input");
        } else {
            cc.println("     " + k.inputErrors + " input errors, 0 CRC, 0 frame, 0 overrun, 0 ignored, 0 abort");
        }
        cc.println("     " + k.packetsOut + " packets output, " + k.bytesOut + " bytes, 0 underruns")
          .println("     0 output errors, 0 collisions, " + k.interfaceResets + " interface resets")
          .println("     " + k.unknownProtocolDrops + " unknown protocol drops");
        if (ether) {
            cc.println("     0 babbles, 0 late collision, 0 deferred")
              .println("     " + (x.carrier() ? 0 : 1) + " lost carrier, 0 no carrier, 0 pause output");
        }
        cc.println("     0 output buffer failures, 0 output buffers swapped out");
    }

    /** `show interfaces Null0`: IOS's block for the discard interface (always up, 10 Gbit/s, no delay). */
    static void renderNull(Router r, CommandContext cc) {
        IpInterface x = r.ip().null0();
        long now = r.scheduler().nanos();
        x.counters.roll(now);
        cc.println(x.name + " is up, line protocol is up ")
          .println("  Hardware is Unknown")
          .println("  MTU " + x.mtu() + " bytes, BW 10000000 Kbit/sec, DLY 0 usec, ")
          .println("     reliability 255/255, txload 1/255, rxload 1/255")
          .println("  Encapsulation ARPA, loopback not set");
        counters(x, now, cc);
    }

    /** IOS "Last input" times: never, hh:mm:ss under a day, then 1d02h, 2w3d. */
    static String ago(long now, long then) {
        if (then < 0) return "never";
        long s = (now - then) / 1_000_000_000L;
        if (s < 86400) return String.format("%02d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
        long d = s / 86400;
        if (d < 7) return d + "d" + String.format("%02d", (s / 3600) % 24) + "h";
        return (d / 7) + "w" + (d % 7) + "d";
    }

    private static void tunnel(Router r, InterfaceConfig i, IpInterface x, CommandContext cc) {
        GreTunnel g = x.tunnel() instanceof GreInterface p ? p.gre() : null;
        cc.println("  Encapsulation TUNNEL, loopback not set");
        cc.println(i.effectiveKeepalive() > 0
            ? "  Keepalive set (" + i.effectiveKeepalive() + " sec), retries " + (i.keepaliveRetries == null ? 3 : i.keepaliveRetries)
            : "  Keepalive not set");
        cc.println("  Tunnel linestate evaluation " + (x.lineUp() ? "up" : "down") + reason(x));
        String src;
        if (i.tunnelSourceInterface != null) {
            IpInterface s = r.ip().get(i.tunnelSourceInterface);
            Ipv6Address s6 = r.ipv6().addressOf(i.tunnelSourceInterface);
            boolean v6 = i.tunnelMode == InterfaceConfig.TunnelMode.GRE_IPV6 || i.tunnelMode == InterfaceConfig.TunnelMode.IPSEC_IPV6;
            src = (v6 ? s6 != null ? s6.toString() : "UNKNOWN"
                : s != null && s.hasAddress() ? Ipv4Address.toString(s.address()) : "UNKNOWN") + " (" + i.tunnelSourceInterface + ")";
        } else if (i.tunnelSourceIpv6 != null) {
            src = i.tunnelSourceIpv6.toString();
            for (Ipv6Interface s : r.ipv6().interfaces()) {
                if (s.owns(i.tunnelSourceIpv6)) {
                    src += " (" + s.name() + ")";
                    break;
                }
            }
        } else if (i.tunnelSourceAddress != null) {
            src = Ipv4Address.toString(i.tunnelSourceAddress);
            for (IpInterface s : r.ip().interfaces()) {
                if (s.owns(i.tunnelSourceAddress)) {
                    src += " (" + s.name + ")";
                    break;
                }
            }
        } else {
            src = "UNKNOWN";
        }
        cc.println("  Tunnel source " + src + (i.tunnelDestination != null ? ", destination " + Ipv4Address.toString(i.tunnelDestination)
            : i.tunnelDestinationIpv6 != null ? ", destination " + i.tunnelDestinationIpv6 : ""));
        if (i.tunnelSourceInterface != null) {
            long members = r.ip().interfaces().stream().filter(o -> o.tunnel() != null
                && i.tunnelSourceInterface.equals(o.tunnel().sourceInterface())).count();
            cc.println("   Tunnel Subblocks:")
              .println("      src-track:")
              .println("         " + i.name + " source tracking subblock associated with " + i.tunnelSourceInterface)
              .println("          Set of tunnels with source " + i.tunnelSourceInterface + ", " + members
                  + (members == 1 ? " member" : " members") + " (includes iterators), on interface <"
                  + (r.ip().get(i.tunnelSourceInterface) != null && r.ip().get(i.tunnelSourceInterface).lineUp() ? "OK" : "DOWN") + ">");
        }
        String proto = switch (i.tunnelMode) {
            case GRE_MULTIPOINT -> "multi-GRE/IP";
            case IPSEC_IPV4 -> "IPSEC/IP";
            case GRE_IPV6 -> "GRE/IPv6";
            case IPSEC_IPV6 -> "IPSEC/IPV6";
            default -> "GRE/IP";
        };
        cc.println("  Tunnel protocol/transport " + proto);
        if (i.tunnelMode != InterfaceConfig.TunnelMode.IPSEC_IPV4 && i.tunnelMode != InterfaceConfig.TunnelMode.IPSEC_IPV6) {
            cc.println("    " + (i.tunnelKey != null ? "Key 0x" + Long.toHexString(i.tunnelKey).toUpperCase() : "Key disabled")
                + ", sequencing " + (i.tunnelSequenceDatagrams ? "enabled" : "disabled"))
              .println("    Checksumming of packets " + (i.tunnelChecksum ? "enabled" : "disabled"));
        }
        cc.println("  Tunnel TTL 255, Fast tunneling enabled");
        if (i.tunnelPathMtuDiscovery && g != null) {
            cc.println("  Path MTU Discovery, ager " + (g.pmtudAgerMinutes() == 0 ? "infinite" : g.pmtudAgerMinutes() + " mins")
                + ", min MTU " + g.pmtudMinMtu());
            long now = r.ip().scheduler().nanos();
            for (PathMtus.Learned<Integer> l : g.learnedPaths()) {
                cc.println("  Path destination " + Ipv4Address.toString(l.destination()) + ": MTU " + l.mtu() + ", expires "
                    + (l.expires() == Long.MAX_VALUE ? "never" : ago(l.expires(), now)));
            }
        }
        cc.println("  Tunnel transport MTU " + x.transportMtu() + " bytes")
          .println("  Tunnel transmit bandwidth 8000 (kbps)")
          .println("  Tunnel receive bandwidth 8000 (kbps)");
        if (i.tunnelProtectionProfile != null) {
            cc.println("  Tunnel protection via IPSec (profile \"" + i.tunnelProtectionProfile + "\")");
        }
        if (g != null && g.sequencing() && g.outOfOrder() > 0) {
            cc.println("  Tunnel sequencing: " + g.outOfOrder() + " out-of-order packets dropped");
        }
    }

    private static String reason(IpInterface x) {
        if (x.lineUp() || !x.adminUp()) return "";
        return switch (x.tunnelDown()) {
            case NO_SOURCE -> " - no source";
            case NO_DESTINATION -> " - no destination";
            case NO_ROUTE -> " - transport reg down";
            case RECURSIVE -> " - recursive routing";
            case KEEPALIVE -> " - keepalive down";
            default -> "";
        };
    }
}
