package dev.faultline.log4j2;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.faultline.Faultline;
import dev.faultline.ring.RingReader;
import dev.faultline.ring.RingRecord;
import java.util.List;
import java.util.stream.Collectors;

/** Reads this test JVM's own crash ring. */
final class Rings {
    private Rings() {}

    static List<RingRecord> records() {
        assertNotNull(Faultline.ring().file(), "the test JVM has a file-backed ring");
        return RingReader.read(Faultline.ring().file()).records();
    }

    static List<RingRecord> containing(String text) {
        return records().stream().filter(r -> r.message().contains(text)).collect(Collectors.toList());
    }
}
