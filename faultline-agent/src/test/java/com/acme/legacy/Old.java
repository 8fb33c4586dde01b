package com.acme.legacy;

/** Compiled for 17; the test copies its class file with the version of Java 6 (50), which predates invokedynamic. */
public final class Old {
    private Old() {}

    public static void main(String[] args) {
        assert args.length > 5 : "an assert in an old class";
        System.out.println("old class ran on");
    }
}
