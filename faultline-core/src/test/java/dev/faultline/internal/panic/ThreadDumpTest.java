package dev.faultline.internal.panic;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/** The built-in thread dump reads like jstack's: states, held monitors and synchronizers, deadlocks. */
class ThreadDumpTest {
    @Test
    void aMonitorDeadlockIsFoundAndLocksAreShown() throws Exception {
        Object a = new Object();
        Object b = new Object();
        CountDownLatch both = new CountDownLatch(2);
        Thread t1 = new Thread(() -> lockBoth(a, b, both), "dl-one");
        Thread t2 = new Thread(() -> lockBoth(b, a, both), "dl-two");
        t1.setDaemon(true);
        t2.setDaemon(true);
        t1.start();
        t2.start();
        ReentrantLock held = new ReentrantLock();
        held.lock();
        try {
            String dump = "";
            for (int i = 0; i < 200 && !dump.contains("Found one Java-level deadlock"); i++) {
                Thread.sleep(20);
                dump = ThreadDump.render("test");
            }
            assertTrue(dump.startsWith("Full thread dump (Faultline, test):\n"), dump);
            assertTrue(dump.contains("Found one Java-level deadlock:\n"), dump);
            assertTrue(dump.contains("\"dl-one\" #" + t1.getId() + " daemon prio=5 waiting for monitor entry\n"
                    + "   java.lang.Thread.State: BLOCKED (on object monitor)\n"), dump);
            assertTrue(dump.contains("\t- waiting to lock <0x"), dump);
            assertTrue(dump.contains("\t- locked <0x"), dump);
            assertTrue(dump.contains("(a java.util.concurrent.locks.ReentrantLock$NonfairSync)"), dump);
            assertTrue(dump.contains("Found 1 deadlock."), dump);
        } finally {
            held.unlock();
        }
    }

    private static void lockBoth(Object first, Object second, CountDownLatch both) {
        synchronized (first) {
            both.countDown();
            try {
                both.await();
            } catch (InterruptedException e) {
                return;
            }
            synchronized (second) {
                both.countDown();
            }
        }
    }
}
