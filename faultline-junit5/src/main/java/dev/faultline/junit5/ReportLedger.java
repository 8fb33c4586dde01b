package dev.faultline.junit5;

import dev.faultline.Faultline;
import dev.faultline.report.Report;
import dev.faultline.report.ReportKind;
import dev.faultline.report.ReportListener;
import java.util.ArrayList;
import java.util.List;

/**
 * The one listener that attributes every report in the JVM to the test (or test class) that
 * was running when it came. Reports are process-wide, so attribution follows these rules, in
 * order:
 * <ol>
 *   <li>a report raised on the thread of a running test belongs to that test;</li>
 *   <li>else one raised on the thread of a running test class (its {@code @BeforeAll} and
 *       {@code @AfterAll}) belongs to that class;</li>
 *   <li>else, on a thread started while a test or test class was running on the starting
 *       thread (recorded by an inheritable thread-local when the thread was created): while that
 *       test still runs, that test only; after it ended, its test class (a thread the test left
 *       behind must not fail the test that happens to run now); a thread started under a class
 *       ({@code @BeforeAll}) belongs to that class's running tests, else to the class;</li>
 *   <li>else (a thread whose start nothing tells: started before any test, e.g. by a static
 *       initialiser) it belongs to <em>every</em> test running at that moment — blaming all of
 *       them is better than losing the report;</li>
 *   <li>else to the test class that started last and is still running;</li>
 *   <li>else it is kept and handed to the next test class that starts.</li>
 * </ol>
 * A {@link ReportKind#NOTICE} (a rate-limited print, or a flushed "N suppressed" count) is not a
 * failure: it carries no warning and is ignored. Neither is a {@link ReportKind#STALL}: the whole
 * JVM stood still (a GC pause, a loaded CI machine), which says nothing about the code a test
 * ran. A DEADLOCK, HUNG or LOCKUP is a failure like a warning: it is raised on Faultline's
 * checker thread about another thread, so it fails the test whose thread hung if there is one,
 * else every test running at that moment.
 */
final class ReportLedger implements ReportListener {
    private static final ReportLedger INSTANCE = new ReportLedger();

    private final Object lock = new Object();
    private final List<Window> tests = new ArrayList<>();
    private final List<Window> classes = new ArrayList<>();
    private final List<Report> orphans = new ArrayList<>();
    /**
     * The window a thread was started under: set on a test's (or class's) thread while it runs,
     * inherited by every thread created from it, read on the reporting thread. A pool thread
     * remembers the test that caused it to be created.
     */
    static final InheritableThreadLocal<Window> ORIGIN = new InheritableThreadLocal<>();
    private long orphanTotal;
    private boolean listening;

    private ReportLedger() {}

    /** The process-wide ledger, subscribed to Faultline on first use (and for the life of the JVM). */
    static ReportLedger get() {
        synchronized (INSTANCE.lock) {
            if (!INSTANCE.listening) {
                // Synchronous: a report is attributed to the test whose window is open on the raising
                // thread at that moment; on the printer thread it could arrive after that test ended.
                Faultline.addSynchronousListener(INSTANCE);
                INSTANCE.listening = true;
            }
        }
        return INSTANCE;
    }

    @Override
    public void onReport(Report r) {
        if (r.kind() == ReportKind.NOTICE || r.kind() == ReportKind.STALL) {
            return;
        }
        synchronized (lock) {
            Window own = onThread(tests, r.threadId());
            if (own == null) {
                own = onThread(classes, r.threadId());
            }
            Window origin = own == null ? origin(r) : null;
            if (own != null) {
                own.add(r);
            } else if (origin != null) {
                addByOrigin(origin, r);
            } else if (!tests.isEmpty()) {
                for (Window w : tests) {
                    w.add(r);
                }
            } else if (!classes.isEmpty()) {
                classes.get(classes.size() - 1).add(r);
            } else {
                orphanTotal++;
                if (orphans.size() < Window.MAX_KEPT) {
                    orphans.add(r);
                }
            }
        }
    }

    /** The window the reporting thread was started under, when this runs on that thread (listeners do). */
    private static Window origin(Report r) {
        Thread me = Thread.currentThread();
        return me.getId() == r.threadId() ? ORIGIN.get() : null;
    }

    /** Under the lock: attributes {@code r} by the window its thread was started under. */
    private void addByOrigin(Window origin, Report r) {
        if (tests.contains(origin)) {
            origin.add(r); // the test that started the thread is still running: it alone
            return;
        }
        Window cls = origin.parent == null ? origin : origin.parent;
        if (classes.contains(cls)) {
            boolean any = false;
            if (origin == cls) {
                // Started under the class (e.g. a pool made in @BeforeAll): its running tests use it.
                for (Window t : tests) {
                    if (t.parent == cls) {
                        t.add(r);
                        any = true;
                    }
                }
            }
            if (!any) {
                cls.add(r); // left behind by a test that ended: its class, never the test running now
            }
            return;
        }
        orphanTotal++; // its test class has ended too: handed to the next class, not lost
        if (orphans.size() < Window.MAX_KEPT) {
            orphans.add(r);
        }
    }

    private static Window onThread(List<Window> windows, long threadId) {
        for (int i = windows.size() - 1; i >= 0; i--) {
            if (windows.get(i).threadId == threadId) {
                return windows.get(i);
            }
        }
        return null;
    }

    /**
     * Opens a test's window. When no other test is running, the process state is reset first
     * (counters, taint, once-state) so tests do not leak into each other; while other tests run
     * in parallel it is left alone, because resetting would change their state under them.
     */
    Window openTest(String name, long threadId, List<Expectation> expectations, Window parent) {
        synchronized (lock) {
            if (tests.isEmpty()) {
                Faultline.resetForTests();
            }
            Window w = new Window(name, threadId, expectations, parent);
            tests.add(w);
            return w;
        }
    }

    /** Opens a test class's window; reports that came while nothing was running go to it. */
    Window openClass(String name, long threadId) {
        synchronized (lock) {
            Window w = new Window(name, threadId, List.of(), null);
            if (orphanTotal > 0) {
                w.inherit(orphans, orphanTotal);
                orphans.clear();
                orphanTotal = 0;
            }
            classes.add(w);
            return w;
        }
    }

    /** Closes a window: later reports are no longer attributed to it. Returns its failure, or null. */
    String close(Window w) {
        synchronized (lock) {
            tests.remove(w);
            classes.remove(w);
            return w.failure();
        }
    }
}
