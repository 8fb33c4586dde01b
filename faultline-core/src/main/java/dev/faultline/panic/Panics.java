package dev.faultline.panic;

import dev.faultline.Registration;
import dev.faultline.internal.panic.DumperTable;
import dev.faultline.internal.panic.OopsHandler;
import dev.faultline.internal.panic.Panic;
import java.time.Duration;
import java.util.List;

/**
 * Registers what runs when the process fails: dumpers (kernel {@code kmsg_dump}), panic
 * notifiers (kernel {@code panic_notifier_list}), and the oops handler.
 *
 * <p>A panic runs, in this order, on a thread started at boot (never on the failing thread):
 * the {@code BUG}/{@code PANIC} report, the notifiers, the sinks (crash ring) forced to disk,
 * then the dumpers: those named in {@code faultline.panic_dump_order} first, then
 * {@link DumperWeight#LIGHT light} ones, then {@link DumperWeight#HEAVY heavy} ones, each group
 * in registration order. Every notifier and dumper runs within its own time budget; one that
 * throws or overruns is abandoned with one line on the console and the next one runs. Then
 * the exit action of the {@link dev.faultline.Policy}. In test mode, where the panic throws
 * {@link dev.faultline.PanicError} and the process lives on, heavy dumpers are skipped.
 *
 * <pre>{@code
 * Panics.addDumper("orders-in-flight", DumpReason.OOPS, Duration.ofMillis(200), DumperWeight.LIGHT,
 *         ctx -> ctx.print("in flight: " + orders.snapshot()));
 * }</pre>
 */
public final class Panics {
    private Panics() {}

    /**
     * Registers a dumper that runs for every reason up to {@code maxReason} (see
     * {@link DumpReason}). Close the registration to remove it.
     *
     * @param name      unique, non-blank, without commas; names it in failure lines and in
     *                  {@code faultline.panic_dump_order}
     * @param budget    how long it may run before it is abandoned; positive
     * @throws IllegalArgumentException naming the dumper when an argument is null, the name is
     *                                  blank, contains a comma or is taken, or the budget is not positive
     */
    public static Registration addDumper(String name, DumpReason maxReason, Duration budget, DumperWeight weight,
                                         Dumper dumper) {
        return DumperTable.addDumper(name, maxReason, budget, weight, dumper);
    }

    /**
     * Registers a panic notifier, called after the panic report and before the sinks are
     * forced, within {@code budget}. Same argument rules as {@link #addDumper}.
     */
    public static Registration addNotifier(String name, Duration budget, PanicNotifier notifier) {
        return DumperTable.addNotifier(name, budget, notifier);
    }

    /** Names of the registered dumpers (built-in ones included), in registration order. */
    public static List<String> dumperNames() {
        return DumperTable.names();
    }

    /**
     * Installs the oops handler as the default uncaught-exception handler (what
     * {@code faultline.oops_handler=1} does at boot). A thread dying of an uncaught exception
     * then gets an {@code OOPS} report with the exception's stack, taints the process {@code D},
     * counts towards {@code oops_limit}, runs the dumpers that want {@link DumpReason#OOPS}, and
     * panics if {@code panic_on_oops} (or, for an {@link OutOfMemoryError},
     * {@code panic_on_oom}) says so; then the handler it replaced is called. Installing twice
     * keeps the first. Closing the registration restores the replaced handler, unless another
     * handler has been installed meanwhile.
     */
    public static Registration installOopsHandler() {
        return OopsHandler.install();
    }

    /**
     * Halts the process on purpose, saving the evidence first (kernel {@code emergency_restart}):
     * forces the sinks, runs the dumpers that want {@link DumpReason#EMERG}, and halts with the
     * panic exit code without running shutdown hooks or waiting for {@code panic_timeout}. If a
     * panic is already in progress the caller parks instead. In test mode it throws
     * {@link dev.faultline.PanicError} instead of halting.
     */
    public static void emergencyRestart(String reason) {
        Panic.emergency(reason == null || reason.isEmpty() ? "emergency restart" : reason);
    }
}
