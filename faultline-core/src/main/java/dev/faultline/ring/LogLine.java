package dev.faultline.ring;

/**
 * One application log line on its way into the crash ring ({@link CrashRing#append(LogLine)}):
 * level, logger, thread, time, the formatted message, a bounded list of key-value pairs (MDC,
 * SLF4J key-values, Log4j2 context data) and an optional throwable.
 *
 * <p>Mutable and reused, so that a logging bridge allocates nothing per line in the steady
 * state: keep one per thread (a {@code ThreadLocal}), {@link #reset()} it, fill it, append it.
 * {@code append} reads it completely before returning and keeps no reference to it or to
 * anything it holds. Not safe for use by two threads at once.
 *
 * <p>Bounds: at most {@link #MAX_KEY_VALUES} pairs are kept (later ones are counted in
 * {@link #droppedKeyValues()} and the count is recorded); a key or value is cut to
 * {@link #MAX_KEY_VALUE_CHARS} characters, a logger or thread name as described in
 * {@link RingFormat#MAX_NAME_BYTES}; the throwable is summarised as described in
 * {@link LogLineFormat}. Null arguments are recorded as empty, never thrown on.
 */
public final class LogLine {
    /** Key-value pairs kept per line; further pairs are counted, not kept. */
    public static final int MAX_KEY_VALUES = 16;
    /** A key or a value longer than this many characters is cut. */
    public static final int MAX_KEY_VALUE_CHARS = 256;

    private System.Logger.Level level = System.Logger.Level.INFO;
    private String logger = "";
    private String threadName = "";
    private long threadId;
    private long timeMillis;
    private CharSequence message = "";
    private final String[] keys = new String[MAX_KEY_VALUES];
    private final CharSequence[] values = new CharSequence[MAX_KEY_VALUES];
    private int keyValueCount;
    private int droppedKeyValues;
    private Throwable throwable;

    /**
     * Clears every field: level {@code INFO}, empty logger and message, the calling thread's
     * name and id, the current time, no pairs, no throwable. Returns this line.
     */
    public LogLine reset() {
        Thread t = Thread.currentThread();
        level = System.Logger.Level.INFO;
        logger = "";
        threadName = t.getName();
        threadId = t.getId();
        timeMillis = System.currentTimeMillis();
        message = "";
        for (int i = 0; i < keyValueCount; i++) {
            keys[i] = null;
            values[i] = null;
        }
        keyValueCount = 0;
        droppedKeyValues = 0;
        throwable = null;
        return this;
    }

    /** Severity; null means {@code INFO}. */
    public LogLine level(System.Logger.Level level) {
        this.level = level == null ? System.Logger.Level.INFO : level;
        return this;
    }

    /** Logger name; null means empty. */
    public LogLine logger(String logger) {
        this.logger = logger == null ? "" : logger;
        return this;
    }

    /**
     * The thread that logged the line (a bridge that appends on another thread passes the
     * event's thread here); null name means empty, id 0 means unknown.
     */
    public LogLine thread(String name, long id) {
        this.threadName = name == null ? "" : name;
        this.threadId = id;
        return this;
    }

    /** When the line was logged, epoch milliseconds. */
    public LogLine time(long epochMillis) {
        this.timeMillis = epochMillis;
        return this;
    }

    /**
     * The formatted message; read with {@link CharSequence#charAt(int)} during {@code append},
     * never copied (a reused {@code StringBuilder} is fine). Null means empty.
     */
    public LogLine message(CharSequence message) {
        this.message = message == null ? "" : message;
        return this;
    }

    /**
     * Adds one pair (read during {@code append}, never copied here); once
     * {@link #MAX_KEY_VALUES} pairs are held, further pairs are only counted. A null key is
     * ignored; a null value is recorded as {@code null}.
     */
    public LogLine keyValue(String key, CharSequence value) {
        if (key == null) {
            return this;
        }
        if (keyValueCount == MAX_KEY_VALUES) {
            droppedKeyValues++;
            return this;
        }
        keys[keyValueCount] = key;
        values[keyValueCount] = value == null ? "null" : value;
        keyValueCount++;
        return this;
    }

    /** The throwable logged with the line, or null. */
    public LogLine throwable(Throwable throwable) {
        this.throwable = throwable;
        return this;
    }

    public System.Logger.Level level() { return level; }

    public String logger() { return logger; }

    public String threadName() { return threadName; }

    public long threadId() { return threadId; }

    public long timeMillis() { return timeMillis; }

    public CharSequence message() { return message; }

    /** Pairs held, at most {@link #MAX_KEY_VALUES}. */
    public int keyValueCount() { return keyValueCount; }

    /** The key of pair {@code i}, 0 &lt;= i &lt; {@link #keyValueCount()}. */
    public String key(int i) { return keys[i]; }

    /** The value of pair {@code i}, 0 &lt;= i &lt; {@link #keyValueCount()}. */
    public CharSequence value(int i) { return values[i]; }

    /** Pairs offered past {@link #MAX_KEY_VALUES} and not kept. */
    public int droppedKeyValues() { return droppedKeyValues; }

    public Throwable throwable() { return throwable; }
}
