package dev.faultline.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Sites for the convenience form ({@code Faultline.warnOn(...)} without a handle), keyed by the
 * calling source line. Memory is bounded: past {@link #MAX_SITES} distinct callers, every new
 * caller shares one overflow site, and the number of such callers is counted.
 *
 * @param <S> the site type (kept generic so this class needs no access to the public API)
 */
public final class CallerSites<S> {
    /** Distinct caller sites remembered before the overflow site takes over. */
    public static final int MAX_SITES = 4096;
    /** Name of the shared overflow site. */
    public static final String OVERFLOW = "<overflow: too many distinct call sites>";

    private static final StackWalker WALKER = StackWalker.getInstance();

    private final ConcurrentHashMap<String, S> sites = new ConcurrentHashMap<>();
    private final AtomicLong overflowed = new AtomicLong();
    private final Function<String, S> factory;
    private final S overflow;

    public CallerSites(Function<String, S> factory) {
        this.factory = factory;
        this.overflow = factory.apply(OVERFLOW);
    }

    /** The site of the first caller outside Faultline's machinery. Cold path only. */
    public S forCaller() {
        String key = WALKER.walk(frames -> frames
                .filter(f -> !StackCapture.isMachinery(f.getClassName()))
                .findFirst()
                .map(f -> f.getClassName() + "." + f.getMethodName() + ":" + f.getLineNumber())
                .orElse("<unknown caller>"));
        S site = sites.get(key);
        if (site != null) {
            return site;
        }
        if (sites.size() >= MAX_SITES) {
            overflowed.incrementAndGet();
            return overflow;
        }
        return sites.computeIfAbsent(key, factory);
    }

    /** How many firings went to the overflow site because the table was full. */
    public long overflowed() {
        return overflowed.get();
    }

    public int size() {
        return sites.size();
    }
}
