package dev.faultline.layout.cycle.b;

/** The other half of the deliberate package cycle. */
public final class B {
    public static int a() {
        return dev.faultline.layout.cycle.a.A.class.getName().length();
    }
}
