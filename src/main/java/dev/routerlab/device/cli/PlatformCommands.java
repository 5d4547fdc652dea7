package dev.routerlab.device.cli;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import dev.routerlab.cli.CommandContext;
import dev.routerlab.cli.CommandRegistry;
import dev.routerlab.device.Flash;
import dev.routerlab.device.Nvram;
import dev.routerlab.device.Processes;
import dev.routerlab.device.Router;
import dev.routerlab.grammar.IosParser.*;

/**
 * What an IOSv platform shows of itself, as inventory and automation tools read it: `dir`
 * (flash0: and nvram:), `show flash:`, `verify /md5`, `delete`, `show inventory`, `show memory
 * statistics`, `show processes cpu`. Files are the router's own ({@link Flash}, NVRAM).
 */
final class PlatformCommands {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMM ppd yyyy HH:mm:ss '+00:00'", Locale.ROOT);
    /** IOSv memory: 460137K processor, 62464K I/O (`show version`). */
    private static final long PROCESSOR_TOTAL = 460_137L * 1024, IO_TOTAL = 62_464L * 1024;
    private static final int NVRAM_TOTAL = 262_144;

    private PlatformCommands() {}

    /** One directory entry: index, permissions, size, date (null: `<no date>`), name. */
    private record FileEntry(int index, String perms, long size, Instant date, String name) {}

    static void register(CommandRegistry r) {
        r.on(X_dirContext.class, PlatformCommands::dir)
         .on(S_flashContext.class, (c, cc) -> showFlash(cc))
         .on(S_fileContext.class, (c, cc) -> fileSystems(cc))
         .on(X_verifyContext.class, (c, cc) -> verify(c.url.getText(), cc))
         .on(X_deleteContext.class, (c, cc) -> delete(c.url.getText(), cc))
         .on(S_inventoryContext.class, (c, cc) -> inventory(cc))
         // LACP's system priority (default 32768) and system MAC, as IOS shows them with no port channel
         .on(S_lacpContext.class, (c, cc) -> cc.println("32768, " + Shell.router(cc).baseMac()))
         .on(S_memoryContext.class, (c, cc) -> memory(cc))
         .on(S_processesContext.class, (c, cc) -> processes(c, cc));
    }

    /** `dir [flash0:|flash:|nvram:|URL]`: a file system, or one file of flash0:. */
    private static void dir(X_dirContext c, CommandContext cc) {
        Router r = Shell.router(cc);
        try {
            if (c.NVRAM_FS() != null) {
                dir(cc, "nvram:/", nvram(r), NVRAM_TOTAL);
                return;
            }
            Flash flash = r.nvram().flash();
            String fs = c.FLASH_FS() != null ? "flash:" : "flash0:";
            if (c.url == null) {
                dir(cc, fs + "/", flash(flash), flash.capacity(), flash.used());
                return;
            }
            IosFiles.Url u = IosFiles.parse(c.url.getText());
            if (u != null && u.kind() == IosFiles.Kind.NVRAM) {
                dir(cc, "nvram:/", nvram(r), NVRAM_TOTAL);
            } else if (u == null || u.kind() != IosFiles.Kind.FLASH) {
                cc.println("%Error opening " + c.url.getText() + " (No such file or directory)");
            } else if (u.file() == null) {
                dir(cc, "flash0:/", flash(flash), flash.capacity(), flash.used());
            } else {
                List<FileEntry> one = flash(flash).stream().filter(f -> f.name().equals(u.file())).toList();
                if (one.isEmpty()) cc.println("%Error opening " + u.display() + " (No such file or directory)");
                else dir(cc, u.display(), one, flash.capacity(), flash.used());
            }
        } catch (IOException e) {
            cc.println("%Error opening flash0:/ (" + e.getMessage() + ")");
        }
    }

