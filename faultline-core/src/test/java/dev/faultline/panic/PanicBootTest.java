package dev.faultline.panic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.Faultline;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What the boot prepares for a panic, before anything has failed. */
class PanicBootTest {
    @Test
    void theBootPreparesThePanicPathWithoutComplaint() {
        Faultline.taints(); // boots the runtime if no other test has
        List<String> problems = Faultline.configurationProblems().stream()
                .filter(p -> p.contains("for the panic path") || p.contains("the panic thread")
                        || p.contains("built-in dumpers") || p.contains("ahead of time"))
                .collect(Collectors.toList());
        assertEquals(List.of(), problems);
    }

    @Test
    void thePanicThreadIsAlreadyRunningAndWaiting() {
        Faultline.taints();
        Thread panic = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("faultline-panic")).findFirst().orElseThrow();
        assertTrue(panic.isDaemon(), "it must not keep the JVM alive");
        assertTrue(panic.isAlive());
    }

    @Test
    void theDefaultBuiltInDumpersAreTheThreadAndJfrDumps() {
        Faultline.taints();
        assertTrue(Panics.dumperNames().containsAll(List.of("threads", "jfr")), Panics.dumperNames().toString());
        assertTrue(!Panics.dumperNames().contains("heap"), "the heap dump is opt-in");
    }
}
