package dev.faultline.dump;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What a dump needs to know about a class, worked out once per class: its instance fields in
 * declaration order (superclass first), which of them are compared by value (primitives), which
 * are redacted, and whether reflection can read all of them at all.
 *
 * <p>Reflection is used without ever throwing out: {@code trySetAccessible} reports failure by
 * returning false, and a class in a JDK module that does not open its package (strong
 * encapsulation) is marked not reflectable, so the dump shows it another way.
 */
final class ClassLayout {
    /** Read in place of a field value that could not be read; one instance, so two copies compare equal. */
    static final Object UNREADABLE = new Object();

    private static final ClassValue<ClassLayout> LAYOUTS = new ClassValue<>() {
        @Override
        protected ClassLayout computeValue(Class<?> c) {
            try {
                return build(c);
            } catch (Throwable e) {
                return new ClassLayout(new Field[0], false, false, false);
            }
        }
    };

    final Field[] fields;
    final String[] names;
    final boolean[] byValue;
    final boolean[] redacted;
    /** True when every instance field could be made accessible. */
    final boolean reflectable;
    /** Records: fields are final and trusted by the JVM, so one read is exact. */
    final boolean immutable;
    /** The class itself is marked {@link Sensitive}. */
    final boolean sensitive;

    private ClassLayout(Field[] fields, boolean reflectable, boolean immutable, boolean sensitive) {
        this.fields = fields;
        this.reflectable = reflectable;
        this.immutable = immutable;
        this.sensitive = sensitive;
        int n = fields.length;
        this.names = new String[n];
        this.byValue = new boolean[n];
        this.redacted = new boolean[n];
        for (int i = 0; i < n; i++) {
            names[i] = fields[i].getName();
            byValue[i] = fields[i].getType().isPrimitive();
            redacted[i] = Redaction.field(fields[i]);
        }
    }

    static ClassLayout of(Class<?> c) {
        return LAYOUTS.get(c);
    }

    private static ClassLayout build(Class<?> c) {
        boolean sensitive = Redaction.type(c);
        Deque<Class<?>> chain = new ArrayDeque<>();
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            chain.push(k);
        }
        List<Field> fields = new ArrayList<>();
        boolean reflectable = true;
        for (Class<?> k : chain) {
            for (Field f : k.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.isSynthetic()) {
                    continue; // static state is not the object's; synthetic fields are outer instances and captures
                }
                if (!open(f)) {
                    reflectable = false;
                    continue;
                }
                fields.add(f);
            }
        }
        return new ClassLayout(fields.toArray(new Field[0]), reflectable, c.isRecord(), sensitive);
    }

    private static boolean open(Field f) {
        try {
            return f.trySetAccessible();
        } catch (Throwable e) {
            return false; // SecurityException under a security manager: treat as closed
        }
    }

    /** One shallow copy of the first {@code n} fields; a field that cannot be read is {@link #UNREADABLE}. */
    Object[] read(Object o, int n) {
        Object[] copy = new Object[n];
        for (int i = 0; i < n; i++) {
            try {
                copy[i] = fields[i].get(o);
            } catch (Throwable e) {
                copy[i] = UNREADABLE;
            }
        }
        return copy;
    }
}
