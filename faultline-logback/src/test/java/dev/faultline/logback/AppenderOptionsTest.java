package dev.faultline.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.lang.reflect.Field;
import java.net.URL;
import org.junit.jupiter.api.Test;

/**
 * The appender's options as docs/integrations/logging.md writes them — nested elements — take
 * effect in real Logback; written as XML attributes Logback ignores them and only the appender's
 * own WARN status says so, which is why the page shows the elements.
 */
class AppenderOptionsTest {
    static CrashRingAppender load(String resource) throws Exception {
        URL xml = AppenderOptionsTest.class.getResource(resource);
        assertNotNull(xml, resource);
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(xml);
        CrashRingAppender ring = (CrashRingAppender) context.getLogger("ROOT").getAppender("RING");
        statuses = context.getStatusManager().getCopyOfStatusList().stream()
                .filter(st -> st.getLevel() > ch.qos.logback.core.status.Status.INFO).map(Object::toString).toList();
        context.stop();
        return ring;
    }

    static java.util.List<String> statuses = java.util.List.of();

    static Object field(CrashRingAppender appender, String name) throws Exception {
        Field f = CrashRingAppender.class.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(appender);
    }

    @Test
    void nestedElementsSetTheOptions() throws Exception {
        CrashRingAppender ring = load("/docs/logback-options.xml");
        assertEquals(true, field(ring, "reports"));
        assertEquals(false, field(ring, "announceRecovered"));
        assertEquals(20, field(ring, "replayLines"));
    }

    @Test
    void attributesAreIgnoredByLogbackAndTheAppenderSaysSo() throws Exception {
        CrashRingAppender ring = load("/docs/logback-attributes.xml");
        assertEquals(true, field(ring, "announceRecovered"), "Logback applied an attribute after all: fix the page");
        assertEquals(0, field(ring, "replayLines"), "Logback applied an attribute after all: fix the page");
        // Logback itself says nothing; the appender does, in one WARN status per attribute.
        assertTrue(statuses.stream().anyMatch(st -> st.contains("replayLines=\"20\"") && st.contains("<replayLines>20</replayLines>")),
                statuses.toString());
    }
}
