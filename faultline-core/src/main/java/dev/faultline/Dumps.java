package dev.faultline;

import dev.faultline.dump.Snapshots;

/**
 * Turns the object carried by an object-bearing check into the text of a report's dump. This
 * is the one place every object-bearing check goes through, so the dump machinery can evolve
 * without touching the checks.
 */
final class Dumps {
    private Dumps() {}

    /**
     * A {@linkplain Snapshots#dump(Object) snapshot dump} of {@code o}, unescaped: the report's
     * text and JSON renderers escape it for their format. Never throws.
     */
    static String dump(Object o) {
        return Snapshots.dump(o).raw();
    }
}
