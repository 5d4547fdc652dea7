package dev.routerlab.device.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import dev.routerlab.device.Flash;
import dev.routerlab.device.Nvram;
import dev.routerlab.device.Router;

/**
 * IOS file URLs over one router's storage, for `dir`, `copy`, `verify`, `delete` and SCP:
 * flash0: (alias flash:, and a name without a file system) is the router's {@link Flash};
 * nvram:startup-config and startup-config its NVRAM's; system:running-config and
 * running-config the running configuration (read: rendered; written: merged, as `copy ...
 * running-config`). Call on the router's loop.
 */
public final class IosFiles {
    /** Where a URL points. */
    public enum Kind { FLASH, NVRAM, RUNNING, STARTUP }

    /** A parsed URL; file is null for a file system's root (`flash0:`). */
    public record Url(Kind kind, String file) {
        /** As IOS names it in messages: flash0:/NAME, nvram:/startup-config, system:/running-config. */
        public String display() {
            return switch (kind) {
                case FLASH -> "flash0:/" + (file == null ? "" : file);
                case NVRAM -> "nvram:/" + (file == null ? "" : file);
                case RUNNING -> "system:/running-config";
                case STARTUP -> "nvram:/startup-config";
            };
        }

        public boolean isDirectory() { return (kind == Kind.FLASH || kind == Kind.NVRAM) && file == null; }
    }

    private IosFiles() {}

    /**
     * The URL text means, or null when it names no file system this router has (`tftp:`,
     * `scp:`, a subdirectory). A leading `/` (as some SCP clients send) is ignored.
     */
    public static Url parse(String text) {
        String t = text.strip();
        while (t.startsWith("/") && t.indexOf(':') > 0) t = t.substring(1);
        int colon = t.indexOf(':');
        String fs = colon < 0 ? "" : t.substring(0, colon + 1).toLowerCase(Locale.ROOT);
        String rest = colon < 0 ? t : t.substring(colon + 1);
        if (rest.startsWith("/")) rest = rest.substring(1);
        switch (fs) {
            case "system:":
                return rest.equalsIgnoreCase("running-config") ? new Url(Kind.RUNNING, null) : null;
            case "nvram:":
                if (rest.isEmpty()) return new Url(Kind.NVRAM, null);
                return rest.equalsIgnoreCase("startup-config") ? new Url(Kind.STARTUP, null) : null;
            case "":
                if (rest.equalsIgnoreCase("running-config")) return new Url(Kind.RUNNING, null);
                if (rest.equalsIgnoreCase("startup-config")) return new Url(Kind.STARTUP, null);
                return rest.isEmpty() || !Flash.validName(rest) ? null : new Url(Kind.FLASH, rest);
            case "flash:", "flash0:":
                if (rest.isEmpty()) return new Url(Kind.FLASH, null);
                return Flash.validName(rest) ? new Url(Kind.FLASH, rest) : null;
            default:
                return null;
        }
    }

    /** The file's bytes, or null when it does not exist. */
    public static byte[] read(Shell shell, Url u) throws IOException {
        Router r = shell.router();
        return switch (u.kind()) {
            case FLASH -> u.file() == null ? null : r.nvram().flash().read(u.file());
            case STARTUP -> r.nvram().read(Nvram.STARTUP_CONFIG);
            case RUNNING -> shell.running().getBytes(StandardCharsets.UTF_8);
            case NVRAM -> null;
        };
    }

    /**
     * Writes the file: flash and startup-config replaced, running-config merged (each line as
     * typed in configuration mode). Returns what loading the configuration printed (its errors).
     */
    public static List<String> write(Shell shell, Url u, byte[] data) throws IOException {
        Router r = shell.router();
        switch (u.kind()) {
            case FLASH -> {
                if (u.file() == null) throw new IOException("Is a directory");
                r.nvram().flash().write(u.file(), data, r.scheduler().epochMillis());
            }
            case STARTUP -> {
                if (data.length > Nvram.SIZE) throw new Flash.NoSpaceException();
                r.nvram().write(Nvram.STARTUP_CONFIG, data);
            }
            case RUNNING -> {
                return shell.load(data);
            }
            case NVRAM -> throw new IOException("Is a directory");
        }
        return List.of();
    }
}
