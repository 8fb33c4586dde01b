package dev.faultline.internal.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.JfrMain;
import dev.faultline.fixtures.Jvm;
import dev.faultline.fixtures.WarnOnceMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/** A real recording in a child JVM, read back with {@link RecordingFile}. */
class JfrEventsTest {
    @Test
    void everyReportDuringARecordingIsAnEventAndStatisticsArePeriodic() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "jfr-events").toAbsolutePath());
        Path file = dir.resolve("child-" + System.nanoTime() + ".jfr");
        Jvm.Result r = Jvm.run(JfrMain.class, List.of(), Duration.ofSeconds(90), file.toString());
        assertTrue(r.stdout.contains("DONE"), r.toString());
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        List<RecordedEvent> reports = events.stream()
                .filter(e -> e.getEventType().getName().equals("dev.faultline.Report")).collect(Collectors.toList());
        assertEquals(List.of("inside 0", "inside 1", "inside 2"),
                reports.stream().map(e -> e.getString("message")).collect(Collectors.toList()),
                "only the reports made while recording");
        RecordedEvent first = reports.get(0);
        assertEquals("WARNING", first.getString("kind"));
        assertEquals("ledger.negative-balance", first.getString("site"));
        assertEquals(16, first.getString("signature").length());
        assertEquals("WARNING in dev.faultline.fixtures.JfrMain.main", first.getString("title"));
        assertEquals("W", first.getString("taint"), "the first report already carried taint W");
        assertTrue(first.getLong("sequence") > 1);
        assertTrue(first.getString("stack").startsWith("dev.faultline.fixtures.JfrMain.main(JfrMain.java:"),
                first.getString("stack"));
        List<RecordedEvent> stats = events.stream()
                .filter(e -> e.getEventType().getName().equals("dev.faultline.Statistics")).collect(Collectors.toList());
        assertTrue(stats.size() >= 1, "periodic statistics events: " + stats.size());
        RecordedEvent last = stats.get(stats.size() - 1);
        assertEquals(4, last.getLong("warnCount"));
        assertEquals(0, last.getLong("oopsCount"));
        assertEquals("W", last.getString("taint"));
        System.out.println("JFR events: " + reports.size() + " reports, " + stats.size() + " statistics");
    }

    @Test
    void coreWorksInARuntimeWithoutJfr() throws Exception {
        Jvm.Result r = Jvm.run(WarnOnceMain.class, List.of("--limit-modules", "java.base"), Duration.ofSeconds(60));
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.contains("jdk.jfr absent\nwarn count 1\n"), r.toString());
        assertTrue(r.stderr.contains("Signature: "), r.toString());
        // The one line about JMX is expected; nothing about JFR may fail.
        assertTrue(!r.stderr.contains("jfr") && !r.stderr.contains("JFR"), r.toString());
    }
}
