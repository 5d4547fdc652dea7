package dev.routerlab.device.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
