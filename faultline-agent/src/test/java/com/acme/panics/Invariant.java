package com.acme.panics;

/** An application whose one assert is false: in mode panic the agent makes it a BUG. */
public final class Invariant {
    private Invariant() {}

    static int size = -1;

    public static void main(String[] args) {
        System.out.println("before");
        System.out.flush();
        assert size >= 0 : "the queue size is " + size;
        System.out.println("after");
    }
}
