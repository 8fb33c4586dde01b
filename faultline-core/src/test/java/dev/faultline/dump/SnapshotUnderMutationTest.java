package dev.faultline.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A writer thread mutates an object while dumps run. A dump marked faithful must show a state
 * the object really had; a dump that could not get one must say so and name what moved.
 */
class SnapshotUnderMutationTest {
    private static final Pattern PAIR = Pattern.compile("Pair@[0-9a-f]+\\{a=(\\d+), b=(\\d+)\\}");

    /**
     * The writer keeps {@code a == b}, writing {@code a} first and then {@code b}. So the only
     * states the object ever has are {@code a == b} and, between the two stores,
     * {@code a == b + 1}. A dump formatted from a single pass of reads can show any mix —
     * {@code b > a}, {@code a > b + 1} — which never existed.
     */
    static final class Pair {
        volatile long a;
        volatile long b;
    }

    /** The same pair one level down, so nested objects are held to the same rule. */
    static final class Holder {
        final String name = "holder";
        final Pair pair = new Pair();
    }

    private static Thread writer(Pair p, AtomicBoolean stop, boolean pauses) {
        Thread t = new Thread(() -> {
            long n = 0;
            while (!stop.get()) {
                n++;
                p.a = n;
                p.b = n;
                if (pauses) {
                    // Pauses let a dump see the object still between updates, as most dumps in
                    // production do; without them almost no dump could settle.
                    for (int i = ThreadLocalRandom.current().nextInt(200); i > 0; i--) {
                        Thread.onSpinWait();
                    }
                }
            }
        }, "pair-writer");
        t.setDaemon(true);
        return t;
    }

    private static long[] pair(String text) {
        Matcher m = PAIR.matcher(text);
        if (!m.find()) {
            fail("no pair in dump: " + text);
        }
        return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
    }

    private static boolean aStateThePairHad(long[] ab) {
        return ab[0] == ab[1] || ab[0] == ab[1] + 1;
    }

    @Test
    void everyFaithfulDumpShowsAStateTheObjectActuallyHad() throws Exception {
        Holder h = new Holder();
        AtomicBoolean stop = new AtomicBoolean();
        Thread w = writer(h.pair, stop, true);
        w.start();
        int faithful = 0;
        int equal = 0;
        int notFaithful = 0;
        try {
            long end = System.nanoTime() + 1_500_000_000L;
            while (System.nanoTime() < end) {
                for (Object target : new Object[] {h.pair, h}) {
                    Snapshot s = Snapshots.dump(target);
                    long[] ab = pair(s.text());
                    if (s.faithful()) {
                        faithful++;
                        if (!aStateThePairHad(ab)) {
                            fail("faithful dump shows a state the object never had: " + s.text());
                        }
                        if (ab[0] == ab[1]) {
                            equal++;
                        }
                    } else {
                        notFaithful++;
                        assertTrue(s.text().startsWith("[not faithful: "), s.text());
                        for (String f : s.movedFields()) {
                            assertTrue(List.of("a", "b", "pair.a", "pair.b").contains(f), "moved " + f + " in " + s.text());
                        }
                    }
                }
            }
        } finally {
            stop.set(true);
            w.join(10_000);
        }
        System.out.println("pair under mutation: " + faithful + " faithful dumps (" + equal + " with a == b), "
                + notFaithful + " not faithful");
        assertTrue(faithful > 0, "no dump settled: faithful " + faithful + ", not faithful " + notFaithful);
        assertTrue(equal > 0, "no faithful dump caught the pair between updates: " + faithful);
    }

    @Test
    void aDumpThatCannotSettleSaysSoAndNamesWhatMoved() throws Exception {
        Pair p = new Pair();
        AtomicBoolean stop = new AtomicBoolean();
        Thread w = writer(p, stop, false);
        w.start();
        // No retries: one comparison, so any write between the two reads is caught. Whether the
        // writer runs between two reads depends on scheduling, so give it many dumps and time.
        DumpLimits once = DumpLimits.DEFAULTS.withRetries(0);
        List<Snapshot> moved = new ArrayList<>();
        try {
            long end = System.nanoTime() + 10_000_000_000L;
            while (moved.size() < 5 && System.nanoTime() < end) {
                Snapshot s = Snapshots.dump(p, once);
                if (!s.faithful()) {
                    moved.add(s);
                } else {
                    assertTrue(aStateThePairHad(pair(s.text())), s.text());
                }
            }
        } finally {
            stop.set(true);
            w.join(10_000);
        }
        System.out.println("flat-out writer: " + moved.size() + " dumps marked not faithful, e.g. " + (moved.isEmpty() ? "-" : moved.get(0).text()));
        assertTrue(!moved.isEmpty(), "a writer running flat out never moved a field between two reads");
        for (Snapshot s : moved) {
            assertTrue(s.text().matches("\\[not faithful: [ab](, [ab])? kept changing\\] .*Pair@.*"), s.text());
            assertTrue(!s.movedFields().isEmpty() && List.of("a", "b").containsAll(s.movedFields()), s.movedFields().toString());
        }
    }

    /**
     * The writer keeps the list equal to {@code [0, 1, …, size-1]} under its own lock, which the
     * dump does not take. A dump of the list being resized never throws; a faithful dump shows as
     * many elements as its size says (up to the limit), and in slot {@code i} only what the writer
     * ever stored there: {@code i}, or {@code null}. {@code ArrayList} writes are plain stores, so
     * without the lock a slot can be seen before its value is (or after it was cleared): that is
     * a state memory really held, and all a reader that never locks can promise. The exact
     * promise, for fields read with volatile semantics, is the pair test above.
     */
    @Test
    void aListBeingResizedIsShownConsistentlyOrMarkedNotFaithful() throws Exception {
        List<Integer> list = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread w = new Thread(() -> {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            while (!stop.get()) {
                synchronized (list) {
                    if (list.size() < 30 && (list.isEmpty() || r.nextBoolean())) {
                        list.add(list.size());
                    } else {
                        list.remove(list.size() - 1);
                    }
                }
            }
        }, "list-writer");
        w.setDaemon(true);
        w.start();
        Pattern shape = Pattern.compile("java\\.util\\.ArrayList@[0-9a-f]+\\(size (\\d+)\\)\\[(.*)\\]");
        int faithful = 0;
        int notFaithful = 0;
        try {
            long end = System.nanoTime() + 1_000_000_000L;
            while (System.nanoTime() < end) {
                Snapshot s = Snapshots.dump(list);
                if (!s.faithful()) {
                    notFaithful++;
                    continue;
                }
                faithful++;
                Matcher m = shape.matcher(s.text());
                assertTrue(m.matches(), s.text());
                int size = Integer.parseInt(m.group(1));
                String[] shown = m.group(2).isEmpty() ? new String[0] : m.group(2).split(", ");
                int slots = Math.min(size, 20);
                assertEquals(slots + (size > 20 ? 1 : 0), shown.length, s.text());
                for (int i = 0; i < slots; i++) {
                    assertTrue(shown[i].equals(Integer.toString(i)) || shown[i].equals("null"), "slot " + i + ": " + s.text());
                }
                if (size > 20) {
                    assertEquals("… " + (size - 20) + " more", shown[20], s.text());
                }
            }
        } finally {
            stop.set(true);
            w.join(10_000);
        }
        System.out.println("list under mutation: " + faithful + " faithful dumps, " + notFaithful + " not faithful");
        assertTrue(faithful > 0, "no dump of the list settled");
    }
}