    /** flash0:'s files, numbered as IOS numbers them (in order). */
    private static List<FileEntry> flash(Flash flash) throws IOException {
        List<FileEntry> files = new ArrayList<>();
        int n = 0;
        for (Flash.Entry e : flash.list()) {
            files.add(new FileEntry(++n, "-rw-", e.size(), Instant.ofEpochMilli(e.modifiedMillis()), e.name()));
        }
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

    private static void dir(CommandContext cc, String title, List<FileEntry> files, long total) {
        dir(cc, title, files, total, files.stream().mapToLong(FileEntry::size).sum());
    }

    private static void dir(CommandContext cc, String title, List<FileEntry> files, long total, long used) {
        cc.println("Directory of " + title).println("");
        if (files.isEmpty()) cc.println("No files in directory");
        for (FileEntry f : files) {
            cc.println(String.format("%5d  %s%12d  %27s  %s", f.index(), f.perms(), f.size(),
                f.date() == null ? "<no date>" : DATE.format(f.date().atZone(ZoneOffset.UTC)), f.name()));
        }
        cc.println("").println(total + " bytes total (" + (total - used) + " bytes free)");
    }

    /**
     * `show file systems`: the file systems the router has (IOS layout: size and free bytes of
     * flash0: and nvram: as `dir` counts them, `*` the default one).
     */
    private static void fileSystems(CommandContext cc) {
        Router r = Shell.router(cc);
        Flash flash = r.nvram().flash();
        String flashSize = "-", flashFree = "-";
        try {
            flashSize = Long.toString(flash.capacity());
            flashFree = Long.toString(flash.capacity() - flash.used());
        } catch (IOException e) {
            // shown without sizes
        }
        long nvramUsed = nvram(r).stream().mapToLong(FileEntry::size).sum();
        cc.println("File Systems:").println("")
          .println("       Size(b)       Free(b)      Type  Flags  Prefixes");
        fileSystem(cc, false, "-", "-", "opaque", "rw", "system:");
        fileSystem(cc, true, flashSize, flashFree, "disk", "rw", "flash0: flash:");
        fileSystem(cc, false, Integer.toString(NVRAM_TOTAL), Long.toString(NVRAM_TOTAL - nvramUsed), "nvram", "rw", "nvram:");
    }

    private static void fileSystem(CommandContext cc, boolean dflt, String size, String free, String type, String flags, String prefixes) {
        cc.println(String.format("%s%13s%14s%10s%7s   %s", dflt ? "*" : " ", size, free, type, flags, prefixes));
    }

    private static void showFlash(CommandContext cc) {
        Flash flash = Shell.router(cc).nvram().flash();
        try {
            cc.println("-#- --length-- -----date/time------ path");
            long used = 0;
            for (FileEntry f : flash(flash)) {
                cc.println(String.format("%-3d %10d %s %s", f.index(), f.size(), DATE.format(f.date().atZone(ZoneOffset.UTC)), f.name()));
                used += f.size();
            }
            cc.println("").println((flash.capacity() - used) + " bytes available (" + used + " bytes used)");
        } catch (IOException e) {
            cc.println("%Error opening flash0:/ (" + e.getMessage() + ")");
        }
    }

    /** `verify /md5 URL`: the file's MD5, as Netmiko's file transfer reads it back. */
    private static void verify(String text, CommandContext cc) {
        IosFiles.Url u = IosFiles.parse(text);
        byte[] b;
        try {
            b = u == null || u.isDirectory() ? null : IosFiles.read(Shell.of(cc), u);
        } catch (IOException e) {
            b = null;
        }
        if (b == null) {
            cc.println("%Error opening " + (u == null ? text : u.display()) + " (No such file or directory)");
            return;
        }
        String md5;
        try {
            md5 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        cc.println(".MD5 of " + u.display() + " Done!").println("verify /md5 (" + u.display() + ") = " + md5);
    }

    /** `delete URL`: asks for the name, then confirms, as IOS does. */
    private static void delete(String text, CommandContext cc) {
        IosFiles.Url u = IosFiles.parse(text);
        if (u == null || u.kind() != IosFiles.Kind.FLASH || u.file() == null) {
            cc.println("%Error deleting " + (u == null ? text : u.display()) + " (Is a directory)");
            return;
        }
        cc.ask("Delete filename [" + u.file() + "]? ", false, name -> {
            if (name == null) return;
            IosFiles.Url target = name.isBlank() ? u : IosFiles.parse("flash0:" + name.strip());
            if (target == null || target.file() == null) {
                cc.println("%Error deleting flash0:/" + name.strip() + " (Invalid argument)");
                return;
            }
            cc.ask("Delete " + target.display() + "? [confirm]", false, a -> {
                if (!SystemCommands.confirmed(a)) return;
                try {
                    if (!Shell.router(cc).nvram().flash().delete(target.file())) {
                        cc.println("%Error deleting " + target.display() + " (No such file or directory)");
                    }
                } catch (IOException e) {
                    cc.println("%Error deleting " + target.display() + " (" + e.getMessage() + ")");
                }
            });
        });
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

    /**
     * `show processes cpu [sorted]`: the router's own accounting ({@link Processes}): every
     * engine's runtime and invocations, the 5-second, 1- and 5-minute busy shares.
     */
    private static void processes(S_processesContext c, CommandContext cc) {
        Processes p = Shell.router(cc).processes();
        if (c.MEMORY() != null) {
            processMemory(cc, p, c.SORTED() != null);
            return;
        }
        Processes.Shares t = p.total();
        cc.println("CPU utilization for five seconds: " + pct(t.fiveSec()) + "%/" + pct(p.interruptFiveSec())
            + "%; one minute: " + pct(t.oneMin()) + "%; five minutes: " + pct(t.fiveMin()) + "%");
        if (c.CPU() == null) {
            // plain `show processes`: queue and state (M: medium priority; we: waiting for an event,
            // *: running, as the shell's Exec is while it prints this), stacks of IOS's 6000-byte default
            cc.println(" PID QTy       PC Runtime(ms)    Invoked   uSecs    Stacks TTY Process");
            for (Processes.Row r : p.rows()) {
                long us = r.invoked() == 0 ? 0 : r.runtimeNanos() / 1000 / r.invoked();
                boolean running = r.name().equals("Exec");
                cc.println(String.format(Locale.ROOT, "%4d %-3s %08X %11d %10d %7d %9s %3d %s", r.pid(), running ? "M*" : "Mwe",
                    0x60000000 | (r.name().hashCode() & 0x0FFFFFFC), r.runtimeNanos() / 1_000_000, r.invoked(), us,
                    (running ? 4680 : 5560) + "/6000", 0, r.name()));
            }
            return;
        }
        List<Processes.Row> rows = new ArrayList<>(p.rows());
        if (c.SORTED() != null) rows.sort(java.util.Comparator.comparingDouble(Processes.Row::fiveSec).reversed());
        cc.println(" PID Runtime(ms)     Invoked      uSecs   5Sec   1Min   5Min TTY Process ");
        for (Processes.Row r : rows) {
            long us = r.invoked() == 0 ? 0 : r.runtimeNanos() / 1000 / r.invoked();
            cc.println(String.format(Locale.ROOT, "%4d %11d %11d %10d %5.2f%% %5.2f%% %5.2f%% %3d %-16s", r.pid(),
                r.runtimeNanos() / 1_000_000, r.invoked(), us, r.fiveSec() * 100, r.oneMin() * 100, r.fiveMin() * 100, 0, r.name()));
        }
    }

    /**
     * `show processes memory [sorted]`: the pools as `show memory statistics` has them, then what
     * each process's tasks allocated (the JVM's per-thread allocation counter); the JVM frees by
     * garbage collection, so a process holds none of it between tasks and the heap in use is
     * `*Init*`'s.
     */
    private static void processMemory(CommandContext cc, Processes p, boolean sorted) {
        Runtime rt = Runtime.getRuntime();
        long used = Math.min(PROCESSOR_TOTAL - 1, rt.totalMemory() - rt.freeMemory());
        long ioUsed = IO_TOTAL / 5;
        cc.println(String.format("Processor Pool Total: %10d Used: %10d Free: %10d", PROCESSOR_TOTAL, used, PROCESSOR_TOTAL - used))
          .println(String.format("      I/O Pool Total: %10d Used: %10d Free: %10d", IO_TOTAL, ioUsed, IO_TOTAL - ioUsed))
          .println("")
          .println(" PID TTY  Allocated      Freed    Holding    Getbufs    Retbufs Process");
        List<Processes.Row> rows = new ArrayList<>(p.rows());
        if (sorted) rows.sort(java.util.Comparator.comparingLong(Processes.Row::allocated).reversed());
        cc.println(String.format("%4d %3d %10d %10d %10d %10d %10d %-16s", 0, 0, used, 0, used, 0, 0, "*Init*"));
        for (Processes.Row r : rows) {
            cc.println(String.format("%4d %3d %10d %10d %10d %10d %10d %-16s", r.pid(), 0, r.allocated(), r.allocated(), 0, 0, 0,
                r.name()));
        }
        cc.println(String.format("%41d Total", used));
    }

    private static long pct(double share) {
        return Math.round(share * 100);
    }
}
