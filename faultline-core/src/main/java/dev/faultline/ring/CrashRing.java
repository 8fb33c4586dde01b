package dev.faultline.ring;

import java.nio.file.Path;

/**
 * This process's crash ring: a memory-mapped file of framed, checksummed records that outlives
 * the process (the JVM counterpart of the kernel's pstore/ramoops). Every Faultline report is
 * written here; applications add their own records with
 * {@link #append(System.Logger.Level, String, CharSequence)}, and logging bridges whole log
 * lines with {@link #append(LogLine)}.
 *
 * <p>A record is in the operating system's page cache the moment {@code append} returns, so it
 * survives {@code kill -9}, the OOM killer and {@code Runtime.halt}. Surviving a power loss or
 * a kernel crash needs {@link #force()} (or the periodic force, {@code faultline.ring_force_ms}).
 * When the ring is full the oldest records are overwritten.
 *
 * <p>Obtain it with {@link dev.faultline.Faultline#ring()}. Nothing here throws into the
 * application.
 */
public interface CrashRing {
    /**
     * Appends one record and returns its sequence number, or -1 when nothing was written: the
     * ring is turned off ({@code faultline.ring=0}), or the calling thread stalled between claiming
     * space and writing for so long that a whole ring's worth of newer records claimed that space
     * again (newer records win), or more than 256 threads were in the middle of an append at that
     * instant (a writer the others cannot see could tear a newer record). Sequence numbers increase in the order records claim their
     * space and are unique in the run, but are not consecutive: a record's number is its byte
     * position in the ring's lifetime divided by 8, plus 1, so they also say how much was
     * written in between. Safe from any
     * number of threads at once, lock-free, and allocation-free once the calling thread has
     * appended before. A null level is recorded as {@code INFO}, a null logger or message as
     * empty; a message longer than the ring's largest record is cut, and the cut is marked with
     * {@code [truncated]} at its end. Never throws.
     *
     * @param level   severity, as in {@link System.Logger}
     * @param logger  who wrote it, e.g. a logger or class name
     * @param message the text; read with {@link CharSequence#charAt(int)}, never copied
     */
    long append(System.Logger.Level level, String logger, CharSequence message);

    /**
     * Appends one application log line (level, logger, thread, time, message, key-value pairs,
     * throwable summary; encoded as {@link LogLineFormat} describes) and returns its sequence
     * number, or -1 when nothing was written, exactly as {@link #append(System.Logger.Level,
     * String, CharSequence)}: synchronous (the line is in the page cache when this returns),
     * lock-free, never blocks, never throws. {@code line} is read completely before this returns
     * and not kept. Allocation-free once the calling thread has appended before, unless the line
     * carries a throwable (its stack is copied to be read). A body longer than the ring's
     * largest record is cut and marked {@code [truncated]}; its whole leading lines stay readable.
     * A null line writes nothing and returns -1.
     *
     * @param line the line; reuse it (one per thread) to stay allocation-free
     */
    long append(LogLine line);

    /**
     * Writes everything appended so far to the storage device ({@code MappedByteBuffer.force()}),
     * so it survives a power loss too. Costs a disk flush; Faultline calls it on a panic and at
     * clean shutdown. Does nothing for an in-memory ring. A failure prints one line and is
     * otherwise ignored.
     */
    void force();

    /** The ring file, or null when the ring lives in memory only (turned off or no usable file). */
    Path file();

    /** Bytes in the data region; records older than about this much newer data are overwritten. */
    int capacity();
}
