package dev.faultline.internal.ring;

import dev.faultline.internal.text.Escape;
import dev.faultline.internal.threads.SystemThreads;
import dev.faultline.report.Report;
import dev.faultline.internal.config.AppName;
import dev.faultline.internal.config.Keys;
import dev.faultline.internal.config.Settings;
import dev.faultline.internal.console.Console;
import dev.faultline.internal.runtime.Core;
import dev.faultline.internal.runtime.ReportSink;
import dev.faultline.internal.runtime.Shutdown;
import dev.faultline.ring.CrashRing;
import dev.faultline.ring.RecoveredRun;
import dev.faultline.ring.RingFormat;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Opens this run's crash ring when the Faultline runtime initialises: recovers the rings of
 * earlier runs first, then creates and maps this run's ring, plugs it into the report flow, and
 * arranges the clean-shutdown mark. Every failure degrades — to an in-memory ring, with one
 * line saying why — and nothing is thrown to the caller.
 */
public final class CrashRings {
    /** The ring used when {@code faultline.ring=0}: appends nothing and returns -1. */
    private static final CrashRing OFF = new CrashRing() {
        @Override
        public long append(System.Logger.Level level, String logger, CharSequence message) {
            return -1;
        }

        @Override
        public long append(dev.faultline.ring.LogLine line) {
            return -1;
        }

        @Override
        public void force() {
        }

        @Override
        public Path file() {
            return null;
        }

        @Override
        public int capacity() {
            return 0;
        }

        @Override
        public String toString() {
            return "crash ring (off)";
        }
    };

    private static volatile CrashRing current = OFF;
    private static volatile List<RecoveredRun> recovered = List.of();
    private static volatile List<String> cleanlyEnded = List.of();
    private static volatile List<String> cleanExits = List.of();
    /** {@code faultline.archive_keep} as this start used it; 0 when the ring is no file (nothing is archived). */
    private static volatile int archiveKeep;
    private static boolean installed;
    // Held for the life of the process: the lock tells other processes this run is alive.
    private static FileChannel channel;
    private static FileLock lock;

    private CrashRings() {}

    /**
     * How many archived runs of this application the crash directory keeps
     * ({@code faultline.archive_keep}); 0 when this run's ring is not a file (before boot, off,
     * or in memory only): then no history is kept at all.
     */
    public static int archiveKeep() {
        return archiveKeep;
    }

    /** The runs this start found ended cleanly (and removed their rings); empty before boot. */
    public static List<String> cleanlyEnded() {
        return cleanlyEnded;
    }

    /**
     * At most {@code max} earlier runs of this application that did not end cleanly, newest
     * first, as their rings in the crash directory tell (see {@link RunHistory}); after each,
     * {@code older} says whether older runs are wanted. Nothing when the ring is off or only in
     * memory. Never throws.
     */
    public static RunHistory.Read history(int max, java.util.function.Predicate<RunOutcome> older) {
        if (max <= 0) {
            return RunHistory.Read.NONE;
        }
        try {
            CrashRing ring = current;
            if (ring.file() == null) {
                return RunHistory.Read.NONE;
            }
            return RunHistory.read(ring.file().getParent(), Core.RUN_ID, AppName.current(), max, older);
        } catch (RuntimeException e) {
            return RunHistory.Read.NONE;
        }
    }

    /** The earlier runs recovered and archived when this run's ring was opened; empty before boot. */
    public static List<RecoveredRun> recovered() {
        return recovered;
    }

    /**
     * This run's ring: the ring that {@link #boot()} opened, or a ring that appends nothing
     * before boot, when the ring is off, or when it could not be opened.
     */
    public static CrashRing current() {
        return current;
    }

