package dev.faultline.spring.boot;

import dev.faultline.Faultline;
import dev.faultline.report.SiteStats;
import dev.faultline.report.Signature;
import dev.faultline.report.Taint;
import dev.faultline.jmx.ChangeOrigin;
import dev.faultline.jmx.FaultlineJmx;
import dev.faultline.jmx.FaultlineMBean;
import dev.faultline.ring.RecoveredRun;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.lang.Nullable;
import org.springframework.util.ClassUtils;

/**
 * The actuator endpoint {@code faultline}: the Boot equivalent of {@code ./faultline status} and
 * {@code sysctl}/{@code debug}. Exposed like every actuator endpoint: over JMX or the web only when
 * the application exposes it ({@code management.endpoints.web.exposure.include=faultline}), and
 * secured by the application's actuator security.
 *
 * <p><b>Read-only unless the application opts in.</b> A change can make the next request halt
 * the process ({@code panic_on_warn=1}, {@code debug=*=panic}), so, like Boot's own
 * {@code shutdown} endpoint, the default access is {@link Access#READ_ONLY}: the write
 * operation exists only with {@code management.endpoint.faultline.access=unrestricted} (and no
 * lower {@code management.endpoints.access.max-permitted}); without it Boot does not map the
 * {@code POST} at all (Spring MVC answers 405). On Spring Boot before 3.4, which has no access
 * levels, every change is refused (HTTP 400) and the endpoint only reads.
 *
 * <p>Reads and changes go through {@link FaultlineJmx#control(ChangeOrigin)}, the same code as the
 * MBean {@code dev.faultline:type=Faultline}, naming who asked: the channel {@value #CHANNEL},
 * the request's remote address (from the servlet request, as the web server sees it; not known
 * on WebFlux or over JMX) and its principal ({@code unauthenticated} when it has none). Each
 * change is recorded in the crash ring, printed, and logged at WARN under this class's name
 * ({@code faultline: faultline.warn_limit changed from 0 to 100 (via actuator from 10.0.0.7 as
 * alice)}); relaxing a safety setting taints the process {@code R}.
 */
@Endpoint(id = "faultline", defaultAccess = Access.READ_ONLY)
public class FaultlineEndpoint {
    /** The channel named by change lines made through this endpoint. */
    public static final String CHANNEL = "actuator";
    /** Boot's endpoint access levels, without which changes are refused (Spring Boot 3.4+). */
    static final String ACCESS_CLASS = "org.springframework.boot.actuate.endpoint.Access";

    /** The longest request-supplied text logged, in chars. */
    static final int MAX_LOGGED = 512;

    private static final Log LOG = LogFactory.getLog(FaultlineEndpoint.class);

    private final FaultlineMBean control = FaultlineJmx.control(CHANNEL);
    private final SiteSignatures signatures;
    private final int topSites;
    private final boolean bootHasAccessLevels;

    /** {@code signatures} may be null (the site table's signatures are shown); {@code topSites}: how many sites to list. */
    public FaultlineEndpoint(SiteSignatures signatures, int topSites) {
        this(signatures, topSites, ClassUtils.isPresent(ACCESS_CLASS, FaultlineEndpoint.class.getClassLoader()));
    }

    FaultlineEndpoint(SiteSignatures signatures, int topSites, boolean bootHasAccessLevels) {
        this.signatures = signatures;
        this.topSites = Math.max(0, topSites);
        this.bootHasAccessLevels = bootHasAccessLevels;
    }

