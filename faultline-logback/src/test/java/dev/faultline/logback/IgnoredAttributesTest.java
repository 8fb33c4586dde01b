package dev.faultline.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Logback ignores an appender option written as an XML attribute without a word; the
 * ring appender says so in a WARN status naming the attribute and the nested element to write,
 * and takes the options written as nested elements.
 */
class IgnoredAttributesTest {
    @TempDir
    Path dir;

    @Test
    void anOptionWrittenAsAnAttributeIsNamedInAWarnStatus() throws Exception {
        Path xml = Files.writeString(dir.resolve("logback.xml"), """
                <configuration>
                  <appender name="RING" class="dev.faultline.logback.CrashRingAppender" replayLines="3">
                    <reports>false</reports>
                    <announceRecovered>false</announceRecovered>
                  </appender>
                  <root level="INFO"><appender-ref ref="RING"/></root>
                </configuration>
                """);
        LoggerContext ctx = new LoggerContext();
        try {
            JoranConfigurator c = new JoranConfigurator();
            c.setContext(ctx);
            c.doConfigure(xml.toUri().toURL());
            List<String> warnings = ctx.getStatusManager().getCopyOfStatusList().stream()
                    .filter(s -> s.getLevel() == Status.WARN).map(Status::getMessage).collect(Collectors.toList());
            assertEquals(1, warnings.stream().filter(w -> w.equals("the attribute replayLines=\"3\" on <appender"
                    + " name=\"RING\"> is ignored: Logback sets an appender's options from nested elements only; write"
                    + " <replayLines>3</replayLines> inside the appender")).count(), warnings.toString());
            assertTrue(warnings.stream().noneMatch(w -> w.contains("reports") || w.contains("announceRecovered")),
                    "nested options are taken: " + warnings);
        } finally {
            ctx.stop();
        }
    }
}
