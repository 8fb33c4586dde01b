package dev.faultline.dump;

import java.lang.invoke.VarHandle;
import java.util.Objects;

/**
 * Copy, re-read, compare: the kernel's {@code snapshot_page()} loop. Two copies in a row that
 * compare equal mean the object held every one of those values at one instant between the two
 * reads (given no value went away and came back in between), so formatting from that copy
 * shows a state the object really had. When the copies never agree within the retries, the
 * last copy is kept and the indices that differed are marked as moved.
 */
final class Settle {
    /** Reads one copy; may throw, which counts as a failed read. */
    interface Reader {
        Object[] read() throws Exception;
    }

    /** The copy to format from, whether it settled, and which indices moved. */
    static final class Result {
        final Object[] copy;
        final boolean settled;
        /** Indices that differed in some comparison (null when none could be named). */
        final boolean[] moved;
        /** The copies differed in a way no index names (lengths only), or a read failed after one succeeded. */
        final boolean movedWhole;
        final Throwable failure;

        Result(Object[] copy, boolean settled, boolean[] moved, boolean movedWhole, Throwable failure) {
            this.copy = copy;
            this.settled = settled;
            this.moved = moved;
            this.movedWhole = movedWhole;
            this.failure = failure;
        }
    }

    private Settle() {}

    /**
     * @param byValue which indices hold boxed primitives (compared with {@code equals}); the rest
     *                are references compared by identity. May be null: index 0 by value, the rest
     *                by identity (size, then elements).
     * @param once    the source is immutable: one read is exact
     */
    static Result run(Reader reader, boolean[] byValue, int retries, boolean once) {
        Object[] prev = null;
        Throwable failure = null;
        boolean[] moved = null;
        boolean movedWhole = false;
        int reads = once ? 1 : retries + 2;
        for (int i = 0; i < reads; i++) {
            Object[] next;
            try {
                next = reader.read();
            } catch (Throwable e) {
                failure = e;
                movedWhole |= prev != null;
                continue;
            }
            // Keeps the next read's loads after this one's: two copies really are two reads in order.
            VarHandle.acquireFence();
            if (once) {
                return new Result(next, true, null, false, null);
            }
            if (prev != null) {
                boolean same = prev.length == next.length;
                boolean named = false;
                int common = Math.min(prev.length, next.length);
                for (int k = 0; k < common; k++) {
                    if (!equal(prev[k], next[k], byValue == null ? k == 0 : byValue[k])) {
                        same = false;
                        named = true;
                        if (moved == null) {
                            moved = new boolean[common];
                        } else if (moved.length < common) {
                            moved = java.util.Arrays.copyOf(moved, common);
                        }
                        moved[k] = true;
                    }
                }
                if (same) {
                    return new Result(next, true, null, false, null);
                }
                // Lengths differ but every shared index agrees: only the object as a whole can be named.
                movedWhole |= !named;
            }
            prev = next;
        }
        return new Result(prev, false, moved, movedWhole, prev == null ? failure : null);
    }

    private static boolean equal(Object a, Object b, boolean byValue) {
        return a == b || (byValue && Objects.equals(a, b));
    }
}
