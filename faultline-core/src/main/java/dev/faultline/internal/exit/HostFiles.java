package dev.faultline.internal.exit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Bounded reads of the small files the exit evidence comes from ({@code /proc}, cgroup files,
 * hs_err heads). Never follows a link, never reads past its bound, never throws: a file that
 * cannot be read is null.
 */
final class HostFiles {
    private HostFiles() {}

    /** At most {@code max} bytes of {@code file} as UTF-8 (bad bytes replaced), or null when it is no readable file. */
    static String head(Path file, int max) {
        try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            return new String(in.readNBytes(max), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The value after {@code key } on the line that starts with it ({@code oom_kill 3}), or -1. */
    static long keyed(String text, String key) {
        if (text == null) {
            return -1;
        }
        for (String line : text.split("\n")) {
            if (line.startsWith(key + " ") || line.startsWith(key + "\t") || line.startsWith(key + ":")) {
                return number(line.substring(key.length() + 1).trim().split("\\s+")[0]);
            }
        }
        return -1;
    }

    /** A decimal number, or -1 ({@code max} in cgroup v2 also -1: no limit). */
    static long number(String s) {
        if (s == null) {
            return -1;
        }
        try {
            long v = Long.parseLong(s.trim());
            return v < 0 ? -1 : v;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
