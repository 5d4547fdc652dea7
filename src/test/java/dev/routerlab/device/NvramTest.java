package dev.routerlab.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import dev.routerlab.TestRouter;
import dev.routerlab.config.InterfaceName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NvramTest {
    @TempDir Path dir;

    @Test
    void writeMemoryThenReloadBootsTheSavedConfig() {
        Nvram nv = Nvram.directory(dir);
        TestRouter r = new TestRouter(nv);
        r.execAll("conf t", "hostname R5", "interface Loopback0", "ip address 5.5.5.5 255.255.255.255", "end");
        assertEquals("Building configuration...\n[OK]\n", r.exec("write memory"));
        assertTrue(Files.exists(dir.resolve("startup-config")));
        r.execAll("conf t", "hostname Changed", "end");
        r.answer("no").answer("");
        String out = r.exec("reload");
        assertTrue(out.startsWith("System configuration has been modified. Save? [yes/no]: \nProceed with reload? [confirm]\n"), out);
        assertEquals("R5", r.config().hostname);
        assertEquals("R5>", r.session.prompt());
        assertEquals("NVRAM", r.router.runtime(InterfaceName.parse("Loopback0")).addressMethod);
        assertEquals("R5", new TestRouter(nv).config().hostname, "a new router on the same NVRAM boots it too");
    }

    @Test
    void copyAndEraseAskAsIosDoes() {
        TestRouter r = new TestRouter(Nvram.directory(dir));
        r.answer("");
        assertEquals("Destination filename [startup-config]? \nBuilding configuration...\n[OK]\n",
            r.exec("copy running-config startup-config"));
        assertTrue(r.exec("show startup-config").startsWith("Using "));
        r.answer("");
        String out = r.exec("erase startup-config");
        assertTrue(out.contains("[OK]\nErase of nvram: complete\n"), out);
        assertEquals("startup-config is not present\n", r.exec("show startup-config"));
    }

    @Test
    void aStaleTempFileFromACrashIsIgnoredAndReplaced() throws IOException {
        Nvram nv = Nvram.directory(dir);
        nv.write("startup-config", "old\n".getBytes(StandardCharsets.UTF_8));
        Files.writeString(dir.resolve(".startup-config.tmp"), "torn halfway");
        Files.writeString(dir.resolve(".startup-config.k3j9x.tmp"), "torn halfway");
        assertArrayEquals("old\n".getBytes(StandardCharsets.UTF_8), nv.read("startup-config"));
        nv.write("startup-config", "new\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("new\n", Files.readString(dir.resolve("startup-config")));
        // a save leaves no temp file of its own; the next start deletes what a crash left
        try (var s = Files.list(dir)) {
            assertEquals(2, s.filter(p -> p.getFileName().toString().endsWith(".tmp")).count());
        }
        Nvram.locked(dir);
        try (var s = Files.list(dir)) {
            assertEquals(0, s.filter(p -> p.getFileName().toString().endsWith(".tmp")).count());
        }
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
            Files.getPosixFilePermissions(dir.resolve("startup-config"))), "secrets stay private");
    }

    /** Kills a process that saves in a loop at varying moments: the file is never torn. */
    @Test
    void killedMidSaveLeavesAWholeFile() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int round = 0; round < 6; round++) {
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                NvramSaver.class.getName(), dir.toString()).redirectErrorStream(true).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!Files.exists(dir.resolve("startup-config")) && System.nanoTime() < deadline) Thread.sleep(20);
            Thread.sleep(50 + round * 37L);
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            String text = Files.readString(dir.resolve("startup-config"));
            assertTrue(text.startsWith("! generation ") && text.endsWith("end\n"), "torn file: " + text.length() + " bytes");
        }
    }

    /** Child process for the crash test: saves large configs forever. */
    public static final class NvramSaver {
        public static void main(String[] args) throws IOException {
            Nvram nv = Nvram.directory(Path.of(args[0]));
            StringBuilder body = new StringBuilder();
            for (int i = 0; i < 20000; i++) body.append("interface Loopback").append(i).append("\n ip address 10.0.0.1 255.255.255.255\n!\n");
            for (long g = 0; ; g++) {
                nv.write("startup-config", ("! generation " + g + "\n" + body + "end\n").getBytes(StandardCharsets.UTF_8));
            }
        }
    }
}
