package dev.faultline.docs;

import dev.faultline.Faultline;
import dev.faultline.ring.CrashRing;

/** docs/operations/crash-ring.md: a record of the application's own, into the crash ring. */
final class RingRecords {
    static long retrying() {
        // [append]
        CrashRing ring = Faultline.ring();
        long seq = ring.append(System.Logger.Level.WARNING, "com.acme.Orders", "retrying order 7 (3rd time)");
        // [/append]
        return seq;
    }
}
