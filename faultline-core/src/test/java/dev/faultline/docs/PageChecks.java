package dev.faultline.docs;

import dev.faultline.Faultline;
import dev.faultline.Site;
import dev.faultline.dump.Snapshot;
import dev.faultline.dump.Snapshots;

/** docs/guide/snapshot-dumps.md: object-bearing checks and a direct dump. */
final class PageChecks {
    static final Site PAGE = Faultline.site("mm.page");

    record Page(int refcount) {}

    record Order(long id, String customer, String password) {}

    Snapshot check(Page page, boolean stale, Object cache, boolean corrupt, Object journal, long sum, Order order) {
        // [dumps]
        if (PAGE.warnOnObject(page.refcount() < 0, page, "refcount %s", page.refcount())) return null;
        PAGE.warnOnceObject(stale, cache);
        PAGE.bugOnObject(corrupt, journal, "checksum %s", sum);

        Snapshot s = Snapshots.dump(order);   // s.text(), s.faithful(), s.movedFields()
        // [/dumps]
        return s;
    }
}
