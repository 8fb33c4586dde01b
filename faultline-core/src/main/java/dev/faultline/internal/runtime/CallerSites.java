package dev.faultline.internal.runtime;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Sites for the convenience form ({@code Faultline.warnOn(...)} without a handle), keyed by the
 * calling source line. Memory is bounded: at most {@link #MAX_SITES} distinct callers get a
 * site of their own, a hard limit even under concurrent first firings; every later caller
 * shares one overflow site, and each firing sent there is counted ({@link #overflowed()}).
 * Messages are not part of the key, so distinct messages never add sites.
 *
 * @param <S> the site type (kept generic so this class needs no access to the public API)
 */
public final class CallerSites<S> {
    /** Distinct caller sites remembered before the overflow site takes over. */
    public static final int MAX_SITES = 4096;
    /** Name of the shared overflow site. */
    public static final String OVERFLOW = "<overflow: too many distinct call sites>";

    private final ConcurrentHashMap<String, S> sites = new ConcurrentHashMap<>();
    /** Places taken in {@link #sites}, reserved before inserting so the bound is never passed. */
    private final AtomicInteger taken = new AtomicInteger();
    private final AtomicLong overflowed = new AtomicLong();
    private final Function<String, S> factory;
    private final S overflow;
    private final int maxSites;

    public CallerSites(Function<String, S> factory) {
        this(factory, factory);
    }

    /** {@code overflowFactory} makes the one shared overflow site (e.g. a rate-limited one). */
    public CallerSites(Function<String, S> factory, Function<String, S> overflowFactory) {
        this(factory, overflowFactory, MAX_SITES);
    }

    /** With a smaller bound, for tests of the overflow behaviour. */
    CallerSites(Function<String, S> factory, Function<String, S> overflowFactory, int maxSites) {
        this.factory = factory;
        this.overflow = overflowFactory.apply(OVERFLOW);
        this.maxSites = maxSites;
    }

    /**
     * The site of the first caller outside Faultline's machinery. Cold path only.
     *
     * <p>Why a {@link Throwable}'s stack and plain loops, not a {@link StackWalker} stream: this
     * runs where a check fires, which may be the bottom of a stack overflow. A stream pipeline
     * or a lambda is linked and its JDK classes initialised on first use; a stack overflow
     * during that initialisation surfaces as {@code InternalError} or
     * {@code BootstrapMethodError} rather than {@link StackOverflowError} and leaves the JDK
     * class (e.g. {@code java.util.stream.FindOps$FindSink$OfRef}) failed-to-initialise for the
     * rest of the process, breaking the application's own streams. Capturing a stack uses only
     * classes that are initialised at boot, so the worst a deep stack can do here is throw
     * {@link StackOverflowError}, which leaves nothing broken.
     */
    public S forCaller() {
        return forKey(callerKey(new Throwable().getStackTrace()));
    }

    /** {@code class.method:line} of the first frame outside the machinery, or {@code <unknown caller>}. */
    static String callerKey(StackTraceElement[] frames) {
        for (StackTraceElement f : frames) {
            if (!StackCapture.isMachinery(f.getClassName())) {
                return f.getClassName() + "." + f.getMethodName() + ":" + f.getLineNumber();
            }
        }
        return "<unknown caller>";
    }

    /**
     * The class part of a caller key ({@code com.acme.Pool.alloc:42} → {@code com.acme.Pool}),
     * or {@code "?"} for a key that has none: the declaring class of a caller site.
     */
    public static String ownerClass(String callerKey) {
        int colon = callerKey.indexOf(':');
        int dot = callerKey.lastIndexOf('.', colon < 0 ? callerKey.length() : colon);
        return dot > 0 ? callerKey.substring(0, dot) : "?";
    }

    /** The site for {@code key}: its own while places remain, else the overflow site. */
    S forKey(String key) {
        S site = sites.get(key);
        if (site != null) {
            return site;
        }
        if (!reserve()) {
            overflowed.incrementAndGet();
            return overflow;
        }
        // No computeIfAbsent: its lambda would be linked here on first use (see forCaller).
        S made;
        try {
            made = factory.apply(key);
        } catch (Throwable e) {
            taken.decrementAndGet(); // nothing was added: give the place back
            throw e;
        }
        S raced = sites.putIfAbsent(key, made);
        if (raced != null) {
            taken.decrementAndGet(); // another thread made it first: give the place back
            return raced;
        }
        return made;
    }

    private boolean reserve() {
        for (;;) {
            int n = taken.get();
            if (n >= maxSites) {
                return false;
            }
            if (taken.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** How many firings went to the overflow site because the table was full. */
    public long overflowed() {
        return overflowed.get();
    }

    /** The shared overflow site. */
    public S overflowSite() {
        return overflow;
    }

    public int size() {
        return sites.size();
    }
}
