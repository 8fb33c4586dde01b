package dev.faultline.dump;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * JDK types whose methods a dump may call on the dumping thread: they take no lock, call no
 * user code and always return. Everything else that needs a method call goes through
 * {@link GuardedCalls}. Membership is by exact class, so a subclass overriding
 * {@code toString()} or {@code iterator()} is never trusted by accident.
 */
final class TrustedTypes {
    private TrustedTypes() {}

    private static final Set<Class<?>> VALUES = Set.of(
            Boolean.class, Character.class, Byte.class, Short.class, Integer.class, Long.class, Float.class,
            Double.class, BigInteger.class, BigDecimal.class, UUID.class,
            AtomicBoolean.class, AtomicInteger.class, AtomicLong.class);

    /**
     * Collections and maps whose {@code size()} and iteration do not lock and do not call
     * element methods. Synchronized wrappers, {@code Vector}, {@code Hashtable}, blocking
     * queues and unmodifiable views (which delegate to an unknown collection) are deliberately
     * absent.
     */
    private static final Set<String> COLLECTIONS = Set.of(
            "java.util.ArrayList", "java.util.LinkedList", "java.util.ArrayDeque", "java.util.PriorityQueue",
            "java.util.HashMap", "java.util.LinkedHashMap", "java.util.TreeMap", "java.util.IdentityHashMap",
            "java.util.EnumMap", "java.util.HashSet", "java.util.LinkedHashSet", "java.util.TreeSet",
            "java.util.RegularEnumSet", "java.util.JumboEnumSet", "java.util.Arrays$ArrayList",
            "java.util.concurrent.ConcurrentHashMap", "java.util.concurrent.ConcurrentHashMap$KeySetView",
            "java.util.concurrent.CopyOnWriteArrayList", "java.util.concurrent.CopyOnWriteArraySet",
            "java.util.concurrent.ConcurrentLinkedQueue", "java.util.concurrent.ConcurrentLinkedDeque",
            "java.util.concurrent.ConcurrentSkipListMap", "java.util.concurrent.ConcurrentSkipListSet");

    /** Immutable, lock-free values shown by their own {@code toString()} (or name). */
    static boolean isValue(Class<?> c) {
        if (VALUES.contains(c) || c == Class.class || c.isEnum()) {
            return true;
        }
        Class<?> sup = c.getSuperclass();
        if (sup != null && sup.isEnum()) {
            return true; // an enum constant with a body
        }
        // java.time values are immutable and final; clocks are not values and may wrap a user clock.
        return c.getClassLoader() == null && "java.time".equals(c.getPackageName())
                && !java.time.Clock.class.isAssignableFrom(c);
    }

    /** The text of a trusted value; enums by {@code name()}, which cannot be overridden. */
    static String valueText(Object v) {
        if (v instanceof Enum<?>) {
            return ((Enum<?>) v).name();
        }
        if (v instanceof Class<?>) {
            return ((Class<?>) v).getName();
        }
        if (v instanceof Character) {
            return "'" + v + "'";
        }
        return v.toString();
    }

    static boolean isCollection(Class<?> c) {
        if (c.getClassLoader() != null) {
            return false;
        }
        String n = c.getName();
        return COLLECTIONS.contains(n) || n.startsWith("java.util.ImmutableCollections$")
                || n.startsWith("java.util.Collections$Empty") || n.startsWith("java.util.Collections$Singleton");
    }
}
