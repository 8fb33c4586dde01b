package dev.faultline.internal;

/**
 * Turns the object carried by an object-bearing check into the text of a report's dump. This
 * is the one place every object-bearing check goes through, so the dump machinery can evolve
 * without touching the checks.
 */
public final class Dumps {
    private Dumps() {}

    /** Type, identity and a guarded {@code toString()}; never throws. */
    public static String dump(Object o) {
        if (o == null) {
            return "null";
        }
        String type;
        try {
            type = o.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(o));
        } catch (Throwable e) {
            type = "<unknown type>";
        }
        return type + " " + LenientFormat.safeString(o);
    }
}
