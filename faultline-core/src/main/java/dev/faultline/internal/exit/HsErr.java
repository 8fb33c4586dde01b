package dev.faultline.internal.exit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * A dead run's HotSpot fatal-error log: found where the JVM writes it ({@code -XX:ErrorFile} with
 * {@code %p} and {@code %%} expanded, relative to the working directory; else
 * {@code hs_err_pid<pid>.log} in the working directory, then in the temp directory), matched to
 * the run by the pid it names and its time (written after the run started, at most
 * {@link #AFTER_LAST_MILLIS} after its last record), owned by the ring's owner and not a link
 * (in a shared /tmp another user could plant one). Its head (at most {@link #HEAD_BYTES}) is
 * read for the signal, the problematic frame and the JRE and VM versions; a copy (at most
 * {@link #MAX_COPY}) goes into the run's archive.
 */
final class HsErr {
    static final int HEAD_BYTES = 64 * 1024;
    static final long MAX_COPY = 16L << 20;
    static final long AFTER_LAST_MILLIS = 600_000;
    static final String FIRST_LINE = "# A fatal error has been detected by the Java Runtime Environment:";

    final Path file;
    final String head;
    /** Why no file was taken, when none was: one sentence part. */
    final String miss;

    private HsErr(Path file, String head, String miss) {
        this.file = file;
        this.head = head;
        this.miss = miss;
    }

    boolean found() {
        return file != null;
    }

    /** The run's hs_err file, or an HsErr that says why none was taken. Never throws. */
    static HsErr find(RunFacts facts, long pid, long startMillis, long lastMillis, OptionalLong owner) {
        List<Path> places = new ArrayList<>();
        String cwd = facts == null ? "" : facts.get("cwd");
        String tmp = facts == null ? "" : facts.get("tmpdir");
        String name = "hs_err_pid" + pid + ".log";
        try {
            String ef = facts == null ? "" : facts.get("error_file");
            if (!ef.isEmpty()) {
                Path p = Path.of(ef.replace("%p", String.valueOf(pid)).replace("%%", "%"));
                places.add(p.isAbsolute() || cwd.isEmpty() ? p : Path.of(cwd).resolve(p));
            }
            if (!cwd.isEmpty()) {
                places.add(Path.of(cwd, name));
            }
            places.add(Path.of(tmp.isEmpty() ? "/tmp" : tmp, name));
        } catch (RuntimeException e) {
            return new HsErr(null, null, "no hs_err file looked for because a path is invalid (" + e.getMessage() + ")");
        }
        String why = "no hs_err file for pid " + pid + " in " + places;
        for (Path p : places) {
            try {
                if (Files.isSymbolicLink(p) || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                long mtime = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toMillis();
                if (mtime < startMillis - 2000 || mtime > Math.max(lastMillis, startMillis) + AFTER_LAST_MILLIS) {
                    why = p + " is from another time than the run";
                    continue;
                }
                OptionalLong fileOwner = dev.faultline.internal.files.ProcessUser.owner(p);
                if (owner.isPresent() && (fileOwner.isEmpty() || fileOwner.getAsLong() != owner.getAsLong())) {
                    why = p + " belongs to another user";
                    continue;
                }
                String head = HostFiles.head(p, HEAD_BYTES);
                if (head == null || !head.contains(FIRST_LINE)) {
                    why = "no evidence because " + p + " is not a HotSpot fatal-error log";
                    continue;
                }
                if (!head.contains("pid=" + pid + ",")) {
                    why = p + " names another pid";
                    continue;
                }
                return new HsErr(p, head, null);
            } catch (IOException | RuntimeException e) {
                why = "no evidence because " + p + " cannot be read (" + e.getMessage() + ")";
            }
        }
        return new HsErr(null, null, why);
    }

    /** True when the JVM died of an OutOfMemoryError ({@code -XX:+CrashOnOutOfMemoryError}). */
    boolean outOfMemory() {
        return summaryLines().stream().anyMatch(l -> l.contains("OutOfMemory") || l.contains("Out of Memory"));
    }

    /** {@code SIGSEGV (0xb) at pc=..., pid=.., tid=..; problematic frame: ...; JRE version: ...; Java VM: ...}. */
    String summary() {
        return String.join("; ", summaryLines());
    }

    private List<String> summaryLines() {
        List<String> out = new ArrayList<>();
        String[] lines = head.split("\n", 60);
        boolean frame = false;
        for (int i = 0; i < lines.length && i < 40; i++) {
            String l = lines[i].strip();
            if (!l.startsWith("#")) {
                continue;
            }
            String t = l.substring(1).strip();
            if (frame && !t.isEmpty()) {
                out.add("problematic frame: " + cut(t));
                frame = false;
            } else if (t.startsWith("SIG") || t.startsWith("EXCEPTION_") || t.startsWith("Internal Error")
                    || t.contains("OutOfMemory") || t.startsWith("Out of Memory") || t.startsWith("fatal error")) {
                out.add(cut(t));
            } else if (t.startsWith("JRE version:") || t.startsWith("Java VM:")) {
                out.add(cut(t));
            } else if (t.startsWith("Problematic frame:")) {
                frame = true;
            }
        }
        return out;
    }

    private static String cut(String s) {
        String t = dev.faultline.internal.text.Escape.text(s);
        return t.length() <= 200 ? t : t.substring(0, 200) + "...";
    }

    /** Copies the file into {@code dir} as {@code hs_err.log} (owner-only, at most {@link #MAX_COPY}); the copy, or null. */
    Path copyInto(Path dir) {
        Path to = dir.resolve("hs_err.log");
        try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
             OutputStream out = Files.newOutputStream(Files.createFile(to,
                     PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
                     LinkOption.NOFOLLOW_LINKS)) {
            byte[] b = new byte[65536];
            long left = MAX_COPY;
            for (int n; left > 0 && (n = in.read(b, 0, (int) Math.min(b.length, left))) > 0; ) {
                out.write(b, 0, n);
                left -= n;
            }
            return to;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
