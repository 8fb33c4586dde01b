package dev.faultline.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Objects that try to break a dump: a {@code toString()} that throws, returns null, recurses,
 * sleeps or waits for a lock another thread holds; iterators that block; snapshots that throw.
 * A dump of any of them returns, says what happened, and never throws.
 *
 * <p>User classes are read by reflection, so their {@code toString()} is never called; it is
 * called for JDK types reflection cannot open ({@code Optional}, {@code AtomicReference}, …),
 * which is how a hostile {@code toString()} reaches a dump in practice.
 */
class HostileObjectsTest {
    static final Duration BOUND = Duration.ofSeconds(20);

    static Object toStringThat(java.util.function.Supplier<String> body) {
        return new Object() {
            @Override
            public String toString() {
                return body.get();
            }
        };
    }

    @Test
    void aToStringThatThrowsIsShownAsThrew() {
        Object hostile = toStringThat(() -> {
            throw new IllegalStateException("boom");
        });
        String text = Snapshots.dump(Optional.of(hostile)).text();
        assertTrue(text.matches("java\\.util\\.Optional@[0-9a-f]+ <toString\\(\\) threw java\\.lang\\.IllegalStateException>"), text);
    }

    @Test
    void aToStringThatThrowsAnErrorIsShownToo() {
        Object hostile = toStringThat(() -> {
            throw new OutOfMemoryError("pretend");
        });
        String text = Snapshots.dump(new AtomicReference<>(hostile)).text();
        assertTrue(text.endsWith("<toString() threw java.lang.OutOfMemoryError>"), text);
    }

    @Test
    void aToStringThatReturnsNullIsShownAsNull() {
        Holder h = new Holder(new Throwable() {
            private static final long serialVersionUID = 1L;

            @Override
            public String toString() {
                return null;
            }
        });
        String text = Snapshots.dump(h).text();
        assertTrue(text.contains("value=") && text.contains("<toString() returned null>"), text);
    }

    @Test
    void aToStringThatRecursesForeverIsShownAsStackOverflow() {
        AtomicReference<Object> self = new AtomicReference<>();
        self.set(toStringThat(() -> "me: " + self));
        // Running out of stack takes a while on a loaded machine; this is about what is shown.
        DumpLimits patient = DumpLimits.DEFAULTS.withCallTimeout(Duration.ofSeconds(30)).withTotalTimeout(Duration.ofSeconds(60));
        String text = Snapshots.dump(self, patient).text();
        assertTrue(text.endsWith("<toString() threw java.lang.StackOverflowError>"), text);
    }

