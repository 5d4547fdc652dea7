package dev.routerlab.device;

import dev.routerlab.config.InterfaceName;
import dev.routerlab.packet.MacAddress;

/**
 * Live state of one interface that is not configuration: hardware address, link and line
 * protocol, how its address was set, and the counters `show interfaces` prints.
 */
public final class InterfaceRuntime {
    public final InterfaceName name;
    public final MacAddress mac;
    /** "NVRAM" when the address came from a boot config, "manual" when typed, "unset". */
    public String addressMethod = "unset";
    /** Physical carrier (a wire or TUN is attached and up). */
    public boolean carrier = true;
    public long packetsIn;
    public long bytesIn;
    public long packetsOut;
    public long bytesOut;
    public long inputDrops;
    public long outputDrops;
    public long broadcastsIn;
    public long interfaceResets;
    public long lastClearNanos = -1;

    public InterfaceRuntime(InterfaceName name, MacAddress mac) {
        this.name = name;
        this.mac = mac;
    }

    public void clearCounters(long now) {
        packetsIn = bytesIn = packetsOut = bytesOut = inputDrops = outputDrops = broadcastsIn = 0;
        lastClearNanos = now;
    }
}
