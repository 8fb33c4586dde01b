package dev.faultline;

import dev.faultline.internal.runtime.Shutdown;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The sites whose suppressed firings no report has announced yet, and the flush that
 * announces them: on demand ({@link Faultline#flushSuppressed()}) and at clean shutdown, in
 * {@link Shutdown#FLUSH} order so the notes reach the sinks before they are closed.
 *
 * <p>A site is queued by its first suppressed firing after a flush (a flag on the site keeps
 * it in the queue at most once), so the queue holds at most one entry per site and a storm
 * adds nothing to it after the first firing.
 */
final class Suppressions {
    private static final Queue<SiteState> PENDING = new ConcurrentLinkedQueue<>();

    static {
        Shutdown.add(Shutdown.FLUSH, "flush suppressed counts", Suppressions::flush);
        dev.faultline.internal.runtime.SiteDirectory.flush(Suppressions::flush);
    }

    private Suppressions() {}

    /** Queues {@code site}; its caller guarantees it is not queued already. */
    static void pending(SiteState site) {
        PENDING.add(site);
    }

    /**
     * Announces every queued site's unannounced suppressed firings as one NOTICE per site.
     * Only the sites queued when the flush starts are taken: a site that keeps firing queues
     * itself again and waits for the next flush, so a storm cannot keep a flush going.
     * Returns the number of firings announced.
     */
    static long flush() {
        long total = 0;
        for (int n = PENDING.size(); n > 0; n--) {
            SiteState site = PENDING.poll();
            if (site == null) {
                break;
            }
            total += site.flushSuppressed();
        }
        return total;
    }
}
