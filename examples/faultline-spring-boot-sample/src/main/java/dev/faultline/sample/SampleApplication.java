package dev.faultline.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small order service using the Faultline starter: {@link OrderController} serves orders and
 * carries the checks, {@link RequestLoop} keeps requests coming. Run it with
 * {@code ./mvnw -pl examples/faultline-spring-boot-sample spring-boot:run}-style launchers or
 * from the IDE; the integration test starts it on a random port.
 */
@SpringBootApplication
public class SampleApplication {
    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
