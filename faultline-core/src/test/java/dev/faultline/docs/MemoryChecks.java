package dev.faultline.docs;

import dev.faultline.DebugDomain;
import dev.faultline.Faultline;

/** docs/guide/debug-domains.md: the checks of one domain, off by default. */
final class MemoryChecks {
    interface Page {
        int refCount();

        boolean isLinked();
    }

    interface FreeList {
        boolean isConsistent();
    }

    interface Tree {
        boolean isBalanced();
    }

    // [domain]
    static final DebugDomain MM = Faultline.domain("mm");        // hierarchical: mm, mm.cache, net.tcp

    void check(Page page, FreeList freeList, Tree tree) {
        MM.bugOn(page.refCount() < 0, "refcount %s", page.refCount());
        MM.bugOnObject(!page.isLinked(), page);          // object-bearing: the report carries a dump of page
        if (MM.enabled()) {                            // an expensive check: not even evaluated while off
            MM.warnOn(!freeList.isConsistent());
        }
        MM.warnOnce(() -> !tree.isBalanced());         // the same as a lambda
    }
    // [/domain]
}
