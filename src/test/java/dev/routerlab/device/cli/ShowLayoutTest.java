package dev.routerlab.device.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.routerlab.features.Features;
import dev.routerlab.ip.Net;
import org.junit.jupiter.api.Test;

/** Layouts of device.cli's shows against the real IOS captures (../shared/reference/ios-output). */
class ShowLayoutTest {
    private final Net net = new Net();
    private final Net.Node r1 = net.router("R1");

    /** Reference show_version/01 (IOSv 15.8(3)M2): one blank line between the export notice and the hardware. */
    @Test
    void showVersionBlankLinesAsOnIosv() {
        String v = r1.exec("show version");
        assertTrue(v.contains("Compiled Thu 28-Mar-19 14:06 by prod_rel_team\n\n\nROM: Bootstrap program is IOSv\n\nR1 uptime is "), v);
        assertTrue(v.contains("Last reload reason: Unknown reason\n\n\n\nThis product contains"), v);
        assertTrue(v.contains("export@cisco.com.\n\nCisco IOSv (revision 1.0) with  with 460137K/62464K bytes of memory.\n"), v);
        assertTrue(v.contains("0K bytes of ATA CompactFlash 3 (Read/Write)\n\n\n\nConfiguration register is 0x0\n"), v);
    }

    /**
     * IOS: `! Last configuration change at HH:MM:SS UTC Day Mon D YYYY` after `Current configuration : N bytes`,
     * `! NVRAM config last updated at ...` once saved; N counts them; loading the text back ignores them.
     */
    @Test
    void runningConfigCarriesTheChangeAndSaveTimes() {
        net.run(3600 + 23 * 60 + 45);
        r1.config("interface Loopback0", "ip address 1.1.1.1 255.255.255.255");
        String run = r1.exec("show running-config");
        Matcher m = Pattern.compile("Current configuration : (\\d+) bytes\n(.*)", Pattern.DOTALL).matcher(run);
        assertTrue(m.find(), run);
        assertEquals(Integer.parseInt(m.group(1)), m.group(2).length(), run);
        assertTrue(m.group(2).startsWith("!\n! Last configuration change at 01:23:4"), run);
        assertTrue(Pattern.compile("^!\n! Last configuration change at \\d\\d:\\d\\d:\\d\\d UTC Mon Mar 1 1993\n!\nversion 15\\.8\n")
            .matcher(m.group(2)).find(), run);
        assertTrue(!run.contains("NVRAM config last updated"), run);
        net.run(60);
        r1.exec("write memory");
        String saved = r1.exec("show running-config");
        assertTrue(Pattern.compile("\n! Last configuration change at 01:23:4\\d UTC Mon Mar 1 1993\n"
            + "! NVRAM config last updated at 01:24:4\\d UTC Mon Mar 1 1993\n!\nversion").matcher(saved).find(), saved);
        // the startup-config holds no stamps; loading the shown text gives the same configuration
        assertTrue(!r1.exec("show startup-config").contains("! Last configuration change"));
        Net.Node r2 = net.router("R2");
        String body = saved.substring(saved.indexOf("!\n"));
        var errors = Features.shell(r2.router).load(body);
        // (IOS's own `login` warning for the vty lines is the only message)
        assertTrue(errors.stream().allMatch(e -> e.contains("Login disabled")), errors + "\n" + body);
        assertEquals(r1.router.config(), r2.router.config());
    }
}
