package dev.faultline.junit5;

import dev.faultline.fixtures.Jvm;
import dev.faultline.junit5.fixtures.KitMain;
import java.time.Duration;
import java.util.List;

/** A finished child JVM that ran {@link KitMain} on one fixture class. */
final class ChildJvm {
    final int exit;
    final String out;
    final String err;

    private ChildJvm(Jvm.Result r) {
        this.exit = r.exitCode;
        this.out = r.stdout;
        this.err = r.stderr;
    }

    /**
     * Runs {@code fixture} in a fresh JVM with {@code jvmOptions}: its own crash directory under
     * {@code target/}, no {@code FAULTLINE_*} or {@code JAZZER_FUZZ} variables inherited.
     */
    static ChildJvm run(Class<?> fixture, String... jvmOptions) throws Exception {
        return new ChildJvm(Jvm.run(Jvm.testClassPath(), KitMain.class.getName(), List.of(jvmOptions),
                Duration.ofSeconds(120), fixture.getName()));
    }

    @Override
    public String toString() {
        return "exit " + exit + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
    }
}
