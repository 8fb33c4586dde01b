package dev.faultline.internal.threads;

/**
 * Makes Faultline's own threads. A thread inherits its starting thread's thread group and
 * context class loader; Faultline's threads live as long as the JVM, so in a container that
 * redeploys applications they would keep the first application's class loader (and with it
 * every class it loaded) alive for good, and a destroyed thread group could not even start
 * them. Every thread made here is therefore in the root ("system") thread group and has no
 * context class loader.
 */
public final class SystemThreads {
    private SystemThreads() {}

    /** The root of the thread-group tree. */
    public static ThreadGroup systemGroup() {
        ThreadGroup g = Thread.currentThread().getThreadGroup();
        while (g.getParent() != null) {
            g = g.getParent();
        }
        return g;
    }

    /** An unstarted daemon thread named {@code name} running {@code work}, holding nothing of the application. */
    public static Thread daemon(Runnable work, String name) {
        Thread t = new Thread(systemGroup(), work, name, 0);
        detach(t);
        t.setDaemon(true);
        return t;
    }

    /** Clears what {@code t} inherited from its starting thread that can pin the application: its context class loader. */
    public static void detach(Thread t) {
        t.setContextClassLoader(null);
    }
}
