package dev.faultline.opentelemetry;

import dev.faultline.report.Report;
import dev.faultline.report.ReportKind;
import dev.faultline.report.Signature;
import dev.faultline.report.Taint;
import dev.faultline.ring.RecoveredRun;
import dev.faultline.ring.RingRecord;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.LogRecordBuilder;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import java.time.Instant;

/** How a report, or a recovered run, becomes one log record: severity, body and attributes. */
final class ReportRecords {
    static final AttributeKey<String> EXCEPTION_TYPE = AttributeKey.stringKey("exception.type");
    static final AttributeKey<String> EXCEPTION_MESSAGE = AttributeKey.stringKey("exception.message");
    static final AttributeKey<String> EXCEPTION_STACKTRACE = AttributeKey.stringKey("exception.stacktrace");
    static final AttributeKey<String> CODE_FUNCTION = AttributeKey.stringKey("code.function");
    static final AttributeKey<String> CODE_NAMESPACE = AttributeKey.stringKey("code.namespace");
    static final AttributeKey<Long> CODE_LINENO = AttributeKey.longKey("code.lineno");
    static final AttributeKey<String> THREAD_NAME = AttributeKey.stringKey("thread.name");
    static final AttributeKey<Long> THREAD_ID = AttributeKey.longKey("thread.id");
    static final AttributeKey<String> KIND = AttributeKey.stringKey("faultline.kind");
    static final AttributeKey<String> SITE = AttributeKey.stringKey("faultline.site");
    static final AttributeKey<String> SIGNATURE = AttributeKey.stringKey("faultline.signature");
    static final AttributeKey<String> TITLE = AttributeKey.stringKey("faultline.title");
    static final AttributeKey<String> TAINT = AttributeKey.stringKey("faultline.taint");
    static final AttributeKey<String> RUN_ID = AttributeKey.stringKey("faultline.run_id");
    static final AttributeKey<Long> PID = AttributeKey.longKey("faultline.pid");
    static final AttributeKey<Long> SEQUENCE = AttributeKey.longKey("faultline.sequence");
    static final AttributeKey<Long> SUPPRESSED = AttributeKey.longKey("faultline.suppressed");
    static final AttributeKey<Boolean> RECOVERED = AttributeKey.booleanKey("faultline.recovered");
    static final AttributeKey<String> ARCHIVE = AttributeKey.stringKey("faultline.archive");
    static final AttributeKey<String> LAST_REPORT = AttributeKey.stringKey("faultline.last_report");
    static final AttributeKey<String> EXIT_REASON = AttributeKey.stringKey("faultline.exit.reason");
    static final AttributeKey<String> EXIT_CONFIDENCE = AttributeKey.stringKey("faultline.exit.confidence");
    static final AttributeKey<String> EXIT_EVIDENCE = AttributeKey.stringKey("faultline.exit.evidence");

    private ReportRecords() {}

    /**
     * The report kind's level ({@link ReportKind#level()}) as a severity, with {@code FATAL} for
     * the {@linkplain ReportKind#isFatal() fatal} kinds (BUG, PANIC), which OpenTelemetry can say.
     */
    static Severity severity(ReportKind kind) {
        if (kind.isFatal()) {
            return Severity.FATAL;
        }
        switch (kind.level()) {
            case WARNING: return Severity.WARN;
            case INFO: return Severity.INFO;
            default: return Severity.ERROR;
        }
    }

    static void emit(Logger logger, Report r) {
        LogRecordBuilder b = logger.logRecordBuilder()
                .setTimestamp(r.time())
                .setSeverity(severity(r.kind()))
                .setSeverityText(r.kind().name())
                .setBody(r.headline())
                .setAttribute(KIND, r.kind().name())
                .setAttribute(SITE, r.site())
                .setAttribute(SIGNATURE, r.signature().hash())
                .setAttribute(TITLE, r.signature().title())
                .setAttribute(TAINT, Taint.letters(r.taints()))
                .setAttribute(RUN_ID, r.runId())
                .setAttribute(PID, r.pid())
                .setAttribute(SEQUENCE, r.sequence())
                .setAttribute(THREAD_NAME, r.threadName())
                .setAttribute(THREAD_ID, r.threadId());
        if (!r.stack().isEmpty()) {
            StackTraceElement top = r.stack().get(0);
            b.setAttribute(CODE_NAMESPACE, top.getClassName())
                    .setAttribute(CODE_FUNCTION, top.getMethodName())
                    .setAttribute(EXCEPTION_STACKTRACE, stackText(r));
            if (top.getLineNumber() > 0) {
                b.setAttribute(CODE_LINENO, (long) top.getLineNumber());
            }
        }
        if (r.kind() == ReportKind.OOPS) {
            b.setAttribute(EXCEPTION_TYPE, r.site()); // an oops's site is its exception's class
        }
        if (!r.message().isEmpty()) {
            b.setAttribute(EXCEPTION_MESSAGE, r.message());
        }
        if (r.suppressed() > 0) {
            b.setAttribute(SUPPRESSED, r.suppressed());
        }
        b.emit();
    }

    /**
     * One record for an earlier run that died: its ids, the report it is named after (its panic's
     * own report when it panicked, else its last report), where it was archived.
     */
    static void emitRun(Logger logger, RecoveredRun run) {
        RingRecord last = run.headline();
        String kind = last == null ? "PANIC" : last.kind();
        ReportKind reportKind = last == null ? null : last.reportKind();
        Instant when = run.lastSeen() != null ? run.lastSeen() : run.start();
        LogRecordBuilder b = logger.logRecordBuilder()
                .setSeverity(last == null ? Severity.ERROR : reportKind == null ? Severity.WARN : severity(reportKind))
                .setSeverityText(last == null ? "CRASHED" : kind)
                .setBody(run.summary())
                .setAttribute(RECOVERED, true)
                .setAttribute(RUN_ID, run.runId())
                .setAttribute(PID, run.pid())
                .setAttribute(EXIT_REASON, run.reason().label())
                .setAttribute(EXIT_CONFIDENCE, run.exit().confidence())
                .setAttribute(EXIT_EVIDENCE, run.evidence());
        if (when != null) {
            b.setTimestamp(when);
        }
        if (run.archive() != null) {
            b.setAttribute(ARCHIVE, run.archive().toString());
        }
        if (last != null) {
            b.setAttribute(KIND, kind)
                    .setAttribute(SITE, last.logger())
                    .setAttribute(THREAD_NAME, last.threadName())
                    .setAttribute(LAST_REPORT, last.message());
            Signature signature = last.signature();
            if (signature != null) {
                b.setAttribute(SIGNATURE, signature.hash()).setAttribute(TITLE, signature.title());
            }
        }
        b.emit();
    }

    private static String stackText(Report r) {
        StringBuilder b = new StringBuilder(64 * r.stack().size()).append(r.headline());
        for (StackTraceElement e : r.stack()) {
            b.append("\n\tat ").append(e);
        }
        return b.toString();
    }
}
