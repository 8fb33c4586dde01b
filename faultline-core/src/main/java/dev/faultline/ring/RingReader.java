package dev.faultline.ring;

import static dev.faultline.ring.RingFormat.*;

import dev.faultline.internal.ring.HeldRings;
import dev.faultline.internal.ring.Liveness;
import dev.faultline.internal.text.Escape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads a crash ring from any bytes at all — a ring left by a killed process, a truncated copy,
 * random garbage, a crafted file — and never throws. It returns only frames that pass every
 * check, in sequence order across wrap-around, and accounts for what it skipped ({@link RingScan}).
 *
 * <p><b>Cost</b>: linear in the file, with a bounded heap (about 3 MiB, whatever the ring's
 * size; rings are at most {@link RingFormat#MAX_CAPACITY} bytes and nothing past that is read).
 * The file is read through a sliding window, in a few passes: the first finds the valid frames,
 * the second (only when something was skipped) tells torn from corrupt frames, and the records
 * are then read once more, in sequence order. {@link #read(Path)} keeps only the newest
 * records ({@link #KEPT_RECORDS}, {@link #KEPT_BYTES}); {@link #read(Path, Consumer, Consumer)}
 * hands every record on without keeping any, and {@link #check(Path)} reads none.
 *
 * <p>The scan walks the data region in {@link RingFormat#ALIGNMENT} steps. A valid frame is
 * taken whole and the scan jumps past it; anything else is stepped over 8 bytes at a time, so
 * one bad frame cannot hide the good frames after it.
 *
 * <p>A frame that fails its checks is <b>torn</b> when the writer's protocol explains it, and
 * <b>corrupt</b> only when nothing does:
 * <ul>
 *   <li>its length is 0: claimed, never committed;</li>
 *   <li>a newer frame starts inside it: a start tag naming a newer claim, or a type word, at a
 *       frame start within its claimed extent (from its first store on, a writer leaves one of
 *       the two at its frame start, see {@link RingFormat});</li>
 *   <li>its space has been claimed again: a frame header or start tag in the ring, committed or
 *       not, names a claim a lap or more after it that reaches past its start. This covers an old frame whose length
 *       a newer frame ended on, even when that newer frame has since been overwritten in turn.</li>
 * </ul>
 * Damage to a frame whose space no newer claim has reached is corrupt. A ring shorter than its
 * header says is truncated, and not {@link RingScan#intact() intact}. In the ring of a run that
 * is still running ({@link RingScan#live()}) frames change while they are read, so none is
 * judged corrupt, and a record written between two passes may be missed.
 *
 * <p><b>Order</b>: records come in sequence order. The frames of one lap of the ring lie in
 * offset order, so the first pass notes each stretch of consecutive frames of one lap, and the
 * last pass reads those stretches oldest first. A ring no writer could have written (more than
 * 65,536 such stretches) is read in file order instead, and a problem line says so.
 */
public final class RingReader {
    /** {@link #read(Path)} keeps at most this many of the newest records (every ring of the default size fits). */
    public static final int KEPT_RECORDS = 32_768;
    /** ... and records whose text takes at most about this many bytes of heap (two a character). */
    public static final int KEPT_BYTES = 8 << 20;

    private static final int MAX_PROBLEMS = 20;
    /** Possible start tags kept from the first pass; a ring has one per writer in flight. */
    private static final int MAX_TAGS = 100_000;
    private static final int MAX_SEGMENTS = 1 << 16;
    private static final int WINDOW = 1 << 20;

    private RingReader() {}

    /** What to do with the records. */
    private enum Mode { KEEP, STREAM, NONE }

    /** Work done by one read, for tests: it must not depend on the clock. */
    static final class Cost {
        long crcBytes;
        long offsetsExamined;
        long bytesRead;
        int walks;
    }

    /**
     * Reads the ring file {@code file}; an unreadable file gives a scan that says why. The ring of
     * a run that is still running is read as {@link RingScan#live() live}: its run holds the lock
     * on its file, or, where there is no lock to go by, its pid tells (see {@code Liveness} in
     * the implementation for the policy). Its {@link RingScan#records()} are the newest records:
     * all of them unless there are more than {@link #KEPT_RECORDS} or their frames hold more than
     * {@link #KEPT_BYTES} ({@link RingScan#recordCount()} counts them all).
     *
     * <p>A ring this process holds (its own, or one it is archiving) is read through the channel
     * that holds its lock, never opened again: closing a second channel on the file would drop
     * the lock (POSIX), and the lock is how other processes know the run is alive. So are the
     * other reads by path, {@link #read(Path, Consumer, Consumer)} and {@link #check(Path)}.
     */
    public static RingScan read(Path file) {
        return read(file, Mode.KEEP, null, null);
    }

    /**
     * Reads the ring file {@code file} in two steps, keeping no records, so the memory it takes
     * does not depend on the ring: {@code scanned} gets the scan first (header, counts, problems;
     * its {@link RingScan#records()} empty) — exactly once, also for a file that is not a ring or
     * cannot be read — then {@code each} gets every valid record, oldest first. Returns that scan
     * (with one more problem line if the file could not be read to the end after it was handed
     * on). An exception thrown by {@code scanned} or {@code each} ends the read and is thrown to
     * the caller; nothing else is thrown. Liveness and held rings as {@link #read(Path)}.
     */
    public static RingScan read(Path file, Consumer<? super RingScan> scanned, Consumer<? super RingRecord> each) {
        return read(file, Mode.STREAM, scanned, each);
    }

    /**
     * Checks the ring file {@code file} without reading its records: everything {@link #read(Path)}
     * says (counts, {@link RingScan#lastReport()}, {@link RingScan#headline()}, {@link RingScan#lastSeen()})
     * but {@link RingScan#records()}, which is empty. Liveness and held rings as {@link #read(Path)}.
     */
    public static RingScan check(Path file) {
        return read(file, Mode.NONE, null, null);
    }

    private static RingScan read(Path file, Mode mode, Consumer<? super RingScan> scanned,
                                 Consumer<? super RingRecord> each) {
        String source = String.valueOf(file);
        FileChannel held = HeldRings.channel(file);
        if (held != null) {
            // Never opened again, and never closed here: the lock stays with the channel that holds it.
            return read(held, source, true, Liveness.Lock.HELD, mode, scanned, each);
        }
        Handed handed = new Handed(scanned);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(RingWindow.Source.of(ch), ch.size(), source, true, Liveness.probe(ch), mode, handed, each,
                    new Cost());
        } catch (ConsumerFailed e) {
            throw e.unwrap();
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            try {
                return handed.failed(source, e);
            } catch (ConsumerFailed f) {
                throw f.unwrap();
            }
        }
    }

    /**
     * Reads a ring from an open channel, from offset 0, leaving the channel open; records as
     * {@link #read(Path)} keeps them. Its run is not judged: the scan is never {@link RingScan#live() live}.
     */
    public static RingScan read(FileChannel ch, String source) {
        return read(ch, source, false, Liveness.Lock.FREE, Mode.KEEP, null, null);
    }

    /** Reads a ring from an open channel, from offset 0, leaving the channel open; records as {@link #read(Path, Consumer, Consumer)} hands them on. */
    public static RingScan read(FileChannel ch, String source, Consumer<? super RingScan> scanned,
                                Consumer<? super RingRecord> each) {
        return read(ch, source, false, Liveness.Lock.FREE, Mode.STREAM, scanned, each);
    }

    /** Checks a ring on an open channel, from offset 0, leaving the channel open; as {@link #check(Path)}, its run not judged. */
    public static RingScan check(FileChannel ch, String source) {
        return read(ch, source, false, Liveness.Lock.FREE, Mode.NONE, null, null);
    }

    /**
     * Reads the ring file open in {@code ch}, from offset 0, as {@link #read(Path)} reads a ring
     * file: whether its run is still running is judged (the lock on the file, or its pid and
     * start time). For a caller that opens the file itself, to bound how long the open may take
     * (opening a FIFO waits for a writer). Leaves the channel open; as with {@link #read(Path)},
     * closing it drops every lock this process holds on the file, so it is not for a ring this
     * process holds.
     */
    public static RingScan readFile(FileChannel ch, String source) {
        return read(ch, source, true, Liveness.probe(ch), Mode.KEEP, null, null);
    }

    /** As {@link #readFile(FileChannel, String)}, with the records handed on as {@link #read(Path, Consumer, Consumer)} does. */
    public static RingScan readFile(FileChannel ch, String source, Consumer<? super RingScan> scanned,
                                    Consumer<? super RingRecord> each) {
        return read(ch, source, true, Liveness.probe(ch), Mode.STREAM, scanned, each);
    }

    /** As {@link #readFile(FileChannel, String)}, reading no records, as {@link #check(Path)} does. */
    public static RingScan checkFile(FileChannel ch, String source) {
        return read(ch, source, true, Liveness.probe(ch), Mode.NONE, null, null);
    }

    /**
     * {@code ownerCheck}: judge whether the ring's run is still running (a ring file read by
     * another process); {@code lock}: what a probe of the file's lock found.
     */
    private static RingScan read(FileChannel ch, String source, boolean ownerCheck, Liveness.Lock lock, Mode mode,
                                 Consumer<? super RingScan> scanned, Consumer<? super RingRecord> each) {
        Handed handed = new Handed(scanned);
        try {
            return read(RingWindow.Source.of(ch), ch.size(), source, ownerCheck, lock, mode, handed, each, new Cost());
        } catch (ConsumerFailed e) {
            throw e.unwrap();
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            try {
                return handed.failed(source, e);
            } catch (ConsumerFailed f) {
                throw f.unwrap();
            }
        }
    }

    /** Reads a ring from {@code bytes}; records as {@link #read(Path)} keeps them. */
    public static RingScan read(byte[] bytes, String source) {
        return read(bytes, source, new Cost());
    }

    static RingScan read(byte[] bytes, String source, Cost cost) {
        try {
            return read(RingWindow.Source.of(bytes, bytes.length), bytes.length, source, false, Liveness.Lock.FREE,
                    Mode.KEEP, new Handed(null), null, cost);
        } catch (IOException | RuntimeException e) {
            return notARing(source, "cannot read: " + e);
        }
    }

    private static RingScan notARing(String source, String why) {
        return new RingScan(source, false, false, 0, 0, 0, 0, "", "", false, 0, false, List.of(), 0, null, null, null,
                0, false, 0, 0, List.of(Escape.text(why)));
    }

    /** Hands the scan to the caller's {@code scanned} once, whatever the read comes to. */
    private static final class Handed {
        final Consumer<? super RingScan> scanned;
        RingScan handed;

        Handed(Consumer<? super RingScan> scanned) {
            this.scanned = scanned;
        }

        RingScan hand(RingScan scan) {
            if (handed == null) {
                handed = scan;
                if (scanned != null) {
                    deliver(scanned, scan);
                }
            }
            return scan;
        }

        /** The read failed: a scan that says so, handed on unless the caller already has one (then that one, saying where the records stopped). */
        RingScan failed(String source, Throwable e) {
            if (handed != null) {
                return handed.withProblem("cannot read the rest of the records: " + e);
            }
            return hand(notARing(source, "cannot read: " + e));
        }
    }

    /** A consumer's own exception, carried through the reader's catch clauses. */
    private static final class ConsumerFailed extends RuntimeException {
        ConsumerFailed(RuntimeException cause) {
            super(cause);
        }

        RuntimeException unwrap() {
            return (RuntimeException) getCause();
        }
    }

    private static RingScan read(RingWindow.Source src, long fileSize, String source, boolean ownerCheck,
                                 Liveness.Lock lock, Mode mode, Handed handed, Consumer<? super RingRecord> each,
                                 Cost cost)
            throws IOException {
        long size = Math.min(fileSize, (long) HEADER_LENGTH + MAX_CAPACITY);
        if (size < HEADER_LENGTH) {
            return handed.hand(notARing(source, "only " + size + " bytes, shorter than the " + HEADER_LENGTH
                    + "-byte header"));
        }
        byte[] header = new byte[HEADER_LENGTH];
        int got = 0;
        while (got < HEADER_LENGTH) {
            int n = src.read(got, header, got, HEADER_LENGTH - got);
            if (n <= 0) {
                return handed.hand(notARing(source, "only " + got + " bytes, shorter than the " + HEADER_LENGTH
                        + "-byte header"));
            }
            got += n;
        }
        ByteBuffer b = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        long magic = b.getLong(H_MAGIC);
        if (magic != MAGIC) {
            return handed.hand(notARing(source, "wrong magic 0x" + Long.toHexString(magic)));
        }
        List<String> problems = new ArrayList<>();
        boolean headerValid = true;
        int version = b.getInt(H_VERSION);
        int headerLength = b.getInt(H_HEADER_LENGTH);
        int capacity = b.getInt(H_CAPACITY);
        long pid = b.getLong(H_PID);
        long start = b.getLong(H_START);
        byte[] salt = new byte[RUN_ID_BYTES];
        b.get(H_RUN_ID, salt);
        String runId = runIdText(salt);
        boolean clean = b.getInt(H_CLEAN) == CLEAN;
        long end = b.getLong(H_END);
        String app = appText(b);
        boolean live = ownerCheck && !clean
                && Liveness.judge(b, lock, ProcessHandle.current().pid()) != Liveness.Verdict.ENDED;
        if (version != VERSION) {
            problems.add("format version " + version + " is not supported (this reader knows " + VERSION + ")");
            return handed.hand(new RingScan(source, true, false, version, capacity, pid, start, runId, "", clean, end,
                    live, List.of(), 0, null, null, null, 0, false, 0, 0, problems));
        }
        if (headerCrc(b) != b.getInt(H_CRC)) {
            headerValid = false;
            problems.add("header checksum mismatch: pid, start time or run id may be wrong");
        }
        if (app == null) {
            headerValid = false;
            problems.add("application name checksum mismatch: the name is not shown");
            app = "";
        }
        if (headerLength != HEADER_LENGTH) {
            headerValid = false;
            problems.add("header length " + headerLength + " is not " + HEADER_LENGTH);
        }
        int available = (int) ((size - HEADER_LENGTH) & -ALIGNMENT);
        if (capacity < MIN_CAPACITY || capacity > MAX_CAPACITY || capacity % ALIGNMENT != 0) {
            headerValid = false;
            problems.add("capacity " + capacity + " is out of range; scanning the " + available + " bytes present");
            capacity = Math.max(available, ALIGNMENT);
        }
        boolean truncated = available < capacity;
        if (truncated) {
            problems.add("truncated: " + available + " of " + capacity + " data bytes present");
        }
        int limit = Math.min(available, capacity);
        int maxFrame = maxFrame(Math.max(capacity, MIN_CAPACITY));

        RingWindow window = new RingWindow(src, limit, Math.min(WINDOW + 4 * maxFrame, limit + ALIGNMENT));
        FrameWalk walk = new FrameWalk(window, capacity, maxFrame, salt);

        // Pass 1: the valid frames, where each lap's frames lie, and how far the writers had claimed.
        Survey survey = new Survey(window, capacity, maxFrame);
        walk.walk(0, limit, survey);
        cost.walks++;
        long claimed = survey.claimed;
        // A writer stopped before its type word still names its claim by its start tag. Writers in
        // flight are within a lap or two of the newest header; a "tag" further on is chance.
        long newest = sequenceOf(claimed);
        long furthest = claimed + 2L * capacity;
        for (int t = 0; t < survey.tags; t++) {
            long tag = Overwrites.tagPosition(survey.tagWord[t], survey.tagAt[t], capacity, newest, furthest);
            if (tag >= 0) {
                claimed = Math.max(claimed, tag + ALIGNMENT);
            }
        }
        if (survey.segmentsOverflow) {
            problems.add("records are listed in file order, not sequence order: more than " + MAX_SEGMENTS
                    + " stretches of records (no writer leaves so many)");
        }

        // Pass 2, only when something was skipped: torn or corrupt.
        Notes notes = new Notes();
        int torn = 0;
        int corrupt = 0;
        if (survey.unfinished + survey.bad > 0) {
            Overwrites overwrites = new Overwrites(window, capacity, maxFrame, claimed, newest, furthest);
            Classify classify = new Classify(walk, overwrites, live, notes);
            walk.walk(0, limit, classify);
            cost.walks++;
            cost.offsetsExamined += overwrites.offsetsExamined;
            torn = classify.torn;
            corrupt = classify.corrupt;
        }
        problems = notes.problems(problems);

        RingScan scan = new RingScan(source, true, headerValid, version, capacity, pid, start, runId, app, clean, end,
                live, List.of(), survey.frames, survey.lastReport, survey.panicReport, survey.panicLine, survey.lastTime,
                truncated, torn, corrupt, problems);
        handed.hand(scan);
        if (mode == Mode.NONE) {
            cost.crcBytes += walk.crcBytes;
            cost.bytesRead += window.bytesRead;
            return scan;
        }
        // Pass 3: the records, oldest first.
        Consumer<? super RingRecord> sink = each;
        Kept kept = null;
        long skip = 0;
        if (mode == Mode.KEEP) {
            kept = new Kept();
            sink = kept;
            skip = Math.max(0, survey.frames - KEPT_RECORDS); // not even decoded
        }
        if (sink != null) {
            Emit emit = new Emit(window, sink, skip);
            if (survey.segmentsOverflow) {
                walk.walk(0, limit, emit);
                cost.walks++;
            } else {
                for (int k : survey.segmentsOldestFirst()) {
                    emit.segment(survey.segFirst[k], survey.segLast[k]);
                    walk.walk(survey.segStart[k], survey.segEnd[k], emit);
                    cost.walks++;
                }
            }
        }
        cost.crcBytes += walk.crcBytes;
        cost.bytesRead += window.bytesRead;
        return kept == null ? scan : scan.withRecords(new ArrayList<>(kept.records));
    }

    private static <T> void deliver(Consumer<? super T> c, T value) {
        try {
            c.accept(value);
        } catch (RuntimeException e) {
            throw new ConsumerFailed(e);
        }
    }

    /** Pass 1: what a scan says without its records, and where the records are. */
    private static final class Survey implements FrameWalk.Visitor {
        final RingWindow w;
        final int capacity;
        final int maxFrame;
        int frames;
        int unfinished;
        int bad;
        /** The end of the newest claim any frame header in the ring vouches for (see claimEnd). */
        long claimed;
        long lastTime;
        RingRecord lastReport;
        long lastReportPosition = -1;
        /** The newest BUG or PANIC report: the panic the run ended in (see {@link RingScan#panicReport()}). */
        RingRecord panicReport;
        long panicReportPosition = -1;
        /** The oldest {@code not syncing} line: the panic's own (see {@link RingScan#panicked()}). */
        RingRecord panicLine;
        long panicLinePosition = Long.MAX_VALUE;
        /** Possible start tags: a zero length word with something where the CRC goes. */
        int[] tagAt = new int[16];
        int[] tagWord = new int[16];
        int tags;
        /** Stretches of consecutive frames of one lap: [start, end) offsets, first and last position. */
        int[] segStart = new int[16];
        int[] segEnd = new int[16];
        long[] segFirst = new long[16];
        long[] segLast = new long[16];
        int segments;
        boolean segmentsOverflow;

        Survey(RingWindow w, int capacity, int maxFrame) {
            this.w = w;
            this.capacity = capacity;
            this.maxFrame = maxFrame;
        }

        @Override
        public void header(int pos) {
            claimed = Math.max(claimed, claimEnd(w, pos, capacity, maxFrame));
        }

        @Override
        public void frame(int pos, int len, int type) {
            frames++;
            long position = w.getLong(pos + F_POSITION);
            lastTime = Math.max(lastTime, w.getLong(pos + F_TIME));
            int source = type >> 8 & 0xFF;
            int code = type & 0xFF;
            if (source == SOURCE_REPORT && position > lastReportPosition) {
                lastReportPosition = position;
                lastReport = decode(w, pos, type);
            }
            if (source == SOURCE_REPORT && (code == BUG || code == PANIC) && position > panicReportPosition) {
                panicReportPosition = position;
                panicReport = position == lastReportPosition ? lastReport : decode(w, pos, type);
            }
            if (source == SOURCE_FAULTLINE && code == CODE_PANIC && position < panicLinePosition
                    && messageStartsWith(w, pos, PANIC_LINE_BYTES)) {
                panicLinePosition = position;
                panicLine = decode(w, pos, type);
            }
            int n = segments - 1;
            if (n >= 0 && segLast[n] / capacity == position / capacity) {
                segEnd[n] = pos + align(len);
                segLast[n] = position;
                return;
            }
            if (segments == MAX_SEGMENTS) {
                segmentsOverflow = true;
                return;
            }
            if (segments == segStart.length) {
                int more = Math.min(MAX_SEGMENTS, segments * 2);
                segStart = java.util.Arrays.copyOf(segStart, more);
                segEnd = java.util.Arrays.copyOf(segEnd, more);
                segFirst = java.util.Arrays.copyOf(segFirst, more);
                segLast = java.util.Arrays.copyOf(segLast, more);
            }
            segStart[segments] = pos;
            segEnd[segments] = pos + align(len);
            segFirst[segments] = position;
            segLast[segments] = position;
            segments++;
        }

        @Override
        public void unfinished(int pos) {
            unfinished++;
        }

        @Override
        public void bad(int pos, boolean checksum) {
            bad++;
        }

        @Override
        public void tag(int pos, int tag) {
            if (tags == MAX_TAGS) {
                return;
            }
            if (tags == tagAt.length) {
                tagAt = java.util.Arrays.copyOf(tagAt, Math.min(MAX_TAGS, tags * 2));
                tagWord = java.util.Arrays.copyOf(tagWord, tagAt.length);
            }
            tagAt[tags] = pos;
            tagWord[tags] = tag;
            tags++;
        }

        /**
         * The stretches, oldest first. Stretches of one lap lie apart in the ring, and laps lie
         * apart in positions, so no two stretches' positions interleave.
         */
        int[] segmentsOldestFirst() {
            Integer[] order = new Integer[segments];
            for (int i = 0; i < segments; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (x, y) -> Long.compare(segFirst[x], segFirst[y]));
            int[] out = new int[segments];
            for (int i = 0; i < segments; i++) {
                out[i] = order[i];
            }
            return out;
        }
    }

    /**
     * Where the frame header at ring offset {@code pos} says the writers had claimed up to: its
     * position plus its claimed length, or 0 when its sequence, position and offset do not agree
     * or its claimed length is impossible. Committed or not, valid or not: a header whose numbers
     * agree was written by a writer that claimed that space.
     */
    private static long claimEnd(RingWindow w, int pos, int capacity, int maxFrame) {
        long position = w.getLong(pos + F_POSITION);
        int claim = w.getInt(pos + F_CLAIM);
        if (position < 0 || position % capacity != pos || w.getLong(pos + F_SEQUENCE) != sequenceOf(position)
                || claim < FRAME_HEADER || claim > maxFrame) {
            return 0;
        }
        return position + align(claim);
    }

    /** Problem lines: the first few of each kind in full, the rest counted. */
    private static final class Notes {
        final List<String> walk = new ArrayList<>();
        long walkCount;
        final List<String> bad = new ArrayList<>();
        long badCount;

        boolean wantWalk() {
            walkCount++;
            return walk.size() < MAX_PROBLEMS;
        }

        boolean wantBad() {
            badCount++;
            return bad.size() < MAX_PROBLEMS;
        }

        /** The header's problems, then the walk's, then the classified frames', with a count of the rest. */
        List<String> problems(List<String> header) {
            List<String> all = new ArrayList<>(header);
            all.addAll(walk);
            all.addAll(bad);
            long total = header.size() + walkCount + badCount;
            if (total <= MAX_PROBLEMS) {
                return all;
            }
            List<String> out = new ArrayList<>(all.subList(0, MAX_PROBLEMS));
            out.add("... and " + (total - MAX_PROBLEMS) + " more");
            return out;
        }
    }

    /** Pass 2: the frames that were skipped, torn or corrupt. */
    private static final class Classify implements FrameWalk.Visitor {
        final FrameWalk walk;
        final Overwrites overwrites;
        final boolean live;
        final Notes notes;
        int torn;
        int corrupt;

        Classify(FrameWalk walk, Overwrites overwrites, boolean live, Notes notes) {
            this.walk = walk;
            this.overwrites = overwrites;
            this.live = live;
            this.notes = notes;
        }

        @Override
        public void unfinished(int pos) {
            torn++;
            if (notes.wantWalk()) {
                notes.walk.add("offset " + pos + (live ? ": frame being written" : ": frame claimed but never committed"
                        + " (writer stopped mid-record)"));
            }
        }

        @Override
        public void bad(int pos, boolean checksum) throws IOException {
            String how = overwrites.overwritten(pos);
            if (how != null) {
                torn++;
                if (notes.wantBad()) {
                    notes.bad.add("offset " + pos + ": older frame " + how + " (" + walk.problem(pos, checksum) + ")");
                }
            } else if (live) {
                torn++;
                if (notes.wantBad()) {
                    notes.bad.add("offset " + pos + ": frame changed while it was read; the run is still writing ("
                            + walk.problem(pos, checksum) + ")");
                }
            } else {
                corrupt++;
                if (notes.wantBad()) {
                    notes.bad.add("offset " + pos + ": corrupt frame (" + walk.problem(pos, checksum) + ")");
                }
            }
        }
    }

    /** Pass 3: decodes the records of one stretch at a time and hands them on, oldest first. */
    private static final class Emit implements FrameWalk.Visitor {
        final RingWindow w;
        final Consumer<? super RingRecord> sink;
        long skip;
        long first = Long.MIN_VALUE;
        long last = Long.MAX_VALUE;
        long previous = Long.MIN_VALUE;
        boolean filtered;

        Emit(RingWindow w, Consumer<? super RingRecord> sink, long skip) {
            this.w = w;
            this.sink = sink;
            this.skip = skip;
        }

        void segment(long first, long last) {
            this.first = first;
            this.last = last;
            this.filtered = true;
        }

        @Override
        public void frame(int pos, int len, int type) {
            long position = w.getLong(pos + F_POSITION);
            // The first pass found this stretch's frames; a ring still being written may hold others now.
            if (filtered && (position < first || position > last || position <= previous)) {
                return;
            }
            previous = position;
            if (skip > 0) {
                skip--;
                return;
            }
            deliver(sink, decode(w, pos, type));
        }
    }

    /** The newest records, within {@link #KEPT_RECORDS} and {@link #KEPT_BYTES}. */
    private static final class Kept implements Consumer<RingRecord> {
        final ArrayDeque<RingRecord> records = new ArrayDeque<>();
        final ArrayDeque<Integer> sizes = new ArrayDeque<>();
        long bytes;

        @Override
        public void accept(RingRecord r) {
            int size = FRAME_HEADER + 2 * (r.threadName().length() + r.logger().length() + r.payload().length());
            records.addLast(r);
            sizes.addLast(size);
            bytes += size;
            while (records.size() > KEPT_RECORDS || bytes > KEPT_BYTES && records.size() > 1) {
                records.removeFirst();
                bytes -= sizes.removeFirst();
            }
        }
    }

    private static final int BUG = dev.faultline.report.ReportKind.BUG.ordinal();
    private static final int PANIC = dev.faultline.report.ReportKind.PANIC.ordinal();
    private static final byte[] PANIC_LINE_BYTES = PANIC_LINE_PREFIX.getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** True when the message of the valid frame at {@code at} starts with {@code prefix}; reads no more than the prefix. */
    private static boolean messageStartsWith(RingWindow w, int at, byte[] prefix) {
        int nameLen = w.getUnsignedShort(at + F_THREAD_NAME_LENGTH);
        int loggerLen = w.getUnsignedShort(at + F_LOGGER_LENGTH);
        if (w.getInt(at + F_MESSAGE_LENGTH) < prefix.length) {
            return false;
        }
        byte[] head = new byte[prefix.length];
        w.get(at + FRAME_HEADER + nameLen + loggerLen, head, 0, prefix.length);
        return java.util.Arrays.equals(head, prefix);
    }

    private static RingRecord decode(RingWindow w, int at, int type) {
        int nameLen = w.getUnsignedShort(at + F_THREAD_NAME_LENGTH);
        int loggerLen = w.getUnsignedShort(at + F_LOGGER_LENGTH);
        int msgLen = w.getInt(at + F_MESSAGE_LENGTH);
        int p = at + FRAME_HEADER;
        String name = utf8(w, p, nameLen);
        String logger = utf8(w, p + nameLen, loggerLen);
        String message = utf8(w, p + nameLen + loggerLen, msgLen);
        return new RingRecord(w.getLong(at + F_SEQUENCE), w.getLong(at + F_POSITION), w.getLong(at + F_TIME),
                w.getLong(at + F_THREAD_ID), name, type >> 8 & 0xFF, type & 0xFF, logger, message);
    }

    private static String utf8(RingWindow w, int at, int len) {
        byte[] bytes = new byte[len];
        w.get(at, bytes, 0, len);
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String runIdText(byte[] id) {
        StringBuilder s = new StringBuilder(RUN_ID_BYTES);
        for (byte c : id) {
            if (c == 0) {
                break;
            }
            s.append((char) (c & 0xFF));
        }
        return Escape.text(s.toString());
    }
}