    /**
     * Recovers earlier runs' rings and opens this run's; called once, by {@code Boot}, which
     * plugs the returned sink into the report flow. Returns null when the ring is off
     * ({@code faultline.ring=0}), was booted already, or could not be set up (one line says why).
     * Never throws.
     */
    public static synchronized ReportSink boot() {
        if (installed) {
            return null;
        }
        installed = true;
        try {
            if (!Settings.bool(Keys.RING)) {
                return null;
            }
            int capacity = ringSize();
            RingWriter ring = open(capacity);
            current = ring;
            if (!cleanlyEnded.isEmpty()) {
                // The one trace a cleanly ended run leaves once its ring is removed: a later
                // start's boot-loop guard reads it here (a clean run ends a boot loop).
                List<String> recoveredIds = new java.util.ArrayList<>();
                for (RecoveredRun r : recovered) {
                    recoveredIds.add(r.runId());
                }
                ring.append(System.Logger.Level.INFO, RunHistory.BOOT_LOGGER,
                        RunHistory.bootRecord(Core.RUN_ID, recoveredIds, cleanlyEnded));
                // How each of them ended (clean, or a signal whose hooks finished): faultline runs reads it here.
                for (String exit : cleanExits) {
                    ring.append(System.Logger.Level.INFO, RunHistory.BOOT_LOGGER, exit);
                }
            }
            Shutdown.add(Shutdown.CLOSE_SINKS, "crash ring", () -> ring.markClean(System.currentTimeMillis()));
            int forceMs = Settings.integer(Keys.RING_FORCE_MS, 0, 86_400_000);
            if (forceMs > 0 && ring.file() != null) {
                ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
                    return SystemThreads.daemon(r, "faultline-ring-force");
                });
                timer.scheduleWithFixedDelay(ring::force, forceMs, forceMs, TimeUnit.MILLISECONDS);
            }
            return new Sink(ring);
        } catch (Throwable e) {
            Console.line("faultline: crash ring disabled: " + e);
            return null;
        }
    }

    private static RingWriter open(int capacity) {
        long start = startMillis();
        Path dir = directory();
        try {
            if (dir.equals(userRoot().resolve(AppName.current()))) {
                // The shared parent in /tmp gets the same rule: another user's link or directory there is refused.
                RingFiles.prepareDirectory(userRoot(), "crash directory root");
            }
            Path checked = RingFiles.prepareDirectory(dir, "crash directory");
            int keep = Settings.integer(Keys.ARCHIVE_KEEP, 1, 10_000);
            Recovery recovery = new Recovery(checked, keep, Core.PID, Core.RUN_ID, AppName.current(), Console::line);
            recovery.run();
            recovered = recovery.recovered();
            cleanlyEnded = recovery.cleanlyEnded();
            cleanExits = recovery.cleanExits();
            Path file = checked.resolve(Core.PID + "-" + Core.RUN_ID + Recovery.RING_SUFFIX);
            Path creating = checked.resolve(Core.PID + "-" + Core.RUN_ID + RingFormat.CREATING_SUFFIX);
            if (java.nio.file.Files.isSymbolicLink(file)) {
                // The rename below would replace it; say why it is not used.
                throw new RingFiles.Refused("refusing crash ring " + file + ": it is a symbolic link");
            }
            long size = (long) RingFormat.HEADER_LENGTH + capacity;
            // Created, locked, filled and headed under a name no reader looks at; renamed to its
            // ring name only then: a ring file is never seen without its header and its lock.
            RingFiles.Created made = RingFiles.createLocked(creating, size);
            FileChannel ch = made.channel;
            try {
                MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_WRITE, 0, size);
                RingWriter ring = RingWriter.create(map, map, file, capacity, Core.PID, start, Core.RUN_ID,
                        AppName.current(), Liveness.origin(made.lock != null), Liveness.pidNamespace());
                // Known as held before it has its name: this process never opens it a second time.
                HeldRings.hold(ch, creating);
                markRunning(file);
                publish(creating, file);
                channel = ch;
                lock = made.lock;
                archiveKeep = keep;
                return ring;
            } catch (IOException | RuntimeException e) {
                HeldRings.release(ch);
                ch.close();
                java.nio.file.Files.deleteIfExists(creating);
                java.nio.file.Files.deleteIfExists(Recovery.runningMarker(file));
                throw e;
            }
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            // The directory comes from configuration, and the reason names it again: both bounded.
            String why = String.valueOf(e.getMessage());
            Console.line("faultline: crash ring kept in memory only, it will not survive a crash: cannot use "
                    + Escape.cut(String.valueOf(dir)) + " (" + (why.length() <= 1000 ? why : why.substring(0, 1000)
                    + "... (" + why.length() + " characters)") + "); set faultline.dir to a writable directory");
            return RingWriter.inMemory(capacity, Core.PID, start, Core.RUN_ID, AppName.current());
        }
    }

    /**
     * Gives the new ring its name. The name holds this run's random id, so nothing can be there
     * unless planted after this start chose it; a rename would replace such a file, so it is
     * refused instead.
     */
    private static void publish(Path creating, Path file) throws IOException {
        if (java.nio.file.Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new RingFiles.Refused("refusing crash ring " + file + ": something is already there");
        }
        java.nio.file.Files.move(creating, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Creates the ring's "still running" marker ({@link Recovery#runningMarker(Path)}) and has
     * the JVM delete it at exit. Why: the clean mark is written from a shutdown hook, and the
     * JVM runs every application shutdown hook at once; an application hook may still be
     * running (or hung, until a supervisor kills the process) after the mark. The JDK deletes
     * {@code deleteOnExit} files only after <em>every</em> application shutdown hook has
     * returned, so the marker's absence is the truly last act of a clean exit; Recovery
     * believes a clean mark only when the marker is gone. Failing to create it only costs that
     * check (one line says why).
     */
    private static void markRunning(Path ring) {
        Path marker = Recovery.runningMarker(ring);
        try {
            RingFiles.createOwnerOnly(marker).close();
            marker.toFile().deleteOnExit();
        } catch (IOException | RuntimeException e) {
            Console.line("faultline: cannot create " + marker + " (" + e.getMessage() + "); a shutdown that hangs"
                    + " after the clean mark and is killed will look clean");
        }
    }

    /**
     * Recovers the dead runs' rings in {@code dir} whatever their application (the operator's
     * {@code faultline recover}); see {@code Faultline.recoverRings}. Never throws.
     */
    public static List<RecoveredRun> recoverAny(Path dir) {
        try {
            Path checked = RingFiles.prepareDirectory(dir, "crash directory");
            Recovery recovery = new Recovery(checked, Settings.integer(Keys.ARCHIVE_KEEP, 1, 10_000), Core.PID,
                    Core.RUN_ID, null, Console::line);
            recovery.run();
            return recovery.recovered();
        } catch (IOException | RuntimeException e) {
            Console.line("faultline: cannot recover the crash rings in " + dir + ": " + e.getMessage());
            return List.of();
        }
    }

    /**
     * The crash directory: {@code faultline.dir}, else {@code <java.io.tmpdir>/faultline-<user>/<app>}
     * — one per application, so that one application's start never takes another's rings.
     */
    public static Path directory() {
        Settings.Raw raw = Settings.raw(Keys.DIR);
        if (raw != null && !raw.value.isBlank()) {
            return Path.of(raw.value.trim());
        }
        return userRoot().resolve(AppName.current());
    }

    /** {@code <java.io.tmpdir>/faultline-<user>}: where the default per-application crash directories live. */
    public static Path userRoot() {
        return RingFormat.defaultRoot();
    }

    private static long startMillis() {
        try {
            return ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli)
                    .orElseGet(System::currentTimeMillis);
        } catch (RuntimeException e) {
            return System.currentTimeMillis();
        }
    }

    /** {@code faultline.ring_size}: bytes with an optional k/m/g suffix, 64k to 1g; rounded down to 8. */
    static int ringSize() {
        int def = 1 << 20;
        Settings.Raw raw = Settings.raw(Keys.RING_SIZE);
        if (raw == null) {
            return def;
        }
        long v = parseSize(raw.value);
        if (v < RingFormat.MIN_CAPACITY || v > RingFormat.MAX_CAPACITY) {
            Settings.problem("invalid value " + Escape.quoted(raw.value) + " for " + Keys.RING_SIZE.property() + " (from " + raw.source
                    + "): expected " + Keys.RING_SIZE.expected() + "; keeping the default " + Keys.RING_SIZE.defaultValue());
            return def;
        }
        return (int) v & -RingFormat.ALIGNMENT;
    }

    /** Parses {@code 123}, {@code 64k}, {@code 1m}, {@code 1g} (case-insensitive); -1 when it is none of them. */
    static long parseSize(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("k")) {
            unit = 1L << 10;
        } else if (t.endsWith("m")) {
            unit = 1L << 20;
        } else if (t.endsWith("g")) {
            unit = 1L << 30;
        }
        if (unit != 1) {
            t = t.substring(0, t.length() - 1).trim();
        }
        try {
            long n = Long.parseLong(t);
            return n < 0 || n > (4L << 30) / unit ? -1 : n * unit;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Feeds every report into the ring; the panic path forces it through {@link #force()}. */
    private static final class Sink implements ReportSink {
        private final RingWriter ring;

        Sink(RingWriter ring) {
            this.ring = ring;
        }

        @Override
        public void write(Report report) {
            if (ring.append(report) < 0) {
                throw new IllegalStateException(ring.lastFailure());
            }
        }

        /** Long output (a thread dump) takes several frames, cut at line ends where it can. */
        @Override
        public void line(int source, int code, String logger, String text) {
            // Conservative: 3 UTF-8 bytes per char, room for the thread name and logger.
            int chunk = Math.max(256, (ring.maxFrame() - RingFormat.FRAME_HEADER - 2 * RingFormat.MAX_NAME_BYTES) / 3);
            int from = 0;
            int n = text.length();
            if (n > 0 && text.charAt(n - 1) == '\n') {
                n--;
            }
            do {
                int end = Math.min(n, from + chunk);
                if (end < n) {
                    int nl = text.lastIndexOf('\n', end - 1);
                    if (nl > from) {
                        end = nl;
                    } else if (Character.isHighSurrogate(text.charAt(end - 1))) {
                        end--;
                    }
                }
                if (ring.appendOwn(source, code, logger, text.substring(from, end)) < 0) {
                    throw new IllegalStateException(ring.lastFailure());
                }
                from = end < n && text.charAt(end) == '\n' ? end + 1 : end;
            } while (from < n);
        }

        @Override
        public boolean isCrashRing() {
            return true;
        }

        @Override
        public void force() {
            ring.force();
        }

        @Override
        public String toString() {
            return ring.toString();
        }
    }
}
