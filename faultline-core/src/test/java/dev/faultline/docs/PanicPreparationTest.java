package dev.faultline.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.Faultline;
import dev.faultline.PanicError;
import dev.faultline.fixtures.Captured;
import dev.faultline.panic.Panics;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The panic page's registrations run, and a panic then calls the notifier and prints the dumper's line. */
class PanicPreparationTest {
    @RegisterExtension
    final Captured captured = new Captured();

    @Test
    void aPanicRunsTheRegisteredNotifierAndDumper() {
        AtomicInteger drained = new AtomicInteger();
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        new PanicPreparation(() -> List.of("order-7"), drained::incrementAndGet).prepare();
        try {
            assertTrue(Panics.dumperNames().contains("orders-in-flight"), Panics.dumperNames().toString());
            assertThrows(PanicError.class, () -> Faultline.panic("example"));
            assertEquals(1, drained.get());
            assertTrue(captured.console().contains("in flight: [order-7]"), captured.console());
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
    }
}
