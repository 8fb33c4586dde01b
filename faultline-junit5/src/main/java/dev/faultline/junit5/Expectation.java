package dev.faultline.junit5;

import dev.faultline.report.Report;
import dev.faultline.report.ReportKind;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.support.AnnotationSupport;

/** One {@link ExpectWarning} declaration, checked and compiled, with the count of reports it matched. */
final class Expectation {
    private final ReportKind kind;
    private final String site;
    private final Pattern message;
    private final int count;
    private int matched;

    private Expectation(ReportKind kind, String site, Pattern message, int count) {
        this.kind = kind;
        this.site = site;
        this.message = message;
        this.count = count;
    }

    /**
     * The expectations declared on {@code method}, in declaration order.
     *
     * @throws ExtensionConfigurationException naming the method, attribute and value of a bad declaration
     */
    static List<Expectation> declaredOn(Method method) {
        List<Expectation> list = new ArrayList<>();
        for (ExpectWarning w : AnnotationSupport.findRepeatableAnnotations(method, ExpectWarning.class)) {
            String where = "@ExpectWarning on " + method.getDeclaringClass().getName() + "." + method.getName();
            if (w.count() < 1) {
                throw new ExtensionConfigurationException(where + ": count = " + w.count()
                        + " is invalid; expected 1 or more (a test that expects no warning needs no annotation)");
            }
            Pattern p = null;
            if (!w.message().isEmpty()) {
                try {
                    p = Pattern.compile(w.message());
                } catch (PatternSyntaxException e) {
                    throw new ExtensionConfigurationException(where + ": message = \"" + w.message()
                            + "\" is not a valid regular expression: " + e.getDescription(), e);
                }
            }
            list.add(new Expectation(w.kind(), w.site(), p, w.count()));
        }
        return list;
    }

    boolean matches(Report r) {
        return r.kind() == kind
                && (site.isEmpty() || site.equals(r.site()))
                && (message == null || message.matcher(r.message()).find());
    }

    /** Counts a matching report; true while it is within the expected count (the report is expected). */
    boolean consume() {
        matched++;
        return matched <= count;
    }

    boolean met() {
        return matched == count;
    }

    /** E.g. {@code expected 1 WARNING report from site "a" with a message matching /b/, but 0 came}. */
    String shortfall() {
        StringBuilder b = new StringBuilder("expected ").append(count).append(' ').append(kind)
                .append(count == 1 ? " report" : " reports");
        if (!site.isEmpty()) {
            b.append(" from site \"").append(site).append('"');
        }
        if (message != null) {
            b.append(" with a message matching /").append(message.pattern()).append('/');
        }
        return b.append(", but ").append(matched).append(" came").toString();
    }
}
