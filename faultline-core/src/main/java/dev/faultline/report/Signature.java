package dev.faultline.report;

import dev.faultline.internal.signature.SignatureRule;
import java.util.List;
import java.util.Objects;

/**
 * The stable identity of a bug: reports of the same check failing in the same code get the
 * same signature on every host, in every run and in every rebuild that does not change the
 * failing methods, so a fleet can count one bug as one row (as syzbot and crash servers group
 * crashes). A short {@link #hash()} for machines and a readable {@link #title()} for people,
 * e.g. {@code 3f9a0c2e71d45b08} and {@code WARNING in com.acme.Ledger.post}.
 *
 * <p>The rule (also in docs/operations/signatures-and-triage.md): the hash is 64-bit FNV-1a, as 16 hex digits, over the
 * report kind, the site name without line numbers ({@code :42} at its end or before {@code )})
 * and with generated numbering normalized as for frames,
 * and the innermost {@value dev.faultline.internal.signature.SignatureRule#FRAMES} stack frames
 * outside JDK and framework packages, each as {@code Class.method} with no file or line and
 * with generated numbering (lambda, anonymous, proxy and accessor classes, generator hashes)
 * replaced by {@code *} or dropped. The title is {@code KIND in Class.method} of the first such
 * frame ({@code OOPS: ExceptionClass in ...} for an oops; {@code KIND in site} with no frame).
 * Two checks in the same method with convenience-form sites share a signature, as they share
 * a name once the line is gone; give a site a name to tell them apart. Immutable.
 */
public final class Signature {
    /** The signature of a report whose signature could not be computed (a full heap): hash of zeros, title {@code ?}. */
    public static final Signature UNKNOWN = new Signature("0000000000000000", "?");

    private final String hash;
    private final String title;

    private Signature(String hash, String title) {
        this.hash = hash;
        this.title = title;
    }

    /**
     * The signature of a report of {@code kind} at {@code site} with {@code stack} (innermost
     * frame first), by the rule above. Null {@code site} or {@code stack} count as empty. Never
     * throws except for a null {@code kind}.
     *
     * @throws NullPointerException if {@code kind} is null
     */
    public static Signature of(ReportKind kind, String site, List<StackTraceElement> stack) {
        String[] ht = SignatureRule.compute(Objects.requireNonNull(kind, "kind").name(), site, stack);
        return new Signature(ht[0], ht[1]);
    }

    /**
     * A signature as read back (from a report's JSON or text, say): {@code hash} and
     * {@code title} exactly as given, null becoming empty.
     */
    public static Signature of(String hash, String title) {
        return new Signature(hash == null ? "" : hash, title == null ? "" : title);
    }

    /**
     * The signature of a report of {@code kind} at {@code site} stored as its text (as older
     * versions stored reports in the crash ring): the hash and title of its {@code Signature:}
     * line when it has one, else computed by the rule above from the frames under its
     * {@code Call Trace:}. The one place that reads a signature out of report text. Never throws
     * except for a null {@code kind}.
     *
     * @throws NullPointerException if {@code kind} is null
     */
    public static Signature ofText(ReportKind kind, String site, String text) {
        Objects.requireNonNull(kind, "kind");
        String t = text == null ? "" : text;
        java.util.ArrayList<StackTraceElement> frames = new java.util.ArrayList<>();
        boolean inTrace = false;
        for (String line : t.split("\n", -1)) {
            if (!inTrace && line.startsWith(SIGNATURE_PREFIX)) {
                String v = line.substring(SIGNATURE_PREFIX.length());
                int space = v.indexOf(' ');
                if (space == 16) {
                    return of(v.substring(0, space), v.substring(space + 1));
                }
            } else if (line.equals("Call Trace:")) {
                inTrace = true;
            } else if (inTrace && line.startsWith(" ")) {
                frames.add(StackFrames.parse(line.trim()));
            } else if (inTrace) {
                break;
            }
        }
        return of(kind, site, frames);
    }

    /** How a report's text starts the line that carries its signature. */
    static final String SIGNATURE_PREFIX = "Signature: ";

    /** 16 lower-case hex digits; equal hashes mean the same bug. */
    public String hash() { return hash; }

    /** {@code WARNING in com.acme.Ledger.post}: for people, not unique (the hash is). */
    public String title() { return title; }

    /** Equal when the hashes are equal (the title is derived from the same inputs). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Signature && ((Signature) o).hash.equals(hash);
    }

    @Override
    public int hashCode() {
        return hash.hashCode();
    }

    /** {@code hash title}, as in the {@code Signature:} line of a report's text. */
    @Override
    public String toString() {
        return hash + " " + title;
    }
}
