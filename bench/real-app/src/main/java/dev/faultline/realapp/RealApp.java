package dev.faultline.realapp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small clinic service of the usual shape: Spring MVC controllers over Spring Data JPA
 * repositories on an embedded H2 database, with the actuator. The load generator
 * ({@link LoadBench}) measures it built with and without faultline-spring-boot-starter.
 */
@SpringBootApplication
public class RealApp {
    public static void main(String[] args) {
        SpringApplication.run(RealApp.class, args);
    }
}
