package com.acme.asserts.sub;

/** A subpackage: its asserts are the domain assert:com.acme.asserts.sub, which follows assert:com.acme.asserts. */
public final class Below {
    private Below() {}

    static boolean no() {
        return false;
    }

    public static String run() {
        assert no() : "assert in subpackage";
        return "subpackage";
    }
}