    @Test
    void aToStringThatSleepsCostsTheDumpOnlyTheCallTimeout() {
        Object sleeper = toStringThat(() -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "woke";
        });
        String text = assertTimeoutPreemptively(BOUND, () -> Snapshots.dump(Optional.of(sleeper)).text());
        assertTrue(text.endsWith("<toString() timed out after 50 ms>"), text);
    }

    @Test
    void aToStringThatWaitsForALockAnotherThreadHoldsNeverDeadlocksTheDump() throws Exception {
        Object lock = new Object();
        Object waiter = toStringThat(() -> {
            synchronized (lock) {
                return "got the lock";
            }
        });
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread owner = new Thread(() -> {
            synchronized (lock) {
                held.countDown();
                awaitQuietly(release);
            }
        }, "lock-owner");
        owner.start();
        try {
            assertTrue(held.await(10, TimeUnit.SECONDS));
            String text = assertTimeoutPreemptively(BOUND, () -> Snapshots.dump(new AtomicReference<>(waiter)).text());
            assertTrue(text.endsWith("<toString() timed out after 50 ms>"), text);
        } finally {
            release.countDown();
            owner.join(10_000);
        }
        // Once the lock is free, the same object dumps normally.
        assertTrue(Snapshots.dump(new AtomicReference<>(waiter)).text().endsWith("toString \"got the lock\""));
    }

    /** A class whose methods synchronize: the dump reads its fields and never asks for its monitor. */
    static final class Ledger {
        private long balance = -5;

        synchronized long balance() {
            return balance;
        }

        @Override
        public synchronized String toString() {
            return "Ledger[" + balance + "]";
        }
    }

    @Test
    void anObjectWhoseMonitorAnotherThreadHoldsIsDumpedWithoutWaiting() throws Exception {
        Ledger ledger = new Ledger();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread owner = new Thread(() -> {
            synchronized (ledger) {
                held.countDown();
                awaitQuietly(release);
            }
        }, "ledger-owner");
        owner.start();
        try {
            assertTrue(held.await(10, TimeUnit.SECONDS));
            Snapshot s = assertTimeoutPreemptively(BOUND, () -> Snapshots.dump(ledger));
            assertTrue(s.text().endsWith("Ledger@" + Integer.toHexString(System.identityHashCode(ledger)) + "{balance=-5}"),
                    s.text());
            assertTrue(s.faithful());
        } finally {
            release.countDown();
            owner.join(10_000);
        }
    }

    @Test
    void aSynchronizedCollectionWhoseLockIsHeldIsNotWaitedFor() throws Exception {
        List<String> shared = Collections.synchronizedList(new ArrayList<>(List.of("a", "b")));
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread owner = new Thread(() -> {
            synchronized (shared) {
                held.countDown();
                awaitQuietly(release);
            }
        }, "list-owner");
        owner.start();
        try {
            assertTrue(held.await(10, TimeUnit.SECONDS));
            String text = assertTimeoutPreemptively(BOUND, () -> Snapshots.dump(shared).text());
            assertTrue(text.endsWith("<elements not read: timed out after 50 ms>"), text);
        } finally {
            release.countDown();
            owner.join(10_000);
        }
        assertTrue(Snapshots.dump(shared).text().endsWith("(size 2)[\"a\", \"b\"]"));
    }

    @Test
    void whenEveryDumpThreadIsStuckFurtherCallsAreNotMadeAndTheDumpStillReturns() throws Exception {
        Object lock = new Object();
        List<Object> waiters = new ArrayList<>();
        for (int i = 0; i < GuardedCalls.THREADS + 4; i++) {
            int n = i;
            waiters.add(new AtomicReference<>(toStringThat(() -> {
                synchronized (lock) {
                    return "waiter " + n;
                }
            })));
        }
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread owner = new Thread(() -> {
            synchronized (lock) {
                held.countDown();
                awaitQuietly(release);
            }
        }, "lock-owner");
        owner.start();
        DumpLimits limits = DumpLimits.DEFAULTS.withMaxElements(100).withTotalTimeout(Duration.ofSeconds(30));
        try {
            assertTrue(held.await(10, TimeUnit.SECONDS));
            String text = assertTimeoutPreemptively(BOUND, () -> Snapshots.dump(waiters, limits).text());
            assertTrue(text.contains("<toString() timed out after 50 ms>"), text);
            assertTrue(text.contains("<toString() not called: all " + GuardedCalls.THREADS + " dump threads are busy>"), text);
        } finally {
            release.countDown();
            owner.join(10_000);
        }
    }

    @Test
    void theDumpTimeBudgetStopsFurtherCalls() {
        List<Object> sleepers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            sleepers.add(Optional.of(toStringThat(() -> {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "woke";
            })));
        }
        DumpLimits limits = DumpLimits.DEFAULTS.withCallTimeout(Duration.ofMillis(40)).withTotalTimeout(Duration.ofMillis(100));
        String text = assertTimeoutPreemptively(BOUND, () -> Snapshots.dump(sleepers, limits).text());
        assertTrue(text.contains("<toString() not called: the dump's time budget is spent>"), text);
    }

    @Test
    void aForeignCollectionWhoseIteratorThrowsIsShownNotThrown() {
        List<String> broken = new AbstractList<>() {
            @Override
            public String get(int index) {
                throw new IndexOutOfBoundsException("always");
            }

            @Override
            public int size() {
                return 3;
            }
        };
        Snapshot s = Snapshots.dump(broken);
        // AbstractList's iterator turns the IndexOutOfBoundsException into NoSuchElementException.
        assertTrue(s.text().endsWith("<elements not read: threw java.util.NoSuchElementException>"), s.text());
        assertTrue(s.faithful(), "a collection that always throws is broken, not changing");
    }

    @Test
    void aSnapshotThatThrowsFallsBackToReflection() {
        Snapshot s = Snapshots.dump(new FailingSnapshot());
        assertTrue(s.text().matches("\\(snapshot\\(\\) threw java\\.lang\\.IllegalStateException\\) "
                + "dev\\.faultline\\.dump\\.HostileObjectsTest\\$FailingSnapshot@[0-9a-f]+\\{balance=7\\}"), s.text());
        assertTrue(s.faithful());
    }

    @Test
    void aSnapshotReturningItselfOrNullIsHandled() {
        Snapshottable self = new Snapshottable() {
            final int x = 3;

            @Override
            public Object snapshot() {
                return this;
            }
        };
        assertTrue(Snapshots.dump(self).text().endsWith("{x=3}"), Snapshots.dump(self).text());
        assertTrue(Snapshots.dump((Snapshottable) () -> null).text().endsWith(" snapshot null"));
    }

    @Test
    void anOptInSnapshotIsTakenOnceAndFormattedInsteadOfTheObject() {
        AtomicInteger calls = new AtomicInteger();
        Account account = new Account(calls);
        Snapshot s = Snapshots.dump(account);
        assertEquals(1, calls.get(), "one snapshot() call per dump");
        assertTrue(s.faithful());
        assertTrue(s.text().matches("dev\\.faultline\\.dump\\.HostileObjectsTest\\$Account@[0-9a-f]+ snapshot "
                + "dev\\.faultline\\.dump\\.HostileObjectsTest\\$Account\\$State@[0-9a-f]+\\{balance=100, reserved=20\\}"),
                s.text());
    }

    @Test
    void anEnumWithAHostileToStringIsShownByName() {
        assertEquals("LOUD", Snapshots.dump(Mood.LOUD).text());
    }

    @Test
    void aDumpStartedOnAnInterruptedThreadDoesNotSwallowTheInterrupt() {
        Object sleeper = toStringThat(() -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "woke";
        });
        Thread.currentThread().interrupt();
        try {
            String text = Snapshots.dump(Optional.of(sleeper)).text();
            assertTrue(text.endsWith("<toString() not finished: the dumping thread was interrupted>"), text);
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aDumpStartedFromInsideADumpMakesNoGuardedCallsOfItsOwn() {
        Optional<String> deeper = Optional.of("deeper");
        Object dumpsItself = toStringThat(() -> "inner: " + Snapshots.dump(deeper).raw());
        Snapshot s = Snapshots.dump(Optional.of(dumpsItself));
        String text = s.text();
        assertTrue(s.faithful(), text);
        assertTrue(text.matches("java\\.util\\.Optional@[0-9a-f]+ toString \"Optional\\[inner: java\\.util\\.Optional@[0-9a-f]+"
                + " <toString\\(\\) not called: dump started inside a dump>\\]\""), text);
    }

    enum Mood {
        LOUD {
            @Override
            public String toString() {
                throw new IllegalStateException("enum toString");
            }
        }
    }

    static final class Holder {
        final Object value;

        Holder(Object value) {
            this.value = value;
        }
    }

    static final class FailingSnapshot implements Snapshottable {
        final int balance = 7;

        @Override
        public Object snapshot() {
            throw new IllegalStateException("cannot snapshot");
        }
    }

    static final class Account implements Snapshottable {
        record State(long balance, long reserved) {}

        private final AtomicInteger calls;
        private long balance = 100;
        private long reserved = 20;

        Account(AtomicInteger calls) {
            this.calls = calls;
        }

        @Override
        public synchronized State snapshot() {
            calls.incrementAndGet();
            return new State(balance, reserved);
        }
    }

    static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
