package dev.faultline.opentelemetry;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * An OTLP/HTTP logs receiver on 127.0.0.1: decodes each {@code /v1/logs} request with the
 * OTLP protobuf classes, as a collector would, and keeps the records.
 */
final class OtlpReceiver implements AutoCloseable {
    /** One decoded record: scope name, severity, body and attributes (values as strings). */
    static final class Received {
        final String scope;
        final String severityText;
        final int severityNumber;
        final String body;
        final Map<String, String> attributes;

        Received(String scope, LogRecord r) {
            this.scope = scope;
            this.severityText = r.getSeverityText();
            this.severityNumber = r.getSeverityNumberValue();
            this.body = r.getBody().getStringValue();
            Map<String, String> a = new HashMap<>();
            for (KeyValue kv : r.getAttributesList()) {
                a.put(kv.getKey(), text(kv.getValue()));
            }
            this.attributes = a;
        }

        private static String text(AnyValue v) {
            switch (v.getValueCase()) {
                case STRING_VALUE: return v.getStringValue();
                case INT_VALUE: return Long.toString(v.getIntValue());
                case BOOL_VALUE: return Boolean.toString(v.getBoolValue());
                case DOUBLE_VALUE: return Double.toString(v.getDoubleValue());
                default: return v.toString();
            }
        }

        @Override
        public String toString() {
            return severityText + " " + body + " " + attributes;
        }
    }

    private final HttpServer server;
    private final List<Received> records = new ArrayList<>();
    private int requests;

    OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/logs", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                ExportLogsServiceRequest request = ExportLogsServiceRequest.parseFrom(in.readAllBytes());
                synchronized (this) {
                    requests++;
                    for (ResourceLogs rl : request.getResourceLogsList()) {
                        for (ScopeLogs sl : rl.getScopeLogsList()) {
                            for (LogRecord r : sl.getLogRecordsList()) {
                                records.add(new Received(sl.getScope().getName(), r));
                            }
                        }
                    }
                    notifyAll();
                }
                byte[] ok = ExportLogsServiceResponse.getDefaultInstance().toByteArray();
                exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, ok.length == 0 ? -1 : ok.length);
                if (ok.length > 0) {
                    exchange.getResponseBody().write(ok);
                }
            } catch (RuntimeException | Error e) {
                // HttpServer drops a handler's throwable silently: say it, then fail the exchange.
                e.printStackTrace();
                exchange.sendResponseHeaders(500, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/logs";
    }

    /** Waits (at most {@code millis}) until a record matches; returns it or fails listing all. */
    synchronized Received await(Predicate<Received> match, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        for (;;) {
            for (Received r : records) {
                if (match.test(r)) {
                    return r;
                }
            }
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new AssertionError("no matching record within " + millis + " ms in " + requests
                        + " requests: " + records);
            }
            wait(left);
        }
    }

    synchronized List<Received> records() {
        return new ArrayList<>(records);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
