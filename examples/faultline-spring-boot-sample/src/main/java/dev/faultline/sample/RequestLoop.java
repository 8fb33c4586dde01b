package dev.faultline.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Traffic for the sample: once the web server is up, one client thread requests
 * {@code /orders/1}, {@code /orders/2}, ... every {@code sample.loop.interval-ms} (default 20 ms)
 * until the application stops. Stopped before the web server (a higher lifecycle phase).
 */
@Component
public class RequestLoop implements ApplicationListener<WebServerInitializedEvent>, SmartLifecycle {
    private static final Log LOG = LogFactory.getLog(RequestLoop.class);

    private final AtomicLong served = new AtomicLong();
    private final long intervalMs;
    private volatile Thread thread;
    private volatile boolean running;

    public RequestLoop(@org.springframework.beans.factory.annotation.Value("${sample.loop.interval-ms:20}") long intervalMs) {
        this.intervalMs = intervalMs;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if ("management".equals(event.getApplicationContext().getServerNamespace())) {
            return; // the management server, when it has a port of its own
        }
        int port = event.getWebServer().getPort();
        Thread t = new Thread(() -> loop(port), "sample-request-loop");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    private void loop(int port) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long id = 0;
        while (running && !Thread.currentThread().isInterrupted()) {
            id++;
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/orders/" + id))
                        .timeout(Duration.ofSeconds(10)).build();
                client.send(request, HttpResponse.BodyHandlers.discarding());
                served.incrementAndGet();
                Thread.sleep(intervalMs);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                LOG.debug("request " + id + " failed: " + e);
            }
        }
    }

    /** Requests answered so far. */
    public long served() {
        return served.get();
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return DEFAULT_PHASE; // above the web server's phases: the loop stops first
    }
}
