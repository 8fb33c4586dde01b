package dev.faultline.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.lang.reflect.Field;
import java.net.URL;
import org.junit.jupiter.api.Test;

/**
 * The appender's options as docs/integrations/logging.md writes them — nested elements — take
 * effect in real Logback; written as XML attributes they are silently ignored, which is why the
 * page says so.
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
    void attributesAreIgnoredByLogback() throws Exception {
        CrashRingAppender ring = load("/docs/logback-attributes.xml");
        assertEquals(true, field(ring, "announceRecovered"), "Logback applied an attribute after all: fix the page");
        assertEquals(0, field(ring, "replayLines"), "Logback applied an attribute after all: fix the page");
        assertEquals(java.util.List.of(), statuses, "Logback said something about the attributes: fix the page");
    }
}
