package com.acme.asserts;

/** The places of {@link AllPlaces}, apart from it, so that a test can read them without running its asserts. */
public final class Places {
    private Places() {}

    /** Every place, in the order main runs them (the detail message of its assert is "assert in " + place). */
    public static final String[] ALL = {
        "static initialiser", "constructor", "method", "lambda", "interface default method",
        "interface static method", "enum constructor", "enum method", "record compact constructor",
        "record method", "static nested class", "inner class", "anonymous class", "local class",
        "switch expression", "int detail", "long detail", "char detail", "boolean detail", "float detail",
        "double detail", "throwable detail", "no detail", "loop body end", "subpackage",
    };

}
