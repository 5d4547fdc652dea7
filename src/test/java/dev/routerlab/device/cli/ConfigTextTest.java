package dev.routerlab.device.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import dev.routerlab.TestRouter;
import dev.routerlab.config.InterfaceName;
import dev.routerlab.device.Nvram;
import org.junit.jupiter.api.Test;

class ConfigTextTest {
    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof String s) b.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            else for (int x : (int[]) p) b.write(x);
        }
        return b.toByteArray();
    }

    @Test
    void invalidUtf8LineIsReportedAndTheRestLoads() {
        TestRouter r = new TestRouter();
        byte[] file = bytes("hostname R4\n", "interface Loopback0\n description caf", new int[] {0xC3, 0x28}, "\n",
            " ip address 4.4.4.4 255.255.255.255\n", "interface Loopback1\n description caf\u00e9\n");
        List<String> errors = r.shell.bootFrom(file);
        assertEquals(1, errors.size(), String.valueOf(errors));
        assertTrue(errors.get(0).startsWith("line 3: description caf"), errors.get(0));
        assertTrue(errors.get(0).endsWith(": % Invalid input: the line is not UTF-8 text"), errors.get(0));
        assertEquals("R4", r.config().hostname);
        assertEquals("caf\u00e9", r.config().interfaces.get(InterfaceName.parse("Loopback1")).description);
        assertTrue(r.exec("show running-config | include 4.4.4.4").contains("ip address 4.4.4.4"));
    }

    @Test
    void bomIsDroppedAndEveryLineEndCounts() {
        TestRouter r = new TestRouter();
        assertEquals(List.of(), r.shell.bootFrom(bytes(new int[] {0xEF, 0xBB, 0xBF}, "hostname R6\r\nip domain name a.b\n")));
        assertEquals("R6", r.config().hostname);
        assertEquals(List.of(), r.shell.bootFrom(bytes("hostname R7\rinterface Loopback3\r ip address 7.7.7.7 255.255.255.255\r")));
        assertEquals("R7", r.config().hostname);
        assertTrue(r.exec("show running-config | include 7.7.7.7").contains("ip address 7.7.7.7"));
        assertEquals(List.of(), r.shell.bootFrom("\uFEFFhostname R8\rinterface Loopback4\r\n"));
        assertEquals("R8", r.config().hostname);
        assertArrayEquals(new String[] {"a", "b", "", "c", ""}, ConfigText.split("a\rb\r\n\nc\n"));
    }

    @Test
    void nvramWithInvalidBytesBoots() throws Exception {
        Nvram nv = Nvram.memory();
        nv.write(Nvram.STARTUP_CONFIG, bytes("hostname R9\n", new int[] {0xFF, 0xFE}, "\r\nbanner motd ^C\nhi\n^C\n"));
        TestRouter r = new TestRouter(nv);
        assertEquals("R9", r.config().hostname);
    }
}
