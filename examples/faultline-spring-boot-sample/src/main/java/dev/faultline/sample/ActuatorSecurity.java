package dev.faultline.sample;

import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may use the actuator: health and Prometheus for anyone (probes, scrapers); the
 * {@code faultline} endpoint's reads for any signed-in user; its changes ({@code POST}, which can
 * make the next request halt the service) only for the role {@code FAULTLINE_ADMIN}, over HTTP
 * basic. The application's own API stays open. Changes are possible at all only because
 * {@code application.yml} sets {@code management.endpoint.faultline.access: unrestricted};
 * each one is logged and recorded in the crash ring with the caller's address and user name.
 */
@Configuration(proxyBeanMethods = false)
public class ActuatorSecurity {
    // [actuator-security]
    @Bean
    SecurityFilterChain actuator(HttpSecurity http) throws Exception {
        http.securityMatcher(EndpointRequest.toAnyEndpoint())
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(EndpointRequest.to("health", "prometheus")).permitAll()
                        .requestMatchers(EndpointRequest.to("faultline").withHttpMethod(HttpMethod.POST))
                        .hasRole("FAULTLINE_ADMIN")
                        .anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults())
                // Called by scripts and operators' tools, not by browsers: no CSRF token to send.
                .csrf(csrf -> csrf.ignoringRequestMatchers(EndpointRequest.toAnyEndpoint()));
        return http.build();
    }
    // [/actuator-security]

    /** Everything else (the order API) as before: open. */
    @Bean
    SecurityFilterChain application(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        return http.build();
    }
}
