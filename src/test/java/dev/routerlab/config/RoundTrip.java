package dev.routerlab.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import dev.routerlab.TestRouter;

/** The round-trip check: configure, render, load the rendering elsewhere, get the same model. */
public final class RoundTrip {
    private RoundTrip() {}

    /**
     * Loads config text (no errors allowed), renders it, loads the rendering into a fresh
     * router, and asserts both models and both renderings are equal. Returns the rendering.
     */
    public static String check(String config) {
        TestRouter a = new TestRouter();
        List<String> errors = a.load(config);
        assertEquals(List.of(), errors, "config lines rejected");
        String rendered = a.running();
        TestRouter b = new TestRouter();
        assertEquals(List.of(), b.load(rendered), "rendered config rejected:\n" + rendered);
        assertEquals(rendered, b.running(), "rendering changed on reload");
        assertEquals(a.config(), b.config(), "model changed on reload:\n" + rendered);
        return rendered;
    }
}
