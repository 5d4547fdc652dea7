package dev.routerlab.ike;

import dev.routerlab.esp.Transform;
import java.util.Objects;

/** {@code crypto ipsec transform-set NAME ...} with its {@code mode}. */
public record TransformSetSpec(String name, Transform transform, IpsecMode mode) {
    public TransformSetSpec {
        Objects.requireNonNull(name);
        Objects.requireNonNull(transform);
        Objects.requireNonNull(mode);
    }

    public static TransformSetSpec tunnel(String name, String words) {
        return new TransformSetSpec(name, Transform.parse(words), IpsecMode.TUNNEL);
    }
}
