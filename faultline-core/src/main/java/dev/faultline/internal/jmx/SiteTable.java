package dev.faultline.internal.jmx;

import dev.faultline.report.SiteStats;
import java.time.Instant;
import java.util.List;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;

/** Per-site counters as JMX open data, so that any JMX client (jconsole, the CLI) reads them without Faultline's classes. */
final class SiteTable {
    static final String[] ITEMS = {"site", "declaringClass", "fired", "reported", "suppressed", "firstFired", "lastFired"};
    static final CompositeType TYPE = type();

    private SiteTable() {}

    private static CompositeType type() {
        try {
            return new CompositeType("dev.faultline.SiteStats", "one site's counters", ITEMS,
                    new String[] {"site name", "class that declared the site", "firings counted",
                            "firings reported", "firings counted but not reported",
                            "first firing (ISO-8601), empty if never", "latest firing (ISO-8601), empty if never"},
                    new OpenType<?>[] {SimpleType.STRING, SimpleType.STRING, SimpleType.LONG, SimpleType.LONG,
                            SimpleType.LONG, SimpleType.STRING, SimpleType.STRING});
        } catch (OpenDataException e) {
            throw new IllegalStateException(e); // a constant type: cannot happen
        }
    }

    static CompositeData[] rows(List<SiteStats> sites) {
        CompositeData[] out = new CompositeData[sites.size()];
        for (int i = 0; i < out.length; i++) {
            SiteStats s = sites.get(i);
            try {
                out[i] = new CompositeDataSupport(TYPE, ITEMS, new Object[] {s.site(), s.declaringClass(), s.fired(),
                        s.reported(), s.suppressed(), text(s.firstFired().orElse(null)),
                        text(s.lastFired().orElse(null))});
            } catch (OpenDataException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    private static String text(Instant t) {
        return t == null ? "" : t.toString();
    }
}
