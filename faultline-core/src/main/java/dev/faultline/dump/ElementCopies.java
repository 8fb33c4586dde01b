package dev.faultline.dump;

import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.Map;

/**
 * Copies the size and the first elements of a collection or map in one pass, for a dump. The
 * copy is laid out as {@code [size, e0, e1, ...]} (maps: {@code [size, k0, v0, k1, v1, ...]}),
 * so that one re-read can be compared with another (see {@link Settle}); a collection that
 * yields fewer elements than its size while being read throws
 * {@link ConcurrentModificationException}, because such a copy is no state it ever had.
 */
final class ElementCopies {
    private ElementCopies() {}

    static Object[] collection(Collection<?> c, int max) {
        int size = c.size();
        int n = Math.max(0, Math.min(size, max));
        Object[] copy = new Object[1 + n];
        copy[0] = size;
        Iterator<?> it = c.iterator();
        for (int i = 0; i < n; i++) {
            if (!it.hasNext()) {
                throw shrank(); // a copy whose size and elements disagree is no state the collection had
            }
            copy[1 + i] = it.next();
        }
        return copy;
    }

    static Object[] map(Map<?, ?> m, int max) {
        int size = m.size();
        int n = Math.max(0, Math.min(size, max));
        Object[] copy = new Object[1 + 2 * n];
        copy[0] = size;
        Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
        for (int i = 0; i < n; i++) {
            if (!it.hasNext()) {
                throw shrank();
            }
            Map.Entry<?, ?> e = it.next();
            copy[1 + 2 * i] = e.getKey();
            copy[2 + 2 * i] = e.getValue();
        }
        return copy;
    }

    private static ConcurrentModificationException shrank() {
        return new ConcurrentModificationException("fewer elements than its size while being read");
    }
}
