package dev.faultline.panic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.faultline.fixtures.Jvm;
import dev.faultline.fixtures.PanicMain;
import dev.faultline.ring.RingReader;
import dev.faultline.ring.RingRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The out-of-memory panic, repeated: a thread fills a 16 MiB heap and dies of it with
 * {@code panic_on_oom}; every trial must exit with the panic code and leave exactly one PANIC
 * record in its crash ring. A few trials in the default build; {@code -Ptorture} runs 50
 * ({@code panic.oom.trials}).
 */
class OomPanicTrialsTest {
    static final int TRIALS = Integer.getInteger("panic.oom.trials", 3);
    static final Duration TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path tmp;

    @Test
    void everyOutOfMemoryPanicLeavesExactlyOnePanicRecord() throws Exception {
        List<String> failures = new ArrayList<>();
        for (int trial = 1; trial <= TRIALS; trial++) {
            Path ringDir = tmp.resolve("ring-" + trial);
            Jvm.Result r = Jvm.run(PanicMain.class, List.of("-Xmx16m", "-XX:+UseSerialGC", "-Dfaultline.panic_on_oom=1",
                    "-Dfaultline.panic_dumps=none", "-Dfaultline.dir=" + ringDir), TIMEOUT, "oom-thread");
            long panics = 0;
            try (Stream<Path> files = Files.list(ringDir)) {
                for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".ring")).collect(Collectors.toList())) {
                    for (RingRecord rec : RingReader.read(f).records()) {
                        if (rec.isReport() && rec.kind().equals("PANIC")) {
                            panics++;
                        }
                    }
                }
            }
            if (r.exitCode != 70 || panics != 1) {
                failures.add("trial " + trial + ": exit " + r.exitCode + ", " + panics + " PANIC records\n" + r);
            }
        }
        System.out.println("OOM panic trials: " + TRIALS + ", failed: " + failures.size());
        assertEquals(List.of(), failures);
    }
}
