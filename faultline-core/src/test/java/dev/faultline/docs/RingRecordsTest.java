package dev.faultline.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The crash-ring page's append returns a sequence number (the test JVM's ring is on). */
class RingRecordsTest {
    @Test
    void anAppendedRecordHasASequenceNumber() {
        long seq = RingRecords.retrying();
        assertTrue(seq > 0, "sequence " + seq);
    }
}
