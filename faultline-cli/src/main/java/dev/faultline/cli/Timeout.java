package dev.faultline.cli;

import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code --timeout} option of the commands that talk to running JVMs: how long one answer may take. */
final class Timeout {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    private Duration value = LiveJvm.DEFAULT_TIMEOUT;

    @Option(names = "--timeout", paramLabel = "<seconds>", description = "How long a JVM has to answer each request"
            + " before the command gives up on it and exits 6 (default: 10).")
    void set(double seconds) {
        if (!(seconds > 0 && seconds <= 3600)) {
            throw new ParameterException(spec.commandLine(), "--timeout must be more than 0 and at most 3600 seconds: "
                    + seconds);
        }
        value = Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
    }

    Duration get() {
        return value;
    }
}