    /**
     * {@code GET /actuator/faultline}: who this is ({@code app}, {@code runId}, {@code pid}),
     * {@code taint} (line and letters), {@code counts} (warnings, oopses), {@code policy} (every
     * run-time key with its value), {@code sites} (the {@code faultline.endpoint.top-sites} sites
     * that fired most, each with fired / reported / suppressed, first and last firing, and the
     * signature and title of its latest report since the application started), {@code debugDomains}
     * (effective mode and origin of each, {@code *} first, and names set but not registered),
     * {@code ring} (the crash ring's file, empty when off or in memory), {@code lastRecoveredCrash}
     * (the last earlier run recovered at start that ended without a clean shutdown, or null) and
     * {@code configurationProblems}.
     */
    @ReadOperation
    public Map<String, Object> status() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("app", control.getApp());
        out.put("runId", control.getRunId());
        out.put("pid", control.getPid());
        Map<String, Object> taint = new LinkedHashMap<>();
        taint.put("line", control.getTaint());
        taint.put("flags", Taint.letters(Faultline.taints()));
        out.put("taint", taint);
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("warnings", control.getWarnCount());
        counts.put("oopses", control.getOopsCount());
        out.put("counts", counts);
        out.put("policy", policy());
        out.put("sites", sites());
        Map<String, Object> domains = new LinkedHashMap<>();
        domains.put("modes", Arrays.asList(control.getDebugDomains()));
        domains.put("unregistered", Arrays.asList(control.getUnregisteredDebugDomains()));
        out.put("debugDomains", domains);
        out.put("ring", control.getRingPath());
        out.put("lastRecoveredCrash", lastRecoveredCrash());
        out.put("configurationProblems", Faultline.configurationProblems());
        return out;
    }

    /**
     * {@code POST /actuator/faultline} with a JSON body: either {@code {"key": "warn_limit",
     * "value": "100"}} to set a run-time key ({@code faultline.} may be left out; the values
     * {@code sysctl} takes), or {@code {"domain": "mm", "mode": "warn"}} to set a debug domain's
     * mode ({@code off}, {@code warn}, {@code once}, {@code panic}, or {@code inherit} to follow its
     * parent again). Only there with {@code management.endpoint.faultline.access=unrestricted}.
     * Returns {@code {"change": LINE}}: the change line naming who asked, or the key's
     * {@code faultline.KEY = VALUE (unchanged)} / {@code unchanged}. A change is logged at WARN,
     * an unchanged value or a refusal at INFO, each with who asked.
     *
     * @param securityContext Boot's view of the request's principal (not part of the body)
     * @throws InvalidEndpointRequestException (HTTP 400) naming the key or domain and the value:
     *         an unknown or start-up-only key (with the reason), a value the key does not take, an
     *         unknown mode, or a body that is neither form; on Spring Boot before 3.4, every
     *         change; nothing changes then
     */
    @WriteOperation
    public Map<String, Object> change(@Nullable String key, @Nullable String value, @Nullable String domain,
                                      @Nullable String mode, SecurityContext securityContext) {
        ChangeOrigin origin = ChangeOrigin.of(CHANNEL).from(RequestAddress.current()).as(principal(securityContext));
        try {
            if (!bootHasAccessLevels) {
                throw new IllegalArgumentException("changes through the faultline endpoint need Spring Boot 3.4 or"
                        + " later (endpoint access levels); use JMX or ./faultline sysctl");
            }
            FaultlineMBean asked = FaultlineJmx.control(origin);
            String line;
            if (key != null && domain == null && mode == null) {
                line = asked.setSysctl(key, value);
            } else if (domain != null && mode != null && key == null && value == null) {
                line = asked.setDebugMode(domain, mode);
            } else {
                throw new IllegalArgumentException("expected {\"key\": KEY, \"value\": VALUE} or"
                        + " {\"domain\": DOMAIN, \"mode\": MODE}");
            }
            if (line.startsWith("faultline: ")) {
                // Core's change line (it escapes what the request sent), in the ring already: logged
                // marked, so the ring appender does not store it a second time.
                ChangeLog.warn(LOG, FaultlineEndpoint.class, line);
            } else {
                LOG.info("faultline: " + (key != null ? line : "debug domain " + domain + " " + line) + " (via "
                        + printable(origin.toString()) + ")");
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("change", line);
            return out;
        } catch (IllegalArgumentException e) {
            LOG.info("faultline: change refused (via " + printable(origin.toString()) + "): " + printable(e.getMessage()));
            throw new InvalidEndpointRequestException(e.getMessage(), e.getMessage());
        }
    }

    /**
     * {@code text} as one log line: at most {@value #MAX_LOGGED} chars, control characters and
     * bidi overrides as {@code ?}, so a request cannot split or disguise what is logged.
     */
    static String printable(String text) {
        String t = String.valueOf(text);
        StringBuilder b = new StringBuilder(Math.min(t.length(), MAX_LOGGED + 1));
        for (int i = 0; i < t.length() && i < MAX_LOGGED; i++) {
            char c = t.charAt(i);
            boolean control = c < 0x20 || (c >= 0x7f && c < 0xa0) || (c >= 0x202a && c <= 0x202e)
                    || (c >= 0x2066 && c <= 0x2069) || c == 0x2028 || c == 0x2029;
            b.append(control ? '?' : c);
        }
        return t.length() > MAX_LOGGED ? b.append('…').toString() : b.toString();
    }

    /** The request's principal name, or null when it has none (Boot passes {@link SecurityContext#NONE} then). */
    private static String principal(SecurityContext securityContext) {
        Principal p = securityContext == null ? null : securityContext.getPrincipal();
        return p == null ? null : p.getName();
    }

    private Map<String, String> policy() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : control.getSysctl()) {
            int eq = line.indexOf(" = ");
            if (eq > 0) {
                out.put(line.substring(0, eq), line.substring(eq + 3));
            }
        }
        return out;
    }

    private List<Map<String, Object>> sites() {
        List<SiteStats> all = new ArrayList<>(Faultline.sites());
        all.removeIf(s -> s.fired() == 0);
        all.sort(Comparator.comparingLong(SiteStats::fired).reversed());
        List<Map<String, Object>> out = new ArrayList<>();
        for (SiteStats s : all.subList(0, Math.min(topSites, all.size()))) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("site", s.site());
            row.put("declaringClass", s.declaringClass());
            row.put("fired", s.fired());
            row.put("reported", s.reported());
            row.put("suppressed", s.suppressed());
            row.put("firstFired", s.firstFired().map(Object::toString).orElse(null));
            row.put("lastFired", s.lastFired().map(Object::toString).orElse(null));
            Signature sig = signatures == null ? null : signatures.of(s.site());
            if (sig == null) {
                // A report the signature listener missed (the listeners fell behind): the site table has it.
                sig = s.signature().orElse(null);
            }
            row.put("signature", sig == null ? null : sig.hash());
            row.put("title", sig == null ? null : sig.title());
            out.add(row);
        }
        return out;
    }

    private static Map<String, Object> lastRecoveredCrash() {
        List<RecoveredRun> runs = Faultline.recoveredRuns();
        if (runs.isEmpty()) {
            return null;
        }
        RecoveredRun run = runs.get(runs.size() - 1);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("runId", run.runId());
        out.put("app", run.app());
        out.put("pid", run.pid());
        out.put("started", String.valueOf(run.start()));
        out.put("lastSeen", String.valueOf(run.lastSeen()));
        out.put("ended", run.ending());
        out.put("reason", run.reason().label());
        out.put("confidence", run.exit().confidence());
        out.put("evidence", run.evidence());
        // The report the run is named after: its panic's own report when it panicked.
        out.put("lastReport", run.headline() == null ? null : run.headline().firstLine());
        out.put("records", run.records());
        out.put("torn", run.torn());
        out.put("corrupt", run.corrupt());
        out.put("archive", String.valueOf(run.archive()));
        return out;
    }
}
