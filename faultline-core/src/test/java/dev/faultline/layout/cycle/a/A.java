package dev.faultline.layout.cycle.a;

/** Half of a deliberate package cycle, for the layering rule's own test. */
public final class A {
    public static int b() {
        return dev.faultline.layout.cycle.b.B.a() + 1;
    }
}
