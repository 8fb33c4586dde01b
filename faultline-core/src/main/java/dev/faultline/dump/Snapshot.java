package dev.faultline.dump;

import dev.faultline.internal.text.Escape;
import java.util.List;

/**
 * The result of one dump: the text, and whether it is faithful.
 *
 * <p><b>Faithful</b> means every object in the dump was read at least twice in a row with the
 * same result (the same field values, the same elements and size, the same {@code toString()};
 * a record once, since its fields cannot change), so the values shown for one object are values
 * it held together at one instant. Different objects in the same dump may have been read at
 * slightly different instants. A value that changed and changed back between two reads is not
 * noticed (as in any compare-based snapshot), and a structure mutated with plain stores under a
 * lock the dump does not take can show a slot before its value is visible: a faithful dump
 * shows what memory held at one instant, never a mix of instants. When an object never settled within the retries, the dump shows the last copy read, is not faithful, and
 * {@link #movedFields()} names what kept changing; the text then starts with
 * {@code [not faithful: a, b kept changing]}, the JVM's "page does not match folio".
 */
public final class Snapshot {
    private final String raw;
    private final boolean faithful;
    private final List<String> movedFields;

    Snapshot(String raw, boolean faithful, List<String> movedFields) {
        this.raw = raw;
        this.faithful = faithful;
        this.movedFields = List.copyOf(movedFields);
    }

    /**
     * The dump on one line with every control character escaped (as report text is), safe to
     * print anywhere.
     */
    public String text() {
        return Escape.text(raw);
    }

    /**
     * The dump before escaping, for renderers that escape for their own format (report text and
     * JSON do). Strings from the dumped object appear here as they are, control characters
     * included: never print this unescaped.
     */
    public String raw() {
        return raw;
    }

    /** True when every object in the dump settled (see the class description). */
    public boolean faithful() {
        return faithful;
    }

    /**
     * What kept changing when the dump is not faithful, as paths from the dumped object:
     * {@code balance}, {@code owner.name}, {@code items[3]}, {@code items.size}; {@code this}
     * for the dumped object as a whole. Empty when faithful.
     */
    public List<String> movedFields() {
        return movedFields;
    }

    @Override
    public String toString() {
        return text();
    }
}
