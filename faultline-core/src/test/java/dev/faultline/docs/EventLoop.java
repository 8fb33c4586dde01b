package dev.faultline.docs;

import dev.faultline.Faultline;
import dev.faultline.Watchdog;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;

/** docs/guide/hangs.md: an event loop under a watchdog. */
final class EventLoop {
    interface Task {
        void run();
    }

    volatile boolean running = true;

    void loop(BlockingQueue<Task> queue) throws InterruptedException {
        // [watchdog]
        try (Watchdog watchdog = Faultline.watchdog("event-loop", Duration.ofSeconds(2))) {
            while (running) {
                watchdog.idle();                  // waiting for work is never a lockup
                Task task = queue.take();
                watchdog.touch();                 // from here on it must touch again within 2 s
                task.run();
            }
        }
        // [/watchdog]
    }
}
