package dev.faultline.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.Captured;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The hangs page's loop runs its tasks and ends when told; idle waiting is no lockup. */
class EventLoopTest {
    @RegisterExtension
    final Captured captured = new Captured();

    @Test
    void theLoopRunsTasksAndStops() throws Exception {
        EventLoop loop = new EventLoop();
        BlockingQueue<EventLoop.Task> queue = new ArrayBlockingQueue<>(4);
        AtomicInteger ran = new AtomicInteger();
        queue.put(ran::incrementAndGet);
        queue.put(ran::incrementAndGet);
        queue.put(() -> loop.running = false);
        loop.loop(queue);
        assertEquals(2, ran.get());
        assertTrue(captured.reports.isEmpty(), captured.console());
    }
}
