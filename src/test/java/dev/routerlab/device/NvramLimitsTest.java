package dev.routerlab.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.routerlab.TestRouter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NvramLimitsTest {
    @TempDir Path dir;

    @Test
    void aConfigLargerThanNvramIsRefusedAndTheSavedOneStays() throws Exception {
        Nvram nv = Nvram.directory(dir);
        TestRouter r = new TestRouter(nv);
        r.execAll("conf t", "hostname SMALL", "end");
        assertEquals("Building configuration...\n[OK]\n", r.exec("write memory"));
        StringBuilder big = new StringBuilder("hostname BIG\n");
        for (int i = 0; i < 4000; i++) {
            big.append("interface Loopback").append(i).append("\n description a description long enough to fill NVRAM ").append(i)
               .append("\n ip address 10.").append(i >> 8).append('.').append(i & 255).append(".1 255.255.255.255\n");
        }
        r.shell.load(big.toString());
        String out = r.exec("write memory");
        assertTrue(out.startsWith("Building configuration...\n% Configuration buffer full, can't add command: "), out);
        assertTrue(out.endsWith("%Aborting Save. Compress the config.\n"), out);
        String saved = new String(nv.read(Nvram.STARTUP_CONFIG), StandardCharsets.UTF_8);
        assertTrue(saved.contains("hostname SMALL"), "the saved configuration stays");
        assertTrue(Files.size(dir.resolve(Nvram.STARTUP_CONFIG)) <= Nvram.SIZE);
        try (var s = Files.list(dir)) {
            assertEquals(0, s.filter(p -> p.getFileName().toString().endsWith(".tmp")).count());
        }
    }

    @Test
    void aLockedDirectoryRefusesASecondUser() throws Exception {
        Nvram first = Nvram.locked(dir);
        Nvram.InUseException e = assertThrows(Nvram.InUseException.class, () -> Nvram.locked(dir));
        assertEquals("NVRAM directory " + dir + " is in use by another routerlab process", e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        first.write(Nvram.STARTUP_CONFIG, "hostname R1\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("hostname R1\n", new String(first.read(Nvram.STARTUP_CONFIG), StandardCharsets.UTF_8));
    }
}
