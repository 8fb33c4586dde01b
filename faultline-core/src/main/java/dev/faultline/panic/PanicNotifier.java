package dev.faultline.panic;

import dev.faultline.report.Report;

/**
 * Called once when the process panics, after the panic report is printed and before the sinks
 * (the crash ring) are forced (kernel {@code panic_notifier_list}). Use it to tell something
 * outside the process, or to stop work that must not run on into a dying process.
 *
 * <p>A notifier runs on a Faultline thread within its time budget; one that throws or
 * overruns is abandoned with one line and the next one runs.
 */
@FunctionalInterface
public interface PanicNotifier {
    /**
     * @param reason the panic's one-line reason
     * @param report the panic report (kind {@code BUG} or {@code PANIC})
     */
    void onPanic(String reason, Report report) throws Exception;
}
