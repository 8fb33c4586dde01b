package dev.faultline.spring.boot;

import dev.faultline.Faultline;
import dev.faultline.Registration;
import dev.faultline.report.Report;
import dev.faultline.report.Signature;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.DisposableBean;

/**
 * The signature of each site's latest report, for the endpoint: sites count firings, reports
 * carry signatures, so this listens to reports (on Faultline's printer thread, never on the
 * firing one). Sites that reported only before the context started have none. Bounded like
 * Faultline's site table: at most {@value #MAX_SITES} sites are remembered.
 */
public class SiteSignatures implements DisposableBean {
    /** The size of Faultline's site listing. */
    static final int MAX_SITES = Faultline.MAX_LISTED_SITES;

    private final Map<String, Signature> bySite = new ConcurrentHashMap<>();
    private final Registration registration;

    /** Starts listening to reports. */
    public SiteSignatures() {
        this.registration = Faultline.addListener(this::record);
    }

    private void record(Report report) {
        Signature s = report.signature();
        if (s != null && (bySite.size() < MAX_SITES || bySite.containsKey(report.site()))) {
            bySite.put(report.site(), s);
        }
    }

    /** The signature of {@code site}'s latest report since the context started, or null. */
    public Signature of(String site) {
        return bySite.get(site);
    }

    @Override
    public void destroy() {
        registration.close();
    }
}
