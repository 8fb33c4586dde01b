package dev.faultline.logback;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.faultline.Faultline;
import dev.faultline.ring.RingReader;
import dev.faultline.ring.RingRecord;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/** Reads this test JVM's own crash ring and Logback's list appender. */
final class Rings {
    private Rings() {}

    static List<RingRecord> records() {
        assertNotNull(Faultline.ring().file(), "the test JVM has a file-backed ring");
        return RingReader.read(Faultline.ring().file()).records();
    }

    static List<RingRecord> containing(String text) {
        return records().stream().filter(r -> r.message().contains(text)).collect(Collectors.toList());
    }

    static LoggerContext context() {
        return (LoggerContext) LoggerFactory.getILoggerFactory();
    }

    @SuppressWarnings("unchecked")
    static ListAppender<ILoggingEvent> list() {
        Logger root = context().getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        return (ListAppender<ILoggingEvent>) root.getAppender("LIST");
    }
}
