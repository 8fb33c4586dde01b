package com.acme.asserts;

import com.acme.asserts.sub.Below;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * A false assert in every place javac puts one, each followed by code that records that it
 * ran. No Faultline type anywhere: this is an application that knows nothing of Faultline.
 *
 * <p>Prints {@code evaluated N} (how many assert conditions ran), then one {@code after X}
 * line per place, in order; {@code -da} and the agent in mode off must print exactly the same.
 * An argument {@code rounds} runs every place (but the static initialisers) that many times.
 */
public final class AllPlaces {
    static final List<String> TRAIL = new ArrayList<>();
    static int evaluated;

    /** The condition of every assert: counts that it ran, and is false. */
    static boolean no() {
        evaluated++;
        return false;
    }

    static {
        assert no() : "assert in static initialiser";
        TRAIL.add("static initialiser");
    }

    AllPlaces() {
        assert no() : "assert in constructor";
        TRAIL.add("constructor");
    }

    void method() {
        assert no() : "assert in method";
        TRAIL.add("method");
    }

    void lambda() {
        Runnable r = () -> {
            assert no() : "assert in lambda";
            TRAIL.add("lambda");
        };
        r.run();
    }

    interface Shape {
        default void area() {
            assert no() : "assert in interface default method";
            TRAIL.add("interface default method");
        }

        static void unit() {
            assert no() : "assert in interface static method";
            TRAIL.add("interface static method");
        }
    }

    enum Color {
        RED;

        Color() {
            assert no() : "assert in enum constructor";
            TRAIL.add("enum constructor");
        }

        void paint() {
            assert no() : "assert in enum method";
            TRAIL.add("enum method");
        }
    }

    record Point(int x) {
        Point {
            assert no() : "assert in record compact constructor";
            TRAIL.add("record compact constructor");
        }

        int twice() {
            assert no() : "assert in record method";
            TRAIL.add("record method");
            return 2 * x;
        }
    }

    static final class Nested {
        void run() {
            assert no() : "assert in static nested class";
            TRAIL.add("static nested class");
        }
    }

    final class Inner {
        void run() {
            assert no() : "assert in inner class";
            TRAIL.add("inner class");
        }
    }

    void anonymous() {
        new Runnable() {
            @Override
            public void run() {
                assert no() : "assert in anonymous class";
                TRAIL.add("anonymous class");
            }
        }.run();
    }

    void local() {
        final class Local {
            void run() {
                assert no() : "assert in local class";
                TRAIL.add("local class");
            }
        }
        new Local().run();
    }

    int switchExpression(int k) {
        int r = switch (k) {
            case 1 -> {
                assert no() : "assert in switch expression";
                TRAIL.add("switch expression");
                yield 10;
            }
            default -> 0;
        };
        return r;
    }

    void details() {
        int i = 7;
        long l = 8L;
        char c = 'c';
        boolean b = true;
        float f = 1.5f;
        double d = 2.5;
        assert no() : i;
        TRAIL.add("int detail");
        assert no() : l;
        TRAIL.add("long detail");
        assert no() : c;
        TRAIL.add("char detail");
        assert no() : b;
        TRAIL.add("boolean detail");
        assert no() : f;
        TRAIL.add("float detail");
        assert no() : d;
        TRAIL.add("double detail");
        assert no() : new IllegalStateException("assert in throwable detail");
        TRAIL.add("throwable detail");
        assert no();
        TRAIL.add("no detail");
    }

    void loop() {
        // javac may point the assert's skip jump straight at the loop's head.
        int k = 0;
        while (k++ < 1) {
            assert no() : "assert in loop body end";
        }
        TRAIL.add("loop body end");
    }

    void all() {
        method();
        lambda();
        new Shape() {}.area();
        Shape.unit();
        Color.RED.paint();
        new Point(3).twice();
        new Nested().run();
        new Inner().run();
        anonymous();
        local();
        switchExpression(1);
        details();
        loop();
        TRAIL.add(Below.run());
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        for (int i = 0; i < rounds; i++) {
            new AllPlaces().all();
        }
        System.out.println("evaluated " + evaluated);
        for (String t : TRAIL) {
            System.out.println("after " + t);
        }
        IntSupplier done = () -> TRAIL.size();
        System.out.println("places " + done.getAsInt());
    }
}
