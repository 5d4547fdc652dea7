package dev.routerlab.config;

/**
 * One VRF-lite instance: `vrf definition NAME` (multiprotocol: IPv4 only once `address-family
 * ipv4` is typed) or the older IPv4-only `ip vrf NAME`; its `rd` and `description`.
 */
public final class VrfConfig extends Model {
    public final String name;
    /** Defined with `ip vrf NAME` (IPv4 always on) rather than `vrf definition NAME`. */
    public final boolean legacy;
    public String rd;
    public String description;
    /** `address-family ipv4` under `vrf definition` (always true for `ip vrf`). */
    public boolean ipv4;

    public VrfConfig(String name, boolean legacy) {
        this.name = name;
        this.legacy = legacy;
        this.ipv4 = legacy;
    }
}
