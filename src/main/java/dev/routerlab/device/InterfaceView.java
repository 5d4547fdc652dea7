package dev.routerlab.device;

import dev.routerlab.cli.CommandContext;
import dev.routerlab.cli.RelTime;
import dev.routerlab.config.InterfaceConfig;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.packet.Ipv4Address;

/** `show interfaces X` in the IOSv layout, from the model and the interface's live counters. */
final class InterfaceView {
    private InterfaceView() {}

    static void render(Router r, InterfaceConfig i, CommandContext cc) {
        InterfaceRuntime rt = r.runtime(i.name);
        boolean up = r.lineProtocolUp(i);
        cc.println(i.name + " is " + r.linkStatus(i) + ", line protocol is " + (up ? "up" : "down") + " ");
        InterfaceName.Type t = i.name.type();
        switch (t) {
            case LOOPBACK -> cc.println("  Hardware is Loopback");
            case TUNNEL -> cc.println("  Hardware is Tunnel");
            default -> cc.println("  Hardware is iGbE, address is " + rt.mac + " (bia " + rt.mac + ")");
        }
        if (i.description != null) cc.println("  Description: " + i.description);
        if (i.address != null) cc.println("  Internet address is " + SystemCommands.prefix(i.address));
        int mtu = t == InterfaceName.Type.LOOPBACK ? 1514 : t == InterfaceName.Type.TUNNEL ? 17916 : 1500;
        long bw = i.bandwidth != null ? i.bandwidth : t == InterfaceName.Type.LOOPBACK ? 8000000
            : t == InterfaceName.Type.TUNNEL ? 100 : 1000000;
        int dly = t == InterfaceName.Type.LOOPBACK ? 5000 : t == InterfaceName.Type.TUNNEL ? 50000 : 10;
        cc.println("  MTU " + mtu + " bytes, BW " + bw + " Kbit/sec, DLY " + dly + " usec, ")
          .println("     reliability 255/255, txload 1/255, rxload 1/255");
        switch (t) {
            case LOOPBACK -> cc.println("  Encapsulation LOOPBACK, loopback not set")
                .println("  Keepalive set (10 sec)");
            case TUNNEL -> tunnel(i, cc);
            default -> {
                cc.println("  Encapsulation ARPA, loopback not set");
                int ka = i.effectiveKeepalive();
                cc.println(ka > 0 ? "  Keepalive set (" + ka + " sec)" : "  Keepalive not set");
                cc.println("  Auto Duplex, Auto Speed, link type is auto, media type is RJ45")
                  .println("  output flow-control is unsupported, input flow-control is unsupported")
                  .println("  ARP type: ARPA, ARP Timeout 04:00:00");
            }
        }
        cc.println("  Last input never, output never, output hang never")
          .println("  Last clearing of \"show interface\" counters "
              + (rt.lastClearNanos < 0 ? "never" : RelTime.hms(r.scheduler().nanos() - rt.lastClearNanos)))
          .println("  Input queue: 0/75/" + rt.inputDrops + "/0 (size/max/drops/flushes); Total output drops: " + rt.outputDrops)
          .println("  Queueing strategy: fifo")
          .println("  Output queue: 0/" + (t == InterfaceName.Type.TUNNEL ? 0 : 40) + " (size/max)")
          .println("  5 minute input rate 0 bits/sec, 0 packets/sec")
          .println("  5 minute output rate 0 bits/sec, 0 packets/sec")
          .println("     " + rt.packetsIn + " packets input, " + rt.bytesIn + " bytes, 0 no buffer")
          .println("     Received " + rt.broadcastsIn + " broadcasts (0 IP multicasts)")
          .println("     0 runts, 0 giants, 0 throttles ")
          .println("     0 input errors, 0 CRC, 0 frame, 0 overrun, 0 ignored, 0 abort")
          .println("     " + rt.packetsOut + " packets output, " + rt.bytesOut + " bytes, 0 underruns")
          .println("     0 output errors, 0 collisions, " + rt.interfaceResets + " interface resets")
          .println("     0 unknown protocol drops")
          .println("     0 output buffer failures, 0 output buffers swapped out");
    }

    private static void tunnel(InterfaceConfig i, CommandContext cc) {
        cc.println("  Encapsulation TUNNEL, loopback not set");
        cc.println(i.effectiveKeepalive() > 0
            ? "  Keepalive set (" + i.effectiveKeepalive() + " sec), retries " + (i.keepaliveRetries == null ? 3 : i.keepaliveRetries)
            : "  Keepalive not set");
        String src = i.tunnelSourceInterface != null
            ? "UNKNOWN (" + i.tunnelSourceInterface + ")"
            : i.tunnelSourceAddress != null ? Ipv4Address.toString(i.tunnelSourceAddress) : "UNKNOWN";
        StringBuilder l = new StringBuilder("  Tunnel linestate evaluation ")
            .append(cc.router().lineProtocolUp(i) ? "up" : "down");
        cc.println(l.toString());
        cc.println("  Tunnel source " + src + (i.tunnelDestination != null
            ? ", destination " + Ipv4Address.toString(i.tunnelDestination) : ""));
        String proto = switch (i.tunnelMode) {
            case GRE_MULTIPOINT -> "multi-GRE/IP";
            case IPSEC_IPV4 -> "IPSEC/IP";
            default -> "GRE/IP";
        };
        cc.println("  Tunnel protocol/transport " + proto);
        if (i.tunnelKey != null) cc.println("    Key 0x" + Long.toHexString(i.tunnelKey).toUpperCase() + ", sequencing disabled");
        cc.println("  Tunnel TTL 255, Fast tunneling enabled")
          .println("  Tunnel transport MTU " + (i.ipMtu != null ? i.ipMtu : 1476) + " bytes");
        if (i.tunnelProtectionProfile != null) {
            cc.println("  Tunnel protection via IPSec (profile \"" + i.tunnelProtectionProfile + "\")");
        }
    }
}
