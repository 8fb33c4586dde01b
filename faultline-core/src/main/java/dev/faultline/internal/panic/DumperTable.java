package dev.faultline.internal.panic;

import dev.faultline.Registration;
import dev.faultline.internal.config.Keys;
import dev.faultline.internal.runtime.Shutdown;
import dev.faultline.panic.DumpReason;
import dev.faultline.panic.Dumper;
import dev.faultline.panic.DumperWeight;
import dev.faultline.panic.PanicNotifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The registered dumpers and panic notifiers. Registration takes a lock (to refuse duplicate
 * names); the panic path only reads copy-on-write snapshots, so it never waits for it.
 */
public final class DumperTable {
    /** Shutdown order of the SHUTDOWN dumps: after the "N suppressed" flush, before the sinks close. */
    static final int SHUTDOWN_ORDER = (Shutdown.FLUSH + Shutdown.CLOSE_SINKS) / 2;

    /** One registered dumper. */
    public static final class Entry {
        public final String name;
        public final DumpReason maxReason;
        public final long budgetNanos;
        public final DumperWeight weight;
        public final Dumper dumper;
        final long registered;

        Entry(String name, DumpReason maxReason, long budgetNanos, DumperWeight weight, Dumper dumper, long registered) {
            this.name = name;
            this.maxReason = maxReason;
            this.budgetNanos = budgetNanos;
            this.weight = weight;
            this.dumper = dumper;
            this.registered = registered;
        }
    }

    /** One registered panic notifier. */
    public static final class Notifier {
        public final String name;
        public final long budgetNanos;
        public final PanicNotifier notifier;

        Notifier(String name, long budgetNanos, PanicNotifier notifier) {
            this.name = name;
            this.budgetNanos = budgetNanos;
            this.notifier = notifier;
        }
    }

    private static final List<Entry> DUMPERS = new CopyOnWriteArrayList<>();
    private static final List<Notifier> NOTIFIERS = new CopyOnWriteArrayList<>();
    private static final AtomicLong REGISTERED = new AtomicLong();
    private static final AtomicBoolean SHUTDOWN_HOOKED = new AtomicBoolean();

    private DumperTable() {}

    /**
     * Registers a dumper. Throws {@link IllegalArgumentException} naming the problem when an
     * argument is null, the name is blank or taken, or the budget is not positive.
     */
    public static Registration addDumper(String name, DumpReason maxReason, Duration budget, DumperWeight weight,
                                         Dumper dumper) {
        String n = requireName(name, "dumper");
        require(maxReason != null, "dumper '" + n + "': maxReason must not be null");
        require(weight != null, "dumper '" + n + "': weight must not be null");
        require(dumper != null, "dumper '" + n + "': dumper must not be null");
        long nanos = budgetNanos(budget, "dumper '" + n + "'");
        Entry e = new Entry(n, maxReason, nanos, weight, dumper, REGISTERED.incrementAndGet());
        synchronized (DUMPERS) {
            for (Entry other : DUMPERS) {
                require(!other.name.equals(n), "a dumper named '" + n + "' is already registered");
            }
            DUMPERS.add(e);
        }
        if (maxReason == DumpReason.SHUTDOWN && SHUTDOWN_HOOKED.compareAndSet(false, true)) {
            Shutdown.add(SHUTDOWN_ORDER, "dumpers (reason SHUTDOWN)", () -> DumpRun.dumpAll(DumpReason.SHUTDOWN,
                    "clean shutdown", null));
        }
        return () -> DUMPERS.remove(e);
    }

    /** Registers a panic notifier; same argument checks as {@link #addDumper}. */
    public static Registration addNotifier(String name, Duration budget, PanicNotifier notifier) {
        String n = requireName(name, "notifier");
        require(notifier != null, "notifier '" + n + "': notifier must not be null");
        Notifier e = new Notifier(n, budgetNanos(budget, "notifier '" + n + "'"), notifier);
        synchronized (NOTIFIERS) {
            for (Notifier other : NOTIFIERS) {
                require(!other.name.equals(n), "a panic notifier named '" + n + "' is already registered");
            }
            NOTIFIERS.add(e);
        }
        return () -> NOTIFIERS.remove(e);
    }

    /** Every notifier, in registration order. */
    static List<Notifier> notifiers() {
        return NOTIFIERS;
    }

    /** Every registered dumper's name, in registration order. */
    public static List<String> names() {
        List<String> out = new ArrayList<>();
        for (Entry e : DUMPERS) {
            out.add(e.name);
        }
        return out;
    }

    /**
     * The dumpers that want {@code reason}, in run order: those named in {@code first} in that
     * order, then light before heavy, each group in registration order.
     */
    public static List<Entry> forReason(DumpReason reason, List<String> first) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : DUMPERS) {
            if (reason.wantedBy(e.maxReason)) {
                out.add(e);
            }
        }
        out.sort(new RunOrder(first));
        return out;
    }

    /** Named first, then light before heavy, then registration order (a class: no lambda linking at panic time). */
    static final class RunOrder implements Comparator<Entry> {
        private final List<String> first;

        RunOrder(List<String> first) {
            this.first = first;
        }

        @Override
        public int compare(Entry a, Entry b) {
            int c = Integer.compare(rank(first, a.name), rank(first, b.name));
            if (c == 0) {
                c = a.weight.compareTo(b.weight);
            }
            return c != 0 ? c : Long.compare(a.registered, b.registered);
        }
    }

    private static int rank(List<String> first, String name) {
        int i = first.indexOf(name);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    private static String requireName(String name, String what) {
        require(name != null && !name.isBlank(), "a " + what + " needs a non-blank name");
        require(!name.contains(","), what + " name '" + name + "' must not contain ','"
                + " (names are listed comma-separated in " + Keys.PANIC_DUMP_ORDER.property() + ")");
        return name.trim();
    }

    private static long budgetNanos(Duration budget, String what) {
        require(budget != null && !budget.isNegative() && !budget.isZero(), what + ": budget must be positive, was " + budget);
        try {
            return budget.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
