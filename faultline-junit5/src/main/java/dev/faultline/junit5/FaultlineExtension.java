package dev.faultline.junit5;

import dev.faultline.Faultline;
import dev.faultline.Policy;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.AssertionFailedError;

/**
 * Makes every Faultline report a test failure: a test fails when a warning, a BUG, a panic or an
 * oops is reported while it runs — on the test thread or on any other thread — unless the test
 * declared it with {@link ExpectWarning}. The failure message carries the full report text.
 *
 * <p>Register it on a class with {@code @ExtendWith(FaultlineExtension.class)}, or for the whole
 * test run through JUnit's auto-detection: this jar lists it in
 * {@code META-INF/services/org.junit.jupiter.api.extension.Extension}, so setting
 * {@code junit.jupiter.extensions.autodetection.enabled=true} (e.g. in
 * {@code src/test/resources/junit-platform.properties}) applies it to every test.
 *
 * <p><b>Crash rings under the build.</b> Unless {@code faultline.dir} is set, the test JVM's
 * crash ring goes to {@code target/faultline} ({@code build/faultline} with Gradle), not to the
 * per-application crash directory under the temporary directory; this takes effect when the
 * extension is loaded before Faultline's first use (auto-detection, or {@code @ExtendWith} on the
 * first test class).
 *
 * <p>What it does, per test:
 * <ul>
 *   <li><b>Test mode</b> is turned on the first time the extension runs, and stays on for the
 *       rest of the JVM: a {@code bugOn} then throws {@link dev.faultline.PanicError} where it
 *       fired instead of halting the test JVM, and the BUG report fails the test even when the
 *       error was thrown (and lost) on another thread.</li>
 *   <li><b>Fresh state</b>: before each test the warn and oops counts, the taint and the
 *       warn-once state are reset ({@link Faultline#resetForTests()}), so a {@code warnOnce}
 *       that fired in one test reports again in the next.</li>
 *   <li><b>Fuzzing mode</b> for Jazzer: while a method annotated with Jazzer's {@code @FuzzTest}
 *       runs (and {@code faultline.fuzz_mode} is {@code auto}, the default), {@code panic_on_warn}
 *       is on as well, so a warning throws {@code PanicError} at its call site and Jazzer records
 *       it as a finding with that stack. It is turned off again after the test (which prints the
 *       usual change line and taints {@code R} until the next test's reset).</li>
 *   <li>Reports outside any test — in {@code @BeforeAll}/{@code @AfterAll}, or from a background
 *       thread that outlived its test — fail the test class instead of being lost.</li>
 * </ul>
 *
 * <p><b>Parallel execution.</b> Reports are process-wide, so the extension attributes them by
 * thread: a report raised on a test's own thread fails that test only; a report raised on any
 * other thread (an executor, a virtual thread) fails <em>every</em> test running at that moment,
 * because nothing tells which of them started the work. Under parallel execution a warning from
 * one test's executor can therefore also fail an unrelated test that was running alongside it,
 * and the reset of counters and once-state happens only when a test starts while no other test
 * runs (resetting under a running test would corrupt its state) — so {@code warnOnce} sites
 * shared by concurrently running tests may report in only one of them. Tests that warn from
 * background threads are attributed exactly when they run alone ({@code @Isolated}, or
 * {@code @Execution(SAME_THREAD)} on their class).
 */
public final class FaultlineExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(FaultlineExtension.class);
    private static final String CHANNEL = "junit5 extension";
    private static final String FUZZ_CHANNEL = "junit5 extension, Jazzer @FuzzTest";

    static {
        // Before the first use of Faultline in this JVM, where possible: the ring's place is read at boot.
        BuildRings.keepUnderBuild();
    }

    /** Created by JUnit ({@code @ExtendWith}, auto-detection) or by {@code @RegisterExtension}. */
    public FaultlineExtension() {}

    @Override
    public void beforeAll(ExtensionContext context) {
        testModeOn();
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        if (store.get(context.getUniqueId()) != null) {
            return; // registered twice (e.g. globally and with @RegisterExtension): one window is enough
        }
        Window w = ReportLedger.get().openClass(context.getDisplayName(), Thread.currentThread().getId());
        store.put(context.getUniqueId(), new Open(w, false, ReportLedger.ORIGIN.get()));
        ReportLedger.ORIGIN.set(w); // threads started from here on remember the class
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        testModeOn();
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        if (store.get(context.getUniqueId()) != null) {
            return;
        }
        Method method = context.getRequiredTestMethod();
        List<Expectation> expectations = Expectation.declaredOn(method);
        Window parent = context.getParent().map(p -> p.getStore(NAMESPACE).get(p.getUniqueId(), Open.class))
                .map(o -> o.window).orElse(null);
        Window w = ReportLedger.get().openTest(describe(context), Thread.currentThread().getId(), expectations, parent);
        boolean turnOffAfter = false;
        if (Faultline.policy().fuzzMode() == Policy.FuzzMode.AUTO && JazzerFuzzTests.isFuzzTest(method)) {
            turnOffAfter = Faultline.policy().enableFuzzing(FUZZ_CHANNEL);
        }
        store.put(context.getUniqueId(), new Open(w, turnOffAfter, ReportLedger.ORIGIN.get()));
        ReportLedger.ORIGIN.set(w); // threads started by this test remember it
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close(context);
    }

    private static void close(ExtensionContext context) {
        Open open = context.getStore(NAMESPACE).remove(context.getUniqueId(), Open.class);
        if (open == null) {
            return;
        }
        ReportLedger.ORIGIN.set(open.outer); // threads started from here on no longer belong to it
        if (open.panicOnWarnOff) {
            Faultline.policy().setPanicOnWarn(false, FUZZ_CHANNEL);
        }
        String failure = ReportLedger.get().close(open.window);
        if (failure != null) {
            throw new AssertionFailedError(failure);
        }
    }

    private static void testModeOn() {
        Policy policy = Faultline.policy();
        if (!policy.testMode()) {
            policy.setTestMode(true, CHANNEL);
        }
    }

    private static String describe(ExtensionContext context) {
        String cls = context.getTestClass().map(Class::getSimpleName).orElse("?");
        String method = context.getTestMethod().map(Method::getName).orElse("?");
        String display = context.getDisplayName();
        return display.equals(method + "()") ? cls + "." + display : cls + "." + method + " " + display;
    }

    /** A window this extension opened for a context, and whether panic_on_warn must go off again. */
    private static final class Open {
        final Window window;
        final boolean panicOnWarnOff;
        /** What this thread's origin was before the window opened; put back when it closes. */
        final Window outer;

        Open(Window window, boolean panicOnWarnOff, Window outer) {
            this.window = window;
            this.panicOnWarnOff = panicOnWarnOff;
            this.outer = outer;
        }
    }
}
