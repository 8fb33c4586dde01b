package dev.faultline.internal.panic;

import dev.faultline.internal.runtime.RunPolicy;
import dev.faultline.internal.console.Console;
import dev.faultline.internal.runtime.Core;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The panic's console: everything the printer had not printed yet, then the panic's last lines,
 * written by the panic path itself within <em>one</em> deadline shared by the whole console
 * path ({@link #BUDGET_NANOS} from the flush). Through {@code System.err} while it works; once it
 * is known to be stuck (the printer has been inside one print for a second, or a write overran)
 * straight to file descriptor 2 at once, bypassing {@code System.err} and its lock. The crash
 * ring was written and forced before this runs, so a console that takes nothing loses nothing.
 *
 * <p>In test mode the process lives on: the printer keeps the console and the panic waits for
 * it (within the same budget) instead.
 */
final class PanicConsole {
    /** The whole panic console path, first flush to last line. */
    static final long BUDGET_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** How long the flush waits for the line the printer is printing right now. */
    private static final long TAKE_OVER_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** A line after the deadline still gets this long on file descriptor 2. */
    private static final long LATE_LINE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private static volatile boolean active;
    private static volatile boolean stuck;
    private static volatile long deadline;

    private PanicConsole() {}

    /** A new panic (test mode survives its panics) starts trusting the console again. */
    static void reset() {
        if (active) {
            Core.resumeConsole();
        }
        active = false;
        stuck = false;
    }

    /** True once the panic has taken the console over: lines are then written here, not queued. */
    static boolean active() {
        return active;
    }

    /** Takes the console over and writes whatever was not printed yet; starts the shared deadline. */
    static void flush(TimeBox box) {
        long now = System.nanoTime();
        deadline = now + BUDGET_NANOS;
        if (RunPolicy.process().testMode()) {
            Core.awaitPrinted(BUDGET_NANOS);
            return;
        }
        Core.PanicConsole pending = Core.takeOverConsole(TAKE_OVER_NANOS);
        active = true;
        stuck |= pending.stuck;
        write(box, pending.texts);
    }

    /** Writes {@code text} (newline-terminated) within what is left of the deadline. */
    static void line(TimeBox box, String text) {
        write(box, List.of(text));
    }

    private static void write(TimeBox box, List<String> texts) {
        if (texts.isEmpty()) {
            return;
        }
        WriteAll err = new WriteAll(texts, false);
        if (!stuck) {
            TimeBox.Job job = box.attempt(err, Math.max(0, deadline - System.nanoTime()));
            if (job == null) {
                err.run();
                return;
            }
            if (job.finished) {
                return;
            }
            // System.err is held or its pipe is full: say the rest on fd 2, now and for the rest of the panic.
            stuck = true;
        }
        WriteAll raw = new WriteAll(texts.subList(err.done, texts.size()), true);
        long left = Math.max(LATE_LINE_NANOS, deadline - System.nanoTime());
        if (box.attempt(raw, left) == null) {
            raw.run();
        }
    }

    /** Step: the texts in order, through System.err or straight to fd 2, counting those done. */
    static final class WriteAll implements TimeBox.Step {
        private final List<String> texts;
        private final boolean raw;
        volatile int done;

        WriteAll(List<String> texts, boolean raw) {
            this.texts = texts;
            this.raw = raw;
        }

        @Override
        public void run() {
            for (int i = done; i < texts.size(); i++) {
                if (raw) {
                    Console.raw(texts.get(i));
                } else {
                    Console.print(texts.get(i));
                }
                done = i + 1;
            }
        }
    }
}
