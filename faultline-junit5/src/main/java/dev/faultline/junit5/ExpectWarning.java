package dev.faultline.junit5;

import dev.faultline.report.ReportKind;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that a test expects Faultline to report a warning; under {@link FaultlineExtension}
 * the test then passes only if exactly {@link #count()} matching reports come during it.
 *
 * <pre>{@code
 * @Test
 * @ExpectWarning(site = "ledger.negative-balance", message = "balance -\\d+")
 * void aNegativeBalanceIsRejectedAndReported() {
 *     assertEquals(Result.rejected(), ledger.post(overdraft));
 * }
 * }</pre>
 *
 * <p>A report matches when its kind is {@link #kind()}, its site is {@link #site()} (any site
 * when empty) and {@link #message()} is found in its message ({@link java.util.regex.Matcher#find()};
 * any message when empty). The first {@code count} matching reports are consumed by the
 * expectation; further matching reports are unexpected and fail the test like any other, and
 * so do reports that match no expectation. Repeat the annotation to expect several different
 * warnings; each report is consumed by the first declaration it matches.
 *
 * <p>A bad declaration — a message that is not a valid regular expression, a count below 1 —
 * fails the test before it runs, with an error naming the test, the attribute and the value.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(ExpectWarnings.class)
public @interface ExpectWarning {
    /** The site name the report must carry, e.g. {@code ledger.negative-balance}; empty = any site. */
    String site() default "";

    /** A regular expression that must be found in the report's message; empty = any message. */
    String message() default "";

    /** How many matching reports must come: exactly this many, at least 1. */
    int count() default 1;

    /**
     * The kind of report expected. {@link ReportKind#WARNING} by default; {@link ReportKind#BUG}
     * declares an expected {@code bugOn} (whose {@code PanicError} the test still has to catch,
     * e.g. with {@code assertThrows}).
     */
    ReportKind kind() default ReportKind.WARNING;
}
