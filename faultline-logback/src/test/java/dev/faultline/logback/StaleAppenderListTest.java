package dev.faultline.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.spi.ConfigurationEvent;
import java.lang.reflect.Field;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Logback's race, set up deterministically: a logger's cached appender array left without an
 * appender that is attached, yet marked fresh. That is the state a thread leaves when it
 * rebuilds the array from a list read before an attach and stores it after the attach marked
 * the cache stale; {@link ReconfigureWhileAppendingTest} reaches it by chance. Here it is
 * written into Logback's fields directly, so these tests name those fields and fail loudly if
 * a Logback upgrade renames them.
 */
class StaleAppenderListTest {
    @Test
    void aStaleArrayMarkedFreshSkipsTheAttachedAppenderUntilRepaired() throws Exception {
        LoggerContext ctx = new LoggerContext();
        ctx.start();
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Counting first = counting(ctx, "FIRST");
        Counting second = counting(ctx, "SECOND");
        root.addAppender(first);
        root.info("array cached with FIRST only");
        root.addAppender(second);
        leaveStale(root, first);

        root.info("skips SECOND");
        assertEquals(0, second.events.get(), "the stale array skips SECOND (Logback's behaviour this repair is for)");
        root.info("still skips SECOND");
        assertEquals(0, second.events.get());

        AppenderListHeal.heal(ctx);
        root.info("reaches both");
        assertEquals(1, second.events.get(), "after the repair every attached appender is called");
        assertEquals(4, first.events.get());
        assertTrue(root.isAttached(first) && root.isAttached(second), "the repair attached and detached nothing");
        ctx.stop();
    }

    @Test
    void theRingAppenderRepairsItsContextWhenAConfigurationEnds() throws Exception {
        LoggerContext ctx = new LoggerContext();
        ctx.start();
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Counting user = counting(ctx, "USER");
        CrashRingAppender ring = new CrashRingAppender();
        ring.setContext(ctx);
        ring.setReports(false);
        ring.setAnnounceRecovered(false);
        ring.start();
        root.addAppender(user);
        root.addAppender(ring);
        Counting late = counting(ctx, "LATE");
        root.addAppender(late);
        leaveStale(root, user);
        root.info("skips the ring appender and LATE");
        assertEquals(0, late.events.get());

        ctx.fireConfigurationEvent(ConfigurationEvent.newConfigurationEndedSuccessfullyEvent(this));
        String marker = "after-repair-" + System.nanoTime();
        root.info(marker);
        assertEquals(1, late.events.get(), "LATE, the user's appender, is called again");
        assertEquals(1, Rings.containing(marker).size(), "the ring appender is called again");
        ctx.stop();
    }

    /** Writes into {@code logger}'s appender cache an array holding only {@code only}, marked fresh. */
    private static void leaveStale(Logger logger, Object only) throws Exception {
        Object aai = field(Logger.class, "aai").get(logger);
        Object list = field(aai.getClass(), "appenderList").get(aai);
        Object[] stale = (Object[]) java.lang.reflect.Array.newInstance(ch.qos.logback.core.Appender.class, 1);
        stale[0] = only;
        field(list.getClass(), "ourCopy").set(list, stale);
        ((AtomicBoolean) field(list.getClass(), "fresh").get(list)).set(true);
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field f = type.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }

    private static Counting counting(LoggerContext ctx, String name) {
        Counting c = new Counting();
        c.setContext(ctx);
        c.setName(name);
        c.start();
        return c;
    }

    private static final class Counting extends AppenderBase<ILoggingEvent> {
        final AtomicInteger events = new AtomicInteger();

        @Override
        protected void append(ILoggingEvent e) {
            events.incrementAndGet();
        }
    }
}
