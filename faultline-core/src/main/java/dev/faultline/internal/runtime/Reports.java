package dev.faultline.internal.runtime;

import dev.faultline.internal.config.AppName;
import dev.faultline.internal.text.LenientFormat;
import dev.faultline.report.Report;
import dev.faultline.report.ReportKind;
import dev.faultline.report.Signature;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Building reports: each stamped with the process's next sequence number, its thread, now, the
 * process taint from before it, this run's pid, run id and application, and its signature. The
 * cold path of a firing: the only place a report is allocated.
 */
public final class Reports {
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private Reports() {}

    /** Builds a report stamped with the next sequence number, this thread, now and the stack. */
    public static Report newReport(ReportKind kind, String site, String message, String dump) {
        return newReport(kind, site, message, dump, null);
    }

    /** As {@link #newReport(ReportKind, String, String, String)}, for a check of debug domain {@code domain}. */
    public static Report newReport(ReportKind kind, String site, String message, String dump, String domain) {
        List<StackTraceElement> stack = StackCapture.capture();
        String location = stack.isEmpty() ? "" : stack.get(0).toString();
        Thread t = Thread.currentThread();
        return stamped(kind, site, location, message, t.getName(), t.getId(), stack, dump, domain);
    }

    /**
     * Builds a report for {@code thread} with a stack taken elsewhere (an exception's, or a
     * parked thread's), stamped with the next sequence number and now; the stack is cut to
     * {@link StackCapture#MAX_FRAMES} frames.
     */
    public static Report newReport(ReportKind kind, String site, String message, String dump, Thread thread,
                                   StackTraceElement[] frames) {
        return newReport(kind, site, message, dump, thread, frames, null, null);
    }

    /**
     * As {@link #newReport(ReportKind, String, String, String, Thread, StackTraceElement[])}, for
     * a report about a thread seen from outside (a hung or deadlocked one, whose innermost frames
     * are the JDK's lock code): {@code location} is the frame to name in the headline (null: the
     * innermost frame), and {@code signature} one computed by the caller (a report about several
     * threads, whose signature is not the rule over one stack; null: computed as usual).
     */
    public static Report newReport(ReportKind kind, String site, String message, String dump, Thread thread,
                                   StackTraceElement[] frames, StackTraceElement location, Signature signature) {
        int n = frames == null ? 0 : Math.min(frames.length, StackCapture.MAX_FRAMES);
        List<StackTraceElement> stack = n == 0 ? List.of() : List.of(frames).subList(0, n);
        String where = location != null ? location.toString() : stack.isEmpty() ? "" : stack.get(0).toString();
        return stamped(kind, site, where, message, thread == null ? "" : thread.getName(),
                thread == null ? -1 : thread.getId(), stack, dump, null, signature);
    }

    private static Report stamped(ReportKind kind, String site, String location, String message, String threadName,
                                  long threadId, List<StackTraceElement> stack, String dump, String domain) {
        return stamped(kind, site, location, message, threadName, threadId, stack, dump, domain, null);
    }

    private static Report stamped(ReportKind kind, String site, String location, String message, String threadName,
                                  long threadId, List<StackTraceElement> stack, String dump, String domain,
                                  Signature given) {
        return Report.builder(kind).sequence(SEQUENCE.incrementAndGet()).site(site).location(location)
                .message(message == null ? null : LenientFormat.bound(message)).thread(threadName, threadId)
                .time(Instant.now()).stack(stack).taints(Taints.taints()).process(Core.PID, Core.RUN_ID).app(AppName.current())
                .dump(dump).domain(domain).signature(given != null ? given : signature(kind, site, stack)).build();
    }

    /** The report's signature, or null (computed on first use) when the heap cannot spare it now. */
    private static Signature signature(ReportKind kind, String site, List<StackTraceElement> stack) {
        try {
            return Signature.of(kind, site, stack);
        } catch (Throwable e) {
            return null; // a full heap must not stop the report; Report.signature() tries again
        }
    }
}
