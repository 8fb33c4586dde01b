package dev.faultline.bench.fleet;

import com.sun.net.httpserver.HttpServer;
import dev.faultline.micrometer.FaultlineMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * One host of bench/fleet: its own Faultline runtime and Prometheus registry, bound with
 * {@link FaultlineMetrics}, serving {@code /metrics} on 127.0.0.1. It fires the seeded bugs of
 * the build on its class path ({@code fleet.Bugs}, compiled by bench/fleet from one source with
 * lines shifted per build) a seeded number of times, prints {@code FIRED <bug> <n>} for each
 * and {@code READY <port>}, then serves until {@code args[1]} seconds have passed.
 *
 * <p>Arguments: node index (the seed), seconds to live.
 */
public final class FleetNode {
    private FleetNode() {}

    public static void main(String[] args) throws Exception {
        int node = Integer.parseInt(args[0]);
        long liveSeconds = Long.parseLong(args[1]);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new FaultlineMetrics().bindTo(registry);

        Class<?> bugs = Class.forName("fleet.Bugs");
        String[] names = (String[]) bugs.getField("NAMES").get(null);
        Method fire = bugs.getMethod("fire", int.class);
        SplittableRandom random = new SplittableRandom(node * 7919L + 17);
        StringBuilder fired = new StringBuilder();
        for (int bug = 0; bug < names.length; bug++) {
            int n = random.nextInt(1, 40);
            int counted = 0;
            for (int i = 0; i < n; i++) {
                if ((boolean) fire.invoke(null, bug)) {
                    counted++;
                }
            }
            fired.append("FIRED ").append(names[bug]).append(' ').append(counted).append('\n');
        }

        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/metrics", exchange -> {
            byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        System.out.print(fired);
        System.out.println("READY " + server.getAddress().getPort());
        System.out.flush();
        Thread.sleep(liveSeconds * 1000);
        server.stop(0);
        System.exit(0);
    }
}
