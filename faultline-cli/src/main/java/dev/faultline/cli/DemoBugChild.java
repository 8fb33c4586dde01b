package dev.faultline.cli;

import dev.faultline.Faultline;
import dev.faultline.Site;

/** The child JVM of the demo: it hits a BUG and the panic halts it with the configured exit code. */
public final class DemoBugChild {
    static final Site QUEUE_SIZE = Faultline.site("demo.queue-size");

    private DemoBugChild() {}

    public static void main(String[] args) {
        int size = -1;
        System.out.println("child: about to check the queue size (" + size + ")");
        System.out.flush();
        QUEUE_SIZE.bugOn(size < 0, "queue size %s is negative", size);
        System.out.println("child: this line is never printed");
    }
}
