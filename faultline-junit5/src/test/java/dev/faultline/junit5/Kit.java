package dev.faultline.junit5;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Runs fixture classes through JUnit's own EngineTestKit and reads the outcome per test. */
final class Kit {
    private Kit() {}

    static EngineExecutionResults run(Class<?> fixture) {
        return run(fixture, Map.of());
    }

    static EngineExecutionResults run(Class<?> fixture, Map<String, String> configuration) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameters(configuration)
                .selectors(selectClass(fixture))
                .execute();
    }

    /** Test method name (or display name for invocations) → its result. */
    static Map<String, TestExecutionResult> testResults(EngineExecutionResults results) {
        return results.testEvents().finished().stream()
                .collect(Collectors.toMap(e -> e.getTestDescriptor().getDisplayName(),
                        e -> e.getRequiredPayload(TestExecutionResult.class), (a, b) -> a));
    }

    /** The result of the one finished test whose display name starts with {@code name}. */
    static TestExecutionResult result(EngineExecutionResults results, String name) {
        List<Event> matching = results.testEvents().finished().stream()
                .filter(e -> e.getTestDescriptor().getDisplayName().startsWith(name))
                .collect(Collectors.toList());
        if (matching.size() != 1) {
            throw new AssertionError("expected one finished test named " + name + "..., found "
                    + testResults(results).keySet());
        }
        return matching.get(0).getRequiredPayload(TestExecutionResult.class);
    }

    /** The failure message of a failed result, with the messages of suppressed failures appended. */
    static String failureText(TestExecutionResult r) {
        Optional<Throwable> t = r.getThrowable();
        if (t.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder(t.get().toString());
        for (Throwable s : t.get().getSuppressed()) {
            b.append("\nsuppressed: ").append(s);
        }
        return b.toString();
    }
}
