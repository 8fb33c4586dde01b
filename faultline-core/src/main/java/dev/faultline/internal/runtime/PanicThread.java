package dev.faultline.internal.runtime;

import dev.faultline.internal.threads.SystemThreads;

/**
 * A thread Faultline starts for the failure paths: the panic thread, and the workers that run
 * panic steps and dumpers under a time budget. While a panic is in progress only the panic's
 * own threads, and the thread that owns the panic, may still write reports; every other
 * reporting thread is parked so it cannot write over the evidence.
 */
public final class PanicThread extends Thread {
    private final boolean panicPath;

    /**
     * @param panicPath true for the panic thread and the panic's step workers; false for the
     *                  oops and shutdown dump workers, which park like any other thread while a
     *                  panic is in progress
     */
    public PanicThread(Runnable work, String name, boolean panicPath) {
        super(SystemThreads.systemGroup(), work, name, 0);
        SystemThreads.detach(this); // lives as long as the JVM: must not pin the application's loader
        this.panicPath = panicPath;
        setDaemon(true);
    }

    /** True when this thread may keep reporting while a panic is in progress. */
    public boolean onPanicPath() {
        return panicPath;
    }
}
