package dev.faultline.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.faultline.Faultline;
import dev.faultline.ring.RingReader;
import dev.faultline.ring.RingRecord;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may change a running process through the actuator endpoint, on a real embedded Tomcat with
 * real HTTP requests: exposed but not opted in, a {@code POST} is refused by Boot (the write
 * operation is not there) and nothing changes; opted in with
 * {@code management.endpoint.faultline.access=unrestricted}, the change is made and its line
 * names the remote address and the principal (or says there was none) in the crash ring and in
 * the application's log. One JVM for this class: the Faultline runtime is per process.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndpointAccessTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final String NO_SECURITY = "spring.autoconfigure.exclude="
            + "org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration,"
            + "org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration,"
            + "org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration";

    /** A service with the endpoint exposed over the web and no security: what the issue reproduced. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Open {
    }

    /** A Spring Security chain in the manner of docs/integrations/spring-boot.md's example: reads for everyone, changes for FAULTLINE_ADMIN over HTTP basic. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Secured {
        @Bean
        SecurityFilterChain actuator(HttpSecurity http) throws Exception {
            http.securityMatcher(EndpointRequest.toAnyEndpoint())
                    .authorizeHttpRequests(requests -> requests
                            .requestMatchers(EndpointRequest.to("faultline").withHttpMethod(HttpMethod.POST))
                            .hasRole("FAULTLINE_ADMIN")
                            .anyRequest().permitAll())
                    .httpBasic(Customizer.withDefaults())
                    // Non-browser clients with HTTP basic: no CSRF token to send.
                    .csrf(csrf -> csrf.ignoringRequestMatchers(EndpointRequest.toAnyEndpoint()));
            return http.build();
        }

        @Bean
        InMemoryUserDetailsManager users() {
            return new InMemoryUserDetailsManager(
                    User.withUsername("alice").password("{noop}alice-secret").roles("FAULTLINE_ADMIN").build(),
                    User.withUsername("bob").password("{noop}bob-secret").roles("VIEWER").build());
        }
    }

    static ConfigurableApplicationContext start(Class<?> app, String... properties) {
        List<String> all = new ArrayList<>(List.of("server.port=0", "spring.main.banner-mode=off",
                "management.endpoints.web.exposure.include=health,faultline",
                "faultline.dir=target/faultline-it/EndpointAccessTest", "faultline.console=off"));
        all.addAll(List.of(properties));
        return new SpringApplicationBuilder(app).properties(all.toArray(new String[0])).run();
    }

    static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    static HttpResponse<String> post(int port, String json, String user) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/faultline"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + user + "-secret").getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(int port) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/faultline")).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A real Logback appender on the endpoint's logger, attached once the context runs (Boot resets Logback as it starts). */
    static ListAppender<ILoggingEvent> endpointLog() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger logger = context.getLogger(FaultlineEndpoint.class.getName());
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.setName("endpoint-log");
        log.setContext(context);
        log.start();
        logger.addAppender(log);
        return log;
    }

    /** This run's crash-ring records whose text contains {@code text}. */
    static List<RingRecord> ringRecords(String text) throws Exception {
        assertTrue(Faultline.awaitPrinted(WAIT));
        Path ring = Faultline.ring().file();
        assertTrue(ring != null, "the ring is on");
        return RingReader.read(ring).records().stream().filter(r -> r.message() != null && r.message().contains(text))
                .collect(Collectors.toList());
    }

    @Test
    @Order(1)
    void exposedButNotOptedInAPostIsRefusedAndChangesNothing() throws Exception {
        try (ConfigurableApplicationContext context = start(Open.class, NO_SECURITY)) {
            int port = port(context);
            assertEquals(200, get(port).statusCode(), "reads are allowed");
            HttpResponse<String> r = post(port, "{\"key\":\"panic_on_warn\",\"value\":\"1\"}", null);
            // The write operation is not mapped: Spring MVC answers 405 for a POST to a GET-only path.
            assertEquals(405, r.statusCode(), r.body());
            r = post(port, "{\"domain\":\"*\",\"mode\":\"panic\"}", null);
            assertEquals(405, r.statusCode(), r.body());
            assertFalse(Faultline.policy().panicOnWarn(), "nothing changed");
            assertEquals("off", Faultline.debugDomains().mode("*").token(), "nothing changed");
        }
    }

    @Test
    @Order(2)
    void optedInWithoutSecurityTheChangeNamesTheRemoteAddressAndNoPrincipal() throws Exception {
        try (ConfigurableApplicationContext context = start(Open.class, NO_SECURITY,
                "management.endpoint.faultline.access=unrestricted")) {
            ListAppender<ILoggingEvent> log = endpointLog();
            HttpResponse<String> r = post(port(context), "{\"key\":\"warn_limit\",\"value\":\"77\"}", null);
            assertEquals(200, r.statusCode(), r.body());
            String line = "faultline: faultline.warn_limit changed from 0 to 77 (via actuator from 127.0.0.1, unauthenticated)";
            assertTrue(r.body().contains(line), r.body());
            assertEquals(77, Faultline.policy().warnLimit());
            assertEquals(1, ringRecords(line.substring("faultline: ".length())).stream()
                    .filter(rec -> rec.kind().equals("CONFIG")).count(), "the change line is a Faultline record in the ring");
            assertTrue(log.list.stream().anyMatch(e -> e.getFormattedMessage().equals(line)
                    && e.getLevel().toString().equals("WARN")), log.list.toString());
            Faultline.policy().setWarnLimit(0);
        }
    }

    @Test
    @Order(3)
    void optedInBehindSpringSecurityTheChangeNamesThePrincipal() throws Exception {
        try (ConfigurableApplicationContext context = start(Secured.class,
                "management.endpoint.faultline.access=unrestricted")) {
            int port = port(context);
            ListAppender<ILoggingEvent> log = endpointLog();
            assertEquals(200, get(port).statusCode(), "reads are open in this configuration");
            assertEquals(401, post(port, "{\"key\":\"warn_limit\",\"value\":\"5\"}", null).statusCode(), "no credentials");
            assertEquals(403, post(port, "{\"key\":\"warn_limit\",\"value\":\"5\"}", "bob").statusCode(), "not an admin");
            assertEquals(0, Faultline.policy().warnLimit(), "nothing changed");

            HttpResponse<String> r = post(port, "{\"domain\":\"access.demo\",\"mode\":\"warn\"}", "alice");
            assertEquals(200, r.statusCode(), r.body());
            String line = "faultline: debug domain access.demo changed from inherit (off) to warn"
                    + " (via actuator from 127.0.0.1 as alice)";
            assertTrue(r.body().contains(line), r.body());
            // One ring record, Faultline's own (its text without the console's prefix); the
            // application's log line for it is marked and not stored again.
            List<RingRecord> inRing = ringRecords(line.substring("faultline: ".length()));
            assertEquals(1, inRing.size(), "one ring record for the change: " + inRing);
            assertEquals("CONFIG", inRing.get(0).kind());
            assertTrue(log.list.stream().anyMatch(e -> e.getFormattedMessage().equals(line)), log.list.toString());

            HttpResponse<String> bad = post(port, "{\"key\":\"warn_limit\",\"value\":\"lots\\nfaultline: forged\"}", "alice");
            assertEquals(400, bad.statusCode(), bad.body());
            assertTrue(log.list.stream().anyMatch(e -> e.getLevel().toString().equals("INFO") && e.getFormattedMessage()
                    .equals("faultline: change refused (via actuator from 127.0.0.1 as alice): invalid value 'lots?faultline:"
                            + " forged' for faultline.warn_limit: expected an integer from 0 to 2147483647")),
                    "a refusal is logged with who asked, on one line\n" + log.list);
            assertTrue(Faultline.debugDomains().status().stream()
                    .anyMatch(l -> l.startsWith("access.demo = warn (set via actuator from 127.0.0.1 as alice")),
                    Faultline.debugDomains().status().toString());
            Faultline.debugDomains().inherit("access.demo");
        }
    }
}
