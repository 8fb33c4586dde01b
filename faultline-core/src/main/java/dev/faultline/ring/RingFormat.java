package dev.faultline.ring;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The on-disk layout of a crash ring, in one place. All numbers are little-endian.
 *
 * <h2>File</h2>
 * <pre>
 *   0                                 HEADER_LENGTH                      HEADER_LENGTH + capacity
 *   +---------------------------------+--------------------------------------------------+
 *   | header (identifies the run)     | data region: 8-byte aligned frames, wrapping     |
 *   +---------------------------------+--------------------------------------------------+
 * </pre>
 *
 * <h2>Header</h2>
 * <pre>
 *   0  long  magic            {@link #MAGIC} ("FLTRING\0")
 *   8  int   format version   {@link #VERSION}
 *  12  int   header length    {@link #HEADER_LENGTH}
 *  16  int   capacity         bytes in the data region, a multiple of {@link #ALIGNMENT}
 *  20  int   origin           how a reader can tell whether the run still runs: {@link #ORIGIN_LOCKED},
 *                             {@link #ORIGIN_BOOT} and the boot id's hash; 0 in rings from before it
 *  24  long  pid
 *  32  long  start time       epoch milliseconds of the process start (as the OS reports it)
 *  40  16 B  run id           ASCII hex, the run's random id, zero-padded
 *  56  int   header CRC32C    over bytes [0, 56)
 *  60  int   clean mark       {@link #CLEAN} once the run shut down cleanly, else 0
 *  64  long  end time         epoch milliseconds of the clean shutdown, else 0
 *  72  48 B  app              ASCII, the application's name ({@code faultline.app}), zero-padded
 * 120  int   app CRC32C       over bytes [72, 120)
 * 124  int   pid namespace    inode number of the run's PID namespace (low 32 bits), 0 when unknown
 * </pre>
 * The run is identified by pid <em>and</em> start time <em>and</em> run id: in a container every
 * JVM may be pid 1. The application's name sits in space that format version 1 reserved as
 * zeros, with a checksum of its own, so the version stays 1: a ring written before the name
 * existed reads as one without a name ({@link #appText} gives ""), and an older reader
 * ignores the name. The origin word and the PID namespace sit in space that was reserved as
 * zeros the same way; a zero says nothing, and readers then judge a run by its pid and start
 * time as before (see {@code Liveness} in the implementation for the whole policy).
 *
 * <h2>Frame</h2> (Agrona {@code RecordDescriptor} style: the length is written last, with
 * release semantics, and that write commits the frame)
 * <pre>
 *   0  int   length           frame length in bytes (header + payload, before alignment);
 *                             0 while the frame is being written
 *   4  int   crc              CRC32C of the run salt followed by bytes [8, length)
 *   8  int   type             {@link #TYPE_MARKER} | source &lt;&lt; 8 | code
 *  12  int   claimed length   the length the writer claimed; must equal the committed length
 *  16  long  sequence         position / 8 + 1: increases in claim order, unique in the run (not
 *                             consecutive); the reader orders by it across wrap-around
 *  24  long  position         logical byte position in the ring's lifetime; offset = position % capacity
 *  32  long  time             epoch milliseconds
 *  40  long  thread id
 *  48  short thread name length (UTF-8 bytes)
 *  50  short logger length    (UTF-8 bytes)
 *  52  int   message length   (UTF-8 bytes)
 *  56  ...   thread name, logger, message (UTF-8), then padding to {@link #ALIGNMENT}
 * </pre>
 * <h2>Payload by source</h2>
 * <ul>
 *   <li>{@link #SOURCE_REPORT}: logger = the site, message = the report's JSON, exactly
 *       {@link dev.faultline.report.Report#toJson(int)} (one schema with the JSON console and
 *       {@code ring show --json}; cut to fit the frame, always whole JSON). Rings written before
 *       the structured record held the report's text, starting with the cut-here line; readers
 *       accept both.</li>
 *   <li>{@link #SOURCE_LOG}: an application record, message as appended.</li>
 *   <li>{@link #SOURCE_DUMP}: a dumper's output, logger = the dumper's name.</li>
 *   <li>{@link #SOURCE_FAULTLINE}: one of Faultline's own lines, logger = {@code faultline}.</li>
 * </ul>
 * A writer first zeroes the length and puts the low 32 bits of the sequence where the CRC goes
 * (one 8-byte store: the <em>start tag</em>), then writes sequence and position, then the type
 * word (from then on the frame is visible as "claimed, not committed"), then the rest, the CRC,
 * and the length. So from a writer's first store on, its frame start names its claim: by the
 * start tag until the CRC replaces it, by the type word and position from before then.
 * Position and start tag tell an overwritten frame (a newer frame starts inside it, or a newer
 * claim reaches past its start a lap later) from a corrupt one.
 * The CRC is salted with the run id, so a frame copied from another ring, or spelled out by a
 * message, does not validate here. The marker's high bytes (0xFA, 0x17) never occur in
 * UTF-8 text, so text payload cannot look like the start of a frame.
 *
 * <p>Frames are placed one after another by a lock-free claim on a logical tail; a frame that
 * would cross the end of the data region starts again at offset 0, leaving the old bytes at the
 * end in place (they are older frames, still valid, or leftovers that the reader skips).
 */
public final class RingFormat {
    private RingFormat() {}

    public static final long MAGIC = 0x00474E4952544C46L; // "FLTRING\0" little-endian
    public static final int VERSION = 1;
    public static final int HEADER_LENGTH = 128;

    public static final int H_MAGIC = 0;
    public static final int H_VERSION = 8;
    public static final int H_HEADER_LENGTH = 12;
    public static final int H_CAPACITY = 16;
    /** The origin word (covered by the header CRC): {@link #ORIGIN_LOCKED} | {@link #ORIGIN_BOOT} | boot-id hash bits 2-31. */
    public static final int H_ORIGIN = 20;
    public static final int H_PID = 24;
    public static final int H_START = 32;
    public static final int H_RUN_ID = 40;
    public static final int RUN_ID_BYTES = 16;
    public static final int H_CRC = 56;
    public static final int H_CLEAN = 60;
    public static final int H_END = 64;
    public static final int H_APP = 72;
    public static final int APP_BYTES = 48;
    public static final int H_APP_CRC = 120;
    /** The run's PID namespace: the inode number of its {@code /proc/self/ns/pid} (low 32 bits), 0 when unknown. */
    public static final int H_PID_NAMESPACE = 124;
    /**
     * Origin bit: the run took the exclusive lock on its ring file before the file had its name
     * and holds it until the process ends; a free lock then means the run has ended.
     */
    public static final int ORIGIN_LOCKED = 1;
    /** Origin bit: bits 2-31 hold the CRC32C of the host's boot id ({@code /proc/sys/kernel/random/boot_id}) at the run's start. */
    public static final int ORIGIN_BOOT = 2;
    /** "CLEA": the run shut down cleanly. */
    public static final int CLEAN = 0x41454C43;

    public static final int ALIGNMENT = 8;
    public static final int F_LENGTH = 0;
    public static final int F_CRC = 4;
    public static final int F_TYPE = 8;
    public static final int F_CLAIM = 12;
    public static final int F_SEQUENCE = 16;
    public static final int F_POSITION = 24;
    public static final int F_TIME = 32;
    public static final int F_THREAD_ID = 40;
    public static final int F_THREAD_NAME_LENGTH = 48;
    public static final int F_LOGGER_LENGTH = 50;
    public static final int F_MESSAGE_LENGTH = 52;
    public static final int FRAME_HEADER = 56;

    /** High half of every frame's type word; 0xFA and 0x17 are never UTF-8 text bytes. */
    public static final int TYPE_MARKER = 0xFA170000;
    public static final int TYPE_MARKER_MASK = 0xFFFF0000;
    /** Source of a frame written from a {@link dev.faultline.report.Report}; the code is the {@link dev.faultline.report.ReportKind} ordinal. */
    public static final int SOURCE_REPORT = 1;
    /** Source of an application record; the code is the {@link System.Logger.Level} ordinal. */
    public static final int SOURCE_LOG = 2;
    /**
     * Source of a dumper's output (panic, oops, emergency or shutdown dump); the code is the
     * {@link dev.faultline.panic.DumpReason} ordinal, the logger the dumper's name. Output longer
     * than one frame takes several frames, cut at line ends, in order.
     */
    public static final int SOURCE_DUMP = 3;
    /** Source of Faultline's own lines; the code says which ({@link #CODE_CONFIG}, ...), the logger is {@code faultline}. */
    public static final int SOURCE_FAULTLINE = 4;
    /** A configuration line: a run-time change (JMX, API) or a boot problem (a bad key). */
    public static final int CODE_CONFIG = 0;
    /** A panic line: {@code Faultline panic - not syncing: ...}, a step that overran or failed. */
    public static final int CODE_PANIC = 1;
    /** How the panic's own {@link #CODE_PANIC} line starts, written after its dumpers: the run panicked. */
    public static final String PANIC_LINE_PREFIX = "Faultline panic - not syncing: ";
    /** A console line: reports not printed, a report a sink could not keep, a listener that threw. */
    public static final int CODE_CONSOLE = 2;
    /**
     * Source of an application log line written with {@link CrashRing#append(LogLine)}; the code
     * is the {@link System.Logger.Level} ordinal and the message field holds the body described
     * in {@link LogLineFormat}.
     */
    public static final int SOURCE_LOG_LINE = 5;

    /** Smallest data region accepted: room for a few large records. */
    public static final int MIN_CAPACITY = 64 * 1024;
    /** Largest data region accepted (the ring is addressed with int offsets). */
    public static final int MAX_CAPACITY = 1 << 30;
    /** Longest thread name or logger kept, in UTF-8 bytes; longer ones are cut. */
    public static final int MAX_NAME_BYTES = 1024;

    // ---- where rings live ------------------------------------------------------------------
    /** File name suffix of a crash ring: {@code <pid>-<run id>.ring} in the crash directory. */
    public static final String FILE_SUFFIX = ".ring";
    /** Infix of a ring being recovered: {@code <pid>-<run id>.ring.recovering-<claimer>}. */
    public static final String CLAIM_INFIX = ".recovering-";
    /**
     * Suffix of a ring being created: {@code <pid>-<run id>.creating}. A run creates, locks,
     * fills and heads its ring under this name and only then renames it to its {@code .ring}
     * name, so a ring file is never seen without its header and its run's lock.
     */
    public static final String CREATING_SUFFIX = ".creating";
    /** Name of the folder in the crash directory that holds the archived runs. */
    public static final String ARCHIVE_DIRECTORY = "archive";

    /**
     * The folder that holds the default crash directories of this user's applications:
     * {@code <java.io.tmpdir>/faultline-<user.name>} (the user name with characters other than
     * letters, digits, {@code .}, {@code _} and {@code -} as {@code _}). A user without a name
     * (a container started with a bare uid, where the JDK says {@code ?}) gets
     * {@code faultline-uid<N>} with its uid instead, so that two such users never share a folder.
     * Each application's default crash directory is the folder named after it
     * ({@code faultline.app}) inside.
     */
    public static java.nio.file.Path defaultRoot() {
        String name = System.getProperty("user.name", "");
        java.util.OptionalLong uid = dev.faultline.internal.files.ProcessUser.uid();
        if ((name.isBlank() || name.equals("?")) && uid.isPresent()) {
            name = "uid" + uid.getAsLong();
        }
        String user = name.replaceAll("[^0-9A-Za-z._-]", "_");
        return java.nio.file.Path.of(System.getProperty("java.io.tmpdir", "/tmp"), "faultline-" + user);
    }

    /** The sequence number of the frame claimed at logical {@code position}. */
    public static long sequenceOf(long position) {
        return position / ALIGNMENT + 1;
    }

    /** Round {@code n} up to the frame alignment. */
    public static int align(int n) {
        return (n + ALIGNMENT - 1) & -ALIGNMENT;
    }

    /** The largest frame a ring of this capacity accepts: a quarter of it, at most 64 KiB. */
    public static int maxFrame(int capacity) {
        return Math.min(capacity / 4, 64 * 1024) & -ALIGNMENT;
    }

    public static int type(int source, int code) {
        return TYPE_MARKER | (source & 0xFF) << 8 | (code & 0xFF);
    }

    /** The 16 run-id bytes as stored in the header: ASCII, cut or zero-padded. */
    public static byte[] runIdBytes(String runId) {
        return runIdBytes(runId, RUN_ID_BYTES);
    }

    private static byte[] runIdBytes(String text, int length) {
        byte[] out = new byte[length];
        byte[] ascii = text == null ? new byte[0] : text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(ascii, 0, out, 0, Math.min(ascii.length, length));
        return out;
    }

    /** The {@link #APP_BYTES} application-name bytes as stored in the header: ASCII, cut or zero-padded. */
    public static byte[] appBytes(String app) {
        return runIdBytes(app, APP_BYTES);
    }

    /** CRC32C of the application-name field, bytes [H_APP, H_APP + APP_BYTES) of the header. */
    public static int appCrc(ByteBuffer header) {
        CRC32C crc = new CRC32C();
        ByteBuffer b = header.duplicate();
        b.clear().position(H_APP).limit(H_APP + APP_BYTES);
        crc.update(b);
        return (int) crc.getValue();
    }

    /**
     * The application's name in a ring header ({@code header} holds at least
     * {@link #HEADER_LENGTH} bytes, little-endian): "" when the ring has none (written before
     * the field existed: all zeros), null when the field fails its checksum.
     */
    public static String appText(ByteBuffer header) {
        int stored = header.getInt(H_APP_CRC);
        boolean blank = stored == 0;
        for (int i = 0; blank && i < APP_BYTES; i++) {
            blank = header.get(H_APP + i) == 0;
        }
        if (blank) {
            return "";
        }
        if (appCrc(header) != stored) {
            return null;
        }
        StringBuilder b = new StringBuilder(APP_BYTES);
        for (int i = 0; i < APP_BYTES; i++) {
            byte c = header.get(H_APP + i);
            if (c == 0) {
                break;
            }
            b.append(c >= 0x20 && c < 0x7F ? (char) c : '_');
        }
        return b.toString();
    }

    /** CRC32C of the header's identifying part, bytes [0, H_CRC). */
    public static int headerCrc(ByteBuffer ring) {
        CRC32C crc = new CRC32C();
        ByteBuffer b = ring.duplicate();
        b.clear().position(0).limit(H_CRC);
        crc.update(b);
        return (int) crc.getValue();
    }

    /**
     * Checksum of the frame at {@code offset} (absolute in {@code ring}) of length {@code length}:
     * CRC32C over the run salt, then bytes [offset + 8, offset + length). {@code scratch} is a
     * duplicate of {@code ring} that this call may reposition.
     */
    static int frameCrc(CRC32C crc, byte[] salt, ByteBuffer scratch, int offset, int length) {
        crc.reset();
        crc.update(salt, 0, salt.length);
        scratch.limit(offset + length).position(offset + F_TYPE);
        crc.update(scratch);
        return (int) crc.getValue();
    }
}
