package dev.faultline.cli;

/**
 * The exit statuses of every {@code faultline} command, one meaning each, so that a script can
 * tell "the evidence is damaged" from "you called it wrong" from "there was nothing to look at".
 */
final class ExitCodes {
    /** Everything asked for was done and found in order. */
    static final int OK = 0;
    /** Corrupt data found: a ring with a damaged header or a corrupt record, or a file that is not a ring
     *  (for {@code demo}: the tour did not go as it should). */
    static final int CORRUPT = 1;
    /** Usage error: an unknown command or option, a missing or invalid argument (picocli's own code). */
    static final int USAGE = 2;
    /** Nothing to read: the path does not exist, cannot be read, or holds no crash ring (for {@code agent}: no agent jar). */
    static final int NOTHING_TO_READ = 3;
    /** No such target: no process with that pid, or a process without a Faultline control socket (ps, status, sysctl, debug; agent needs only a JVM). */
    static final int NO_TARGET = 4;
    /** The target refused: another user's process, a control socket that is not the process's own, or a request that failed
     *  (for {@code agent}: attach refused, or the agent failed to load). */
    static final int REFUSED = 5;
    /** Timed out: the target did not answer in time (stopped or stuck), or a file could not be opened in time (a FIFO);
     *  for {@code agent}: no attach and load within its timeout. */
    static final int TIMED_OUT = 6;
    /** The command's own JVM panicked and halted with {@code faultline.panic_exit_code}, whose default this is: only
     *  {@code demo} fires checks in its own JVM (a warning panics it under {@code FAULTLINE_PANIC_ON_WARN=1}). No
     *  command returns it; the panic path halts the JVM with it. */
    static final int PANIC = 70;

    private ExitCodes() {}
}
