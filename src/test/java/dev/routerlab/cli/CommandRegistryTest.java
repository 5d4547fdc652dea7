package dev.routerlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import dev.routerlab.grammar.IosParser.S_versionContext;
import dev.routerlab.grammar.IosParser.X_exitContext;
import dev.routerlab.grammar.IosParser.X_undebugContext;
import org.junit.jupiter.api.Test;

/** Layers register on first need, and the result is that of registering them all at once. */
class CommandRegistryTest {
    private final List<String> ran = new ArrayList<>();
    private final List<String> registered = new ArrayList<>();

    /** A owns `undebug`, B and C append to it; C also owns `show version`; D takes part of `exit`. */
    private List<CommandRegistry.Layer> layers() {
        return List.of(
            new CommandRegistry.Layer("A", r -> {
                registered.add("A");
                r.on(X_undebugContext.class, (c, cc) -> ran.add("A"));
            }),
            new CommandRegistry.Layer("B", r -> {
                registered.add("B");
                r.after(X_undebugContext.class, (c, cc) -> ran.add("B"));
            }),
            new CommandRegistry.Layer("C", r -> {
                registered.add("C");
                r.on(S_versionContext.class, (c, cc) -> ran.add("C version"))
                 .after(X_undebugContext.class, (c, cc) -> ran.add("C"));
            }),
            new CommandRegistry.Layer("D", r -> {
                registered.add("D");
                r.onPart(X_exitContext.class, null, (c, cc) -> ran.add("D hook"));
            }));
    }

    private CommandRegistry lazy(String index) {
        return CommandRegistry.lazy(layers(), new BufferedReader(new StringReader(index)));
    }

    @Test
    void theIndexNamesEachLayerAndKind() {
        assertEquals("""
            IosParser$S_versionContext C:o
            IosParser$X_exitContext D:p
            IosParser$X_undebugContext A:o B:a C:a
            """, CommandRegistry.index(layers()));
    }

    @Test
    void layersRegisterOnFirstNeedAndRunInLayerOrder() {
        CommandRegistry r = lazy(CommandRegistry.index(layers()));
        registered.clear();
        r.on(X_exitContext.class, (c, cc) -> ran.add("exit"));      // a direct registration, as the session's
        assertTrue(r.dispatches(X_undebugContext.class));
        assertTrue(r.handles(S_versionContext.class));
        assertEquals(List.of(), registered, "answered from the index");

        assertTrue(r.dispatch(new S_versionContext(null, 0), null));
        assertEquals(List.of("C"), registered);
        assertTrue(r.dispatch(new X_undebugContext(null, 0), null));
        assertEquals(List.of("C", "A", "B"), registered);
        assertEquals(List.of("C version", "A", "B", "C"), ran, "appended blocks in layer order, not load order");

        ran.clear();
        assertTrue(r.handles(X_exitContext.class));
        assertTrue(r.dispatch(new X_exitContext(null, 0), null));
        assertEquals(List.of("D hook", "exit"), ran);
        assertEquals(List.of("C", "A", "B", "D"), registered);
    }

    @Test
    void aStaleIndexFailsWhenTheLayerLoads() {
        CommandRegistry r = lazy("IosParser$X_undebugContext A:o B:a\nIosParser$S_versionContext C:o\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.dispatch(new S_versionContext(null, 0), null));
        assertTrue(e.getMessage().contains("X_undebugContext in C"), e.getMessage());
    }
}
