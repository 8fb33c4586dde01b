package dev.faultline.internal.exit;

import dev.faultline.ring.RingRecord;
import java.util.function.Consumer;

/**
 * What a dead run's records say about its end, collected record by record while its ring is
 * read once (none is kept): its facts, the first signal, the last shutdown tick, the last
 * heartbeat, the last heap alarm, the last record that names an {@code OutOfMemoryError}.
 */
public final class ExitClues implements Consumer<RingRecord> {
    RunFacts facts;
    String signal;
    long signalMillis;
    String shutdownTick;
    long shutdownTickMillis;
    String heartbeat;
    long heartbeatMillis;
    String heapAlarm;
    long heapAlarmMillis;
    String oom;
    long oomMillis;
    long lastMillis;
    /** Newest record time other than the run's own exit marks (a clean mark is belied by records after it). */
    private long lastOtherMillis;

    /** True when a record other than a shutdown tick was written after {@code millis}. */
    public boolean after(long millis) {
        return lastOtherMillis > millis;
    }

    @Override
    public void accept(RingRecord r) {
        long t = r.timeMillis();
        lastMillis = Math.max(lastMillis, t);
        String logger = r.logger();
        if (!ExitMarks.LOGGER.equals(logger) && !Heartbeat.LOGGER.equals(logger)) {
            lastOtherMillis = Math.max(lastOtherMillis, t);
        }
        if (!r.isReport() && ExitMarks.LOGGER.equals(logger)) {
            String m = r.payload();
            if (m.startsWith(RunFacts.HEADING + "\n")) {
                if (facts == null) {
                    facts = RunFacts.parse(m);
                }
            } else if (m.startsWith(ExitMarks.SIGNAL)) {
                if (signal == null) {
                    int end = m.indexOf(' ', ExitMarks.SIGNAL.length());
                    signal = m.substring(ExitMarks.SIGNAL.length() - 3, end < 0 ? m.length() : end);
                    signalMillis = t;
                }
            } else if (m.startsWith(ExitMarks.SHUTTING_DOWN)) {
                if (t >= shutdownTickMillis) {
                    shutdownTick = m;
                    shutdownTickMillis = t;
                }
            } else if (m.startsWith(Heartbeat.HEAP_ALARM) && t >= heapAlarmMillis) {
                heapAlarm = m;
                heapAlarmMillis = t;
            }
            return;
        }
        if (!r.isReport() && Heartbeat.LOGGER.equals(logger)) {
            if (t >= heartbeatMillis) {
                heartbeat = r.payload();
                heartbeatMillis = t;
            }
            return;
        }
        if (r.payload().contains("OutOfMemoryError") && t >= oomMillis) {
            oom = r.firstLine();
            oomMillis = t;
        }
    }
}
