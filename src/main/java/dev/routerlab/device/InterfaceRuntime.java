package dev.routerlab.device;

import dev.routerlab.config.InterfaceName;
import dev.routerlab.ip.Counters;
import dev.routerlab.packet.MacAddress;

/**
 * Live state of one interface that is not configuration: hardware address, how its
 * address was set, and the counters `show interfaces` prints (link and line-protocol state live
 * in the dataplane's {@link dev.routerlab.ip.IpInterface}).
 */
public final class InterfaceRuntime {
    public final InterfaceName name;
    public final MacAddress mac;
    /** "NVRAM" when the address came from a boot config, "manual" when typed, "unset". */
    public String addressMethod = "unset";
    /** What `show interfaces` counts; the dataplane updates it. */
    public final Counters counters = new Counters();

    public InterfaceRuntime(InterfaceName name, MacAddress mac) {
        this.name = name;
        this.mac = mac;
    }

    public void clearCounters(long now) { counters.clear(now); }
}
