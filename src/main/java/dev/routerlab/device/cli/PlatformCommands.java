package dev.routerlab.device.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import dev.routerlab.cli.CommandContext;
import dev.routerlab.cli.CommandRegistry;
import dev.routerlab.device.Nvram;
import dev.routerlab.device.Router;
import dev.routerlab.grammar.IosParser.*;

/**
 * What an IOSv platform shows of itself, as inventory and automation tools read it: `dir`
 * (flash0: and nvram:), `show flash:`, `show inventory`, `show memory statistics`, `show
 * processes cpu`. Sizes follow the IOSv platform `show version` describes; NVRAM files are
 * the router's own.
 */
final class PlatformCommands {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMM ppd yyyy HH:mm:ss '+00:00'", Locale.ROOT);
    /** flash0: as IOSv formats it (2 GB CompactFlash, `show version`). */
    private static final long FLASH_TOTAL = 2_142_715_904L;
    /** IOSv memory: 460137K processor, 62464K I/O (`show version`). */
    private static final long PROCESSOR_TOTAL = 460_137L * 1024, IO_TOTAL = 62_464L * 1024;
    private static final int NVRAM_TOTAL = 262_144;
    /** The IOSv image and the flash0: directories around it. */
    private static final List<FileEntry> FLASH = List.of(
        new FileEntry(1, "drw-", 0, Instant.parse("2013-01-30T00:00:00Z"), "boot"),
        new FileEntry(264, "drw-", 0, Instant.parse("2013-10-14T00:00:00Z"), "config"),
        new FileEntry(267, "-rw-", 147_725_107, Instant.parse("2019-03-28T14:06:00Z"), "vios-adventerprisek9-m"));

    private PlatformCommands() {}

    /** One directory entry: index, permissions, size, date (null: `<no date>`), name. */
    private record FileEntry(int index, String perms, long size, Instant date, String name) {}

    static void register(CommandRegistry r) {
        r.on(X_dirContext.class, (c, cc) -> {
            if (c.NVRAM_FS() != null) dir(cc, "nvram:", nvram(Shell.router(cc)), NVRAM_TOTAL);
            else dir(cc, c.FLASH_FS() != null ? "flash:" : "flash0:", flash(Shell.router(cc)), FLASH_TOTAL);
        })
         .on(S_flashContext.class, (c, cc) -> showFlash(cc))
         .on(S_inventoryContext.class, (c, cc) -> inventory(cc))
         .on(S_memoryContext.class, (c, cc) -> memory(cc))
         .on(S_processesContext.class, (c, cc) -> processes(c, cc));
    }

    /** flash0:: the image, and the `nvram` file IOSv keeps its NVRAM in (written at boot). */
    private static List<FileEntry> flash(Router r) {
        List<FileEntry> files = new ArrayList<>(FLASH);
        long boot = r.scheduler().epochMillis() - r.uptimeNanos() / 1_000_000L;
        files.add(new FileEntry(268, "-rw-", 524_288, Instant.ofEpochMilli(boot), "nvram"));
        return files;
    }

    /** nvram:: the startup-config as saved (and IOS's private files). */
    private static List<FileEntry> nvram(Router r) {
        List<FileEntry> files = new ArrayList<>();
        byte[] startup;
        try {
            startup = r.nvram().read(Nvram.STARTUP_CONFIG);
        } catch (IOException e) {
            startup = null;
        }
        if (startup != null) files.add(new FileEntry(253, "-rw-", startup.length, null, "startup-config"));
        files.add(new FileEntry(254, "----", startup == null ? 0 : 24, null, "private-config"));
        if (startup != null) files.add(new FileEntry(255, "-rw-", startup.length, null, "underlying-config"));
        files.add(new FileEntry(1, "----", 4, null, "rf_cold_starts"));
        files.add(new FileEntry(2, "----", 91, null, "persistent-data"));
        files.add(new FileEntry(3, "-rw-", 0, null, "ifIndex-table"));
        return files;
    }

    private static void dir(CommandContext cc, String fs, List<FileEntry> files, long total) {
        cc.println("Directory of " + fs + "/").println("");
        long used = 0;
        for (FileEntry f : files) {
            cc.println(String.format("%5d  %s%12d  %27s  %s", f.index(), f.perms(), f.size(),
                f.date() == null ? "<no date>" : DATE.format(f.date().atZone(ZoneOffset.UTC)), f.name()));
            used += f.size();
        }
        cc.println("").println(total + " bytes total (" + (total - used) + " bytes free)");
    }

    private static void showFlash(CommandContext cc) {
        cc.println("-#- --length-- -----date/time------ path");
        long used = 0;
        int n = 0;
        for (FileEntry f : flash(Shell.router(cc))) {
            cc.println(String.format("%-3d %10d %s %s", ++n, f.size(), DATE.format(f.date().atZone(ZoneOffset.UTC)), f.name()));
            used += f.size();
        }
        cc.println("").println((FLASH_TOTAL - used) + " bytes available (" + used + " bytes used)");
    }

    private static void inventory(CommandContext cc) {
        String sn = Shell.router(cc).boardId();
        cc.println("NAME: \"IOSv\", DESCR: \"IOSv chassis, Hw Serial#: " + sn + ", Hw Revision: 1.0\"")
          .println("PID: IOSv              , VID: 1.0, SN: " + sn)
          .println("");
    }

    /**
     * The processor pool holds what the Java heap holds now (the routers of this JVM share it),
     * within the IOSv pool's size.
     */
    private static void memory(CommandContext cc) {
        Runtime rt = Runtime.getRuntime();
        long heapUsed = rt.totalMemory() - rt.freeMemory();
        long used = Math.min(PROCESSOR_TOTAL - 1, heapUsed), free = PROCESSOR_TOTAL - used;
        long ioUsed = IO_TOTAL / 5;
        cc.println("                Head    Total(b)     Used(b)     Free(b)   Lowest(b)  Largest(b)")
          .println(String.format("Processor   %8s  %10d  %10d  %10d  %10d  %10d", "EF4D0A28", PROCESSOR_TOTAL, used, free, free, free * 9 / 10))
          .println(String.format("      I/O   %8s  %10d  %10d  %10d  %10d  %10d", "C800000", IO_TOTAL, ioUsed, IO_TOTAL - ioUsed,
              IO_TOTAL - ioUsed, (IO_TOTAL - ioUsed) * 9 / 10));
    }

    /** The CPU figures are this JVM's load (the routers of a lab share it); the table, the router's own work. */
    private static void processes(S_processesContext c, CommandContext cc) {
        double load = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
            ? Math.max(0, os.getProcessCpuLoad()) : 0;
        int pct = (int) Math.round(load * 100);
        cc.println("CPU utilization for five seconds: " + pct + "%/0%; one minute: " + pct + "%; five minutes: " + pct + "%");
        if (c.CPU() == null) return;
        long up = Shell.router(cc).uptimeNanos() / 1_000_000L;
        cc.println(" PID Runtime(ms)     Invoked      uSecs   5Sec   1Min   5Min TTY Process ");
        String[] names = {"Chunk Manager", "Load Meter", "Exec", "Check heaps", "IP Input", "SSH Process", "IP ARP Retry Ager"};
        for (int i = 0; i < names.length; i++) {
            long invoked = up / (1000L * (i + 1)) + 1;
            cc.println(String.format("%4d %11d %11d %10d  0.00%%  0.00%%  0.00%% %3d %-16s", i + 1, invoked / 50, invoked,
                invoked / 50 * 1000 / invoked, 0, names[i]));
        }
    }
}
