package com.acme.withcore;

import dev.faultline.Faultline;
import dev.faultline.Site;

/**
 * An application that uses Faultline itself: its own site and its asserts must land in the
 * same runtime (one crash ring, one warning count), whatever the agent carries.
 */
public final class Service {
    private Service() {}

    static final Site OWN = Faultline.site("withcore.own");

    public static void main(String[] args) {
        OWN.warnOn(true, "the application's own warning");
        assert args.length > 5 : "the application's assert";
        System.out.println("warnings " + Faultline.warnCount());
        System.out.println("faultline from " + Faultline.class.getProtectionDomain().getCodeSource().getLocation());
    }
}
