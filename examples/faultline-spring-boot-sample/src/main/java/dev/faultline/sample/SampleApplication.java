package dev.faultline.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small order service using the Faultline starter: {@link OrderController} serves orders and
 * carries the checks, {@link RequestLoop} keeps requests coming. Run it from the IDE, or with
 * {@code java -cp target/classes:CLASSPATH dev.faultline.sample.SampleApplication} where
 * {@code ./mvnw -q -pl examples/faultline-spring-boot-sample dependency:build-classpath
 * -Dmdep.outputFile=cp.txt} writes CLASSPATH; {@code SampleServiceTest} starts it on a random port.
 */
@SpringBootApplication
public class SampleApplication {
    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
