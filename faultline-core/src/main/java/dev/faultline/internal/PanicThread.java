package dev.faultline.internal;

/**
 * A thread that belongs to the panic path (the panic thread and the threads that run panic
 * steps and dumpers). While a panic is in progress only these threads, and the thread that
 * owns the panic, may still write reports; every other reporting thread is parked so it
 * cannot write over the evidence.
 */
public final class PanicThread extends Thread {
    PanicThread(Runnable work, String name) {
        super(null, work, name, 0);
        setDaemon(true);
    }
}
