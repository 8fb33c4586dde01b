package dev.faultline.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.Faultline;
import dev.faultline.Site;
import dev.faultline.report.Taint;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The actuator endpoint and the health indicator in real contexts: exposure by Boot's rules,
 * the status, changes with the same change lines and {@code R} taint as JMX, refusals naming
 * the key, and the health policy. One JVM for this class (the runtime is per process); the
 * module's test JVMs run in test mode.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // taint is sticky: R and D are checked in this order
class EndpointAndHealthTest {
    static final Site FIRING = Faultline.site("endpoint.firing");

    final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
            EndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class, HealthContributorAutoConfiguration.class,
            FaultlineAutoConfiguration.class, FaultlineActuatorAutoConfiguration.class));

    @Test
    void theEndpointIsNotThereUnlessExposedAndTheHealthIndicatorIsOptIn() {
        runner.run(context -> {
            assertFalse(context.containsBean("faultlineEndpoint"), "not exposed by default");
            assertFalse(context.containsBean("faultlineHealthIndicator"), "opt-in");
        });
    }

    @Test
    @Order(1)
    void statusShowsSitesWithSignaturesAndChangesPrintTheJmxLinesAndTaint() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=faultline").run(context -> {
            FaultlineEndpoint endpoint = context.getBean(FaultlineEndpoint.class);
            for (int i = 0; i < 3; i++) {
                FIRING.warnOnce(true);
            }
            assertTrue(Faultline.awaitPrinted(Duration.ofSeconds(30)));
            Map<String, Object> status = endpoint.status();
            assertEquals(Faultline.app(), status.get("app"));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> sites = (List<Map<String, Object>>) status.get("sites");
            Map<String, Object> row = sites.stream().filter(s -> "endpoint.firing".equals(s.get("site"))).findFirst().orElseThrow();
            assertEquals(3L, row.get("fired"));
            assertEquals(1L, row.get("reported"));
            assertEquals(2L, row.get("suppressed"));
            assertEquals(16, ((String) row.get("signature")).length(), row.toString());
            assertTrue(((String) row.get("title")).startsWith("WARNING in dev.faultline.spring.boot.EndpointAndHealthTest"), row.toString());
            @SuppressWarnings("unchecked")
            Map<String, String> policy = (Map<String, String>) status.get("policy");
            assertEquals("0", policy.get("faultline.warn_limit"));
            assertTrue(status.containsKey("debugDomains") && status.containsKey("ring") && status.containsKey("lastRecoveredCrash"));

            assertEquals("faultline: faultline.warn_limit changed from 0 to 100 (via actuator, unauthenticated)",
                    endpoint.change("warn_limit", "100", null, null, SecurityContext.NONE).get("change"));
            assertFalse(Faultline.taints().contains(Taint.RELAXED), "tightening is not relaxing");
            assertEquals("faultline: faultline.warn_limit changed from 100 to 0 (via actuator, unauthenticated)",
                    endpoint.change("faultline.warn_limit", "0", null, null, SecurityContext.NONE).get("change"));
            assertTrue(Faultline.taints().contains(Taint.RELAXED), "removing a limit relaxes: taint R");
            assertEquals("faultline: debug domain endpoint.demo changed from inherit (off) to once (via actuator, unauthenticated)",
                    endpoint.change(null, null, "endpoint.demo", "once", SecurityContext.NONE).get("change"));

            InvalidEndpointRequestException bad = assertThrows(InvalidEndpointRequestException.class,
                    () -> endpoint.change("warn_limit", "lots", null, null, SecurityContext.NONE));
            assertEquals("invalid value 'lots' for faultline.warn_limit: expected an integer from 0 to 2147483647", bad.getReason());
            bad = assertThrows(InvalidEndpointRequestException.class, () -> endpoint.change("ring_size", "2m", null, null, SecurityContext.NONE));
            assertTrue(bad.getReason().startsWith("faultline.ring_size is read at start-up only"), bad.getReason());
            bad = assertThrows(InvalidEndpointRequestException.class, () -> endpoint.change(null, null, "mm", "loud", SecurityContext.NONE));
            assertTrue(bad.getReason().contains("unknown mode 'loud'"), bad.getReason());
            assertThrows(InvalidEndpointRequestException.class, () -> endpoint.change("warn_limit", "1", "mm", "warn", SecurityContext.NONE));
            assertEquals("0", ((Map<?, ?>) endpoint.status().get("policy")).get("faultline.warn_limit"), "refusals change nothing");
        });
    }

    @Test
    void onABootWithoutAccessLevelsEveryChangeIsRefused() {
        // Spring Boot before 3.4 has no endpoint access levels: nothing could keep writes opt-in.
        FaultlineEndpoint endpoint = new FaultlineEndpoint(null, 5, false);
        InvalidEndpointRequestException refused = assertThrows(InvalidEndpointRequestException.class,
                () -> endpoint.change("panic_on_warn", "1", null, null, SecurityContext.NONE));
        assertTrue(refused.getReason().contains("need Spring Boot 3.4 or later"), refused.getReason());
        assertFalse(Faultline.policy().panicOnWarn(), "nothing changed");
        assertEquals(Faultline.app(), endpoint.status().get("app"), "it still reads");
    }

    @Test
    @Order(2)
    void healthIsOutOfServiceNearALimitAndDownAfterAnOops() throws Exception {
        runner.withPropertyValues("faultline.health.enabled=true", "faultline.health.limit-margin=2").run(context -> {
            FaultlineHealthIndicator health = context.getBean("faultlineHealthIndicator", FaultlineHealthIndicator.class);
            assertEquals(Status.UP, health.health().getStatus());
            long warnings = Faultline.warnCount();
            Faultline.policy().setWarnLimit((int) warnings + 3);
            assertEquals(Status.UP, health.health().getStatus(), "3 warnings to go, margin 2");
            Faultline.site("health.warning").warnOn(true);
            assertEquals(Status.OUT_OF_SERVICE, health.health().getStatus(), "2 warnings to go");
            Faultline.policy().setWarnLimit(0);
            assertEquals(Status.UP, health.health().getStatus(), "no limit, no oops: warnings alone are not unhealthy");

            Thread dying = new Thread(() -> {
                throw new IllegalStateException("a worker died");
            });
            dying.start();
            dying.join();
            assertTrue(Faultline.taints().contains(Taint.DIED), "the oops handler reported it");
            assertEquals(Status.DOWN, health.health().getStatus());
            assertEquals(Faultline.taintLine(), health.health().getDetails().get("taint"));
        });
    }

    @Test
    void theHealthIndicatorFollowsBootsOwnSwitchToo() {
        runner.withPropertyValues("faultline.health.enabled=true", "management.health.faultline.enabled=false")
                .run(context -> assertFalse(context.containsBean("faultlineHealthIndicator")));
    }
}
