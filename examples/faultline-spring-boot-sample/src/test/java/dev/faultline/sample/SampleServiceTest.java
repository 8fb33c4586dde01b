package dev.faultline.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.Faultline;
import dev.faultline.report.SiteStats;
import dev.faultline.ring.RingReader;
import dev.faultline.ring.RingRecord;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The sample service on a real embedded server with its real request loop: the seeded warning
 * reaches Prometheus, the actuator endpoint, Logback under the site's logger and the crash ring;
 * a debug domain switched over HTTP by the operator (and only by the operator) takes effect on
 * the running loop. This class runs in a JVM of its own (surefire reuseForks=false): Faultline
 * is one runtime per process.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "faultline.app=faultline-sample-it",
        "faultline.dir=target/faultline-it/SampleServiceTest",
        "sample.loop.interval-ms=10",
        "spring.security.user.password=" + SampleServiceTest.PASSWORD,
        // Boot hides exception messages from HTTP clients by default; the test reads the refusal's.
        "server.error.include-message=always"})
// @SpringBootTest turns metrics export off unless asked: the Prometheus scrape is the point here.
@AutoConfigureObservability
class SampleServiceTest {
    static final Duration WAIT = Duration.ofSeconds(60); // generous: a loaded 2-core machine
    static final String SITE = "orders.negative-quantity";
    static final ObjectMapper JSON = new ObjectMapper();
    static final ListAppender<ILoggingEvent> SITE_LOG = new ListAppender<>();
    static final String PASSWORD = "operator-test-secret";
    static final String OPERATOR = "Basic " + Base64.getEncoder().encodeToString(
            ("operator:" + PASSWORD).getBytes(StandardCharsets.UTF_8));

    @LocalServerPort
    int port;

    @Autowired
    RequestLoop loop;

    @BeforeEach
    void listenToTheSitesLogger() {
        // A real Logback appender on the report's logger, beside the application's console output;
        // attached once the context runs (Boot resets Logback's configuration while it starts).
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger logger = context.getLogger("faultline." + SITE);
        if (logger.getAppender(SITE_LOG.getName()) == null) {
            SITE_LOG.setName("site-log");
            SITE_LOG.setContext(context);
            SITE_LOG.start();
            logger.addAppender(SITE_LOG);
        }
    }

    @AfterAll
    static void detach() {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("faultline." + SITE).detachAppender(SITE_LOG);
    }

    @Test
    void theSeededWarningReachesPrometheusTheEndpointLogbackAndTheRing() throws Exception {
        await("the request loop made the site report", () -> reported(SITE) > 0);
        assertTrue(Faultline.awaitPrinted(WAIT), "reports printed and handed to listeners");

        String prometheus = get("/actuator/prometheus");
        assertTrue(prometheus.lines().anyMatch(l -> l.startsWith("faultline_site_fired_total{")
                && l.contains("site=\"" + SITE + "\"") && l.contains("kind=\"WARNING\"")), prometheus);
        assertTrue(prometheus.contains("faultline_warnings_total"), prometheus);

        JsonNode status = JSON.readTree(get("/actuator/faultline"));
        assertEquals("faultline-sample-it", status.get("app").asText());
        JsonNode row = null;
        for (JsonNode s : status.get("sites")) {
            if (SITE.equals(s.get("site").asText())) {
                row = s;
            }
        }
        assertNotNull(row, status.toPrettyString());
        assertTrue(row.get("fired").asLong() >= row.get("reported").asLong() && row.get("reported").asLong() > 0, row.toString());
        assertEquals(16, row.get("signature").asText().length(), row.toString());
        assertTrue(row.get("title").asText().startsWith("WARNING in dev.faultline.sample.OrderController.order"), row.toString());
        assertTrue(status.get("taint").get("flags").asText().contains("W"), status.toString());
        assertTrue(status.get("policy").has("faultline.warn_limit"), status.toString());
        Path ring = Path.of(status.get("ring").asText());
        assertTrue(ring.isAbsolute() && ring.toString().contains("SampleServiceTest"), ring.toString());

        await("the report logged under its site's logger", () -> !SITE_LOG.list.isEmpty());
        ILoggingEvent event = SITE_LOG.list.get(0);
        assertEquals("faultline." + SITE, event.getLoggerName());
        assertEquals("WARN", event.getLevel().toString());
        assertNotNull(event.getThrowableProxy(), "the report's stack is attached");

        List<RingRecord> records = RingReader.read(ring).records();
        assertTrue(records.stream().anyMatch(r -> r.isReport() && r.report() != null && SITE.equals(r.report().site())),
                "the report is in the crash ring");
        assertTrue(records.stream().anyMatch(r -> r.isLogLine() && r.logger().startsWith("org.springframework")),
                "Boot's own log lines are in the ring too (the appender is on the root logger)");
    }

    @Test
    void aDebugDomainSwitchedOverHttpTakesEffectOnTheRunningLoop() throws Exception {
        long servedBefore = loop.served();
        await("the loop is running", () -> loop.served() > servedBefore + 20);
        assertEquals(0, domainFirings(), "the domain is off: its check never ran");

        String body = "{\"domain\":\"orders\",\"mode\":\"warn\"}";
        assertEquals(401, post("/actuator/faultline", body, null).statusCode(), "changes need the operator");
        assertEquals(0, domainFirings(), "nothing changed");
        HttpResponse<String> r = post("/actuator/faultline", body, OPERATOR);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("faultline: debug domain orders changed from inherit (off) to warn (via actuator from 127.0.0.1 as operator)",
                JSON.readTree(r.body()).get("change").asText());

        await("the running loop hit the ledger check", () -> domainFirings() > 0);
        JsonNode domains = JSON.readTree(get("/actuator/faultline")).get("debugDomains").get("modes");
        assertTrue(domains.toString().contains("orders = warn"), domains.toString());

        HttpResponse<String> bad = post("/actuator/faultline", "{\"key\":\"ring_size\",\"value\":\"2m\"}", OPERATOR);
        assertEquals(400, bad.statusCode(), bad.body());
        assertTrue(bad.body().contains("faultline.ring_size is read at start-up only"), bad.body());
    }

    private static long domainFirings() {
        long n = 0;
        for (SiteStats s : Faultline.sites()) {
            if (s.site().equals("orders")) {
                n += s.fired();
            }
        }
        return n;
    }

    private static long reported(String site) {
        return Faultline.sites().stream().filter(s -> s.site().equals(site)).mapToLong(SiteStats::reported).sum();
    }

    private String get(String path) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path));
        if (path.startsWith("/actuator/faultline")) {
            b.header("Authorization", OPERATOR); // its reads are for signed-in users (ActuatorSecurity)
        }
        HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return r.body();
    }

    private HttpResponse<String> post(String path, String json, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }
}
