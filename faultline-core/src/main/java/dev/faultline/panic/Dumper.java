package dev.faultline.panic;

/**
 * Saves crash evidence when the process panics, oopses, halts on purpose or shuts down
 * (kernel {@code kmsg_dump} dumpers). Register with {@link Panics#addDumper}.
 *
 * <p>A dumper runs on a Faultline thread, never on the failing one, within the time budget it
 * was registered with. If it throws, or overruns its budget, Faultline prints one line naming
 * it, abandons it (an overrunning dumper's thread is left behind, still running) and goes on
 * with the next dumper. A dumper may report warnings (they are printed, but during a panic
 * they never panic again); a panic raised inside a dumper fails that dumper with a
 * {@link dev.faultline.PanicError}.
 *
 * <p>Dumpers run when the process may be out of memory or deadlocked: take no lock another
 * thread could hold, allocate little, and do one thing.
 */
@FunctionalInterface
public interface Dumper {
    /**
     * Writes the evidence. Anything thrown is caught, printed on one line and counted as a
     * failed dump.
     */
    void dump(DumpContext context) throws Exception;
}
