package dev.faultline.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import dev.faultline.ring.RingRecord;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logback reconfigured (reset and reloaded) while four threads log: nothing throws, and lines keep landing in the ring. */
class ReconfigureWhileAppendingTest {
    /**
     * Three rounds, because Logback's stale appender array (see {@link AppenderListHeal}) came
     * in about half of single rounds before the repair: without it, three rounds fail 7 times in 8.
     */
    @Test
    void reconfigurationWhileAppending() throws Exception {
        for (int round = 0; round < 3; round++) {
            round();
        }
    }

    private void round() throws Exception {
        LoggerContext ctx = Rings.context();
        URL config = getClass().getResource("/logback-test.xml");
        String tag = "reconf-" + System.nanoTime();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong[] logged = new AtomicLong[4];
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            AtomicLong n = logged[t] = new AtomicLong();
            Logger log = LoggerFactory.getLogger("app.reconf." + t);
            int id = t;
            Thread th = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        log.info("{} t{} n{}", tag, id, n.incrementAndGet());
                    }
                    // The line checked below: written after every reconfiguration, and last, so
                    // the other writers' lines cannot have wrapped the ring over it.
                    log.info("{} t{} n{} last", tag, id, n.get());
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "reconf-writer-" + t);
            threads.add(th);
            th.start();
        }
        int reconfigurations = 20;
        for (int i = 0; i < reconfigurations; i++) {
            JoranConfigurator jc = new JoranConfigurator();
            jc.setContext(ctx);
            ctx.reset();
            jc.doConfigure(config);
            Thread.sleep(10);
        }
        // The repair's later passes (10 and 100 ms after the configuration ended) catch a
        // writer that was paused in the middle of rebuilding Logback's appender array.
        Thread.sleep(150);
        long[] atLast = new long[4];
        for (int t = 0; t < 4; t++) {
            atLast[t] = logged[t].get();
        }
        // Every writer logs through the final configuration before they stop (a starved thread too).
        for (int t = 0; t < 4; t++) {
            while (logged[t].get() <= atLast[t] + 1 && failure.get() == null) {
                Thread.sleep(1);
            }
        }
        stop.set(true);
        for (Thread th : threads) {
            th.join(30_000);
        }
        assertEquals(null, failure.get());
        for (Status s : ctx.getStatusManager().getCopyOfStatusList()) {
            assertTrue(!s.getMessage().contains("crash ring"), "appender error: " + s);
        }
        // After the last reconfiguration every thread's last line is in the ring.
        List<RingRecord> mine = Rings.containing(tag);
        for (int t = 0; t < 4; t++) {
            String last = tag + " t" + t + " n" + logged[t].get() + " last";
            String prefix = tag + " t" + t + " ";
            assertTrue(mine.stream().anyMatch(r -> r.message().equals(last)), () -> "missing " + last
                    + " (in Logback's list appender: " + Rings.list().list.stream()
                            .anyMatch(e -> e.getFormattedMessage().equals(last)) + ")"
                    + "; this writer's newest lines in the ring: " + mine.stream().map(RingRecord::message)
                    .filter(m -> m.startsWith(prefix)).skip(Math.max(0, mine.stream()
                            .filter(r -> r.message().startsWith(prefix)).count() - 3)).collect(Collectors.toList()));
        }
        System.out.println(reconfigurations + " reconfigurations while 4 threads logged "
                + (logged[0].get() + logged[1].get() + logged[2].get() + logged[3].get()) + " lines");
    }
}
