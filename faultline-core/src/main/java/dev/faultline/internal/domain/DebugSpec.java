package dev.faultline.internal.domain;

import dev.faultline.DebugMode;
import dev.faultline.internal.text.Escape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses a debug spec such as {@code mm=panic,net=warn,net.udp=off,*=once}.
 *
 * <pre>
 * spec    = [ entry { "," entry } ]          blanks around tokens are ignored; empty entries too
 * entry   = target "=" mode [ "@" percent "%" ]
 * target  = "*" | domain | assert            "*" sets the default for every domain nobody named
 * domain  = segment { "." segment }          case-insensitive; kept in lower case
 * segment = 1*( letter | digit | "_" | "-" )
 * assert  = "assert:" package                the assert statements of a Java package (faultline-agent)
 * package = jsegment { "." jsegment }        case-insensitive like every name
 * jsegment = ( letter | "_" ) *( letter | digit | "_" )
 * mode    = "off" | "warn" | "once" | "panic"   case-insensitive
 * percent = 1*3DIGIT [ "." 1*2DIGIT ]        more than 0, at most 100
 * </pre>
 *
 * An {@code assert:} name ({@code assert:com.acme.mm}) is the domain of a package's Java
 * {@code assert} statements, which {@code faultline-agent} rewrites into checks of that domain.
 * It is a domain like any other: {@code assert:com.acme.mm} follows {@code assert:com.acme},
 * which follows {@code assert:com}, which follows {@code *}. Only ASCII Java identifiers are
 * accepted as its segments, so no {@code assert:} name can look like a line number
 * ({@code :42}) to the report signature, nor collide with a plain domain's name.
 *
 * A percentage makes the entry a fleet sample ({@code mm=panic@2%}): it applies on that share
 * of hosts, chosen by {@link FleetSample} from the host's identity and the domain's name, and
 * on every other host the domain keeps what it would have without the entry (its parent's
 * mode, or off).
 *
 * Entries are independent of each other: a malformed entry becomes one problem line naming the
 * entry, its number and its column, and the other entries still parse. A problem line shows
 * what it names by {@link Escape#quoted}: at most 100 characters of it, and its length. This class only reads
 * text; it applies nothing (see {@link DomainTable#apply}).
 */
public final class DebugSpec {
    /** Malformed entries named one by one; past this a spec's problems end with one line counting the rest. */
    public static final int MAX_PROBLEMS = 100;
    /** The target that sets the default mode. */
    public static final String DEFAULT = "*";
    /** The prefix of a package's assert-statement domain: {@code assert:com.acme}. */
    public static final String ASSERT_PREFIX = "assert:";
    /** The longest domain name (an {@code assert:} domain included): a Java package name fits many times over. */
    public static final int MAX_NAME_LENGTH = 255;

    private DebugSpec() {}

    /** One well-formed entry: a domain (or {@link #DEFAULT}) and its mode. */
    public static final class Entry {
        public final String domain;
        public final DebugMode mode;
        /** The fleet sample in hundredths of a percent (200 = 2 %), or {@link #EVERY_HOST}. */
        public final int sample;

        Entry(String domain, DebugMode mode, int sample) {
            this.domain = domain;
            this.mode = mode;
            this.sample = sample;
        }

        /** True for a fleet-sampled entry ({@code mode@P%}). */
        public boolean sampled() {
            return sample != EVERY_HOST;
        }

        @Override
        public String toString() {
            return domain + "=" + mode.token() + (sampled() ? "@" + FleetSample.percent(sample) : "");
        }
    }

    /** {@link Entry#sample} of an entry without a percentage: it applies on every host. */
    public static final int EVERY_HOST = -1;

    /** The entries that parsed, in spec order, and one line per entry that did not. */
    public static final class Parsed {
        public final List<Entry> entries;
        public final List<String> problems;

        Parsed(List<Entry> entries, List<String> problems) {
            this.entries = List.copyOf(entries);
            this.problems = List.copyOf(problems);
        }
    }

    /** Parses {@code spec}; null or blank is an empty spec. Never throws. */
    public static Parsed parse(String spec) {
        List<Entry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (spec == null) {
            return new Parsed(entries, problems);
        }
        int number = 0;
        int malformed = 0;
        int start = 0;
        while (start <= spec.length()) {
            int comma = spec.indexOf(',', start);
            int end = comma < 0 ? spec.length() : comma;
            String raw = spec.substring(start, end);
            number++;
            if (!raw.isBlank()) {
                int column = start + leadingBlanks(raw) + 1;
                String entry = raw.strip();
                String problem = parseEntry(entry, entries);
                if (problem != null && ++malformed <= MAX_PROBLEMS) {
                    problems.add("entry " + number + " " + Escape.quoted(entry) + " at column " + column + ": " + problem);
                }
            }
            if (comma < 0) {
                break;
            }
            start = comma + 1;
        }
        if (malformed > MAX_PROBLEMS) {
            problems.add((malformed - MAX_PROBLEMS) + " more malformed entries not listed");
        }
        return new Parsed(entries, problems);
    }

    /** Adds the entry to {@code into}, or returns why it is malformed. */
    private static String parseEntry(String entry, List<Entry> into) {
        int eq = entry.indexOf('=');
        if (eq < 0) {
            return "expected DOMAIN=MODE (MODE is " + DebugMode.tokens() + ")";
        }
        if (entry.indexOf('=', eq + 1) >= 0) {
            return "more than one '='; expected DOMAIN=MODE";
        }
        String target = entry.substring(0, eq).strip();
        String modeToken = entry.substring(eq + 1).strip();
        if (target.isEmpty()) {
            return "missing domain name before '='";
        }
        String nameProblem = nameProblem(target);
        if (nameProblem != null) {
            return nameProblem;
        }
        if (modeToken.isEmpty()) {
            return "missing mode after '='; expected " + DebugMode.tokens();
        }
        int sample = EVERY_HOST;
        int at = modeToken.indexOf('@');
        if (at >= 0) {
            String percent = modeToken.substring(at + 1).strip();
            modeToken = modeToken.substring(0, at).strip();
            sample = basisPoints(percent);
            if (sample <= 0) {
                return "bad sample percentage " + Escape.quoted(percent) + ": expected a number more than 0 and at most 100,"
                        + " with at most two decimals, followed by % (e.g. mm=panic@2%)";
            }
        }
        if (modeToken.isEmpty()) {
            return "missing mode before '@'; expected " + DebugMode.tokens();
        }
        DebugMode mode = DebugMode.fromToken(modeToken);
        if (mode == null) {
            return "unknown mode " + Escape.quoted(modeToken) + "; expected " + DebugMode.tokens();
        }
        into.add(new Entry(normalise(target), mode, sample));
        return null;
    }

    /**
     * {@code "2%"} → 200, {@code "0.5%"} → 50, {@code "100%"} → 10000; -1 when it is not a
     * percentage more than 0 and at most 100 with at most two decimals (ASCII digits only).
     */
    static int basisPoints(String percent) {
        if (!percent.endsWith("%")) {
            return -1;
        }
        String n = percent.substring(0, percent.length() - 1);
        int dot = n.indexOf('.');
        String whole = dot < 0 ? n : n.substring(0, dot);
        String frac = dot < 0 ? "" : n.substring(dot + 1);
        if (whole.isEmpty() || whole.length() > 3 || (dot >= 0 && (frac.isEmpty() || frac.length() > 2))
                || !asciiDigits(whole) || !asciiDigits(frac)) {
            return -1;
        }
        int value = Integer.parseInt(whole) * 100 + (frac.isEmpty() ? 0 : Integer.parseInt((frac + "0").substring(0, 2)));
        return value > 0 && value <= FleetSample.WHOLE ? value : -1;
    }

    private static boolean asciiDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * Why {@code target} is not a domain name or {@code *}, or null when it is one. Used for
     * spec entries and for names given over JMX or the API.
     */
    public static String nameProblem(String target) {
        if (target == null || target.isEmpty()) {
            return "missing domain name";
        }
        if (target.equals(DEFAULT)) {
            return null;
        }
        // The length first: every line below names the target whole.
        if (target.length() > MAX_NAME_LENGTH) {
            return "bad domain name " + Escape.quoted(target) + ": longer than " + MAX_NAME_LENGTH + " characters";
        }
        if (target.regionMatches(true, 0, ASSERT_PREFIX, 0, ASSERT_PREFIX.length())) {
            return assertNameProblem(target);
        }
        if (target.endsWith(".*")) {
            String parent = target.substring(0, target.length() - 2);
            return "bad domain name '" + target + "': a domain already covers its sub-domains; write " + parent
                    + "=MODE";
        }
        boolean segmentStart = true;
        // By code point, not char: an error must name a whole character, never half an emoji.
        for (int i = 0, n = 1; i < target.length(); i += Character.charCount(target.codePointAt(i)), n++) {
            int c = target.codePointAt(i);
            if (c == '.') {
                if (segmentStart) {
                    return "bad domain name '" + target + "': empty segment at character " + n;
                }
                segmentStart = true;
            } else if (isNameChar(c)) {
                segmentStart = false;
            } else {
                return "bad domain name '" + target + "': character '" + new String(Character.toChars(c)) + "' is not allowed (letters, digits,"
                        + " '_' and '-', in segments separated by dots; or * for the default; or assert:PACKAGE for a"
                        + " package's assert statements)";
            }
        }
        if (segmentStart) {
            return "bad domain name '" + target + "': it ends with a dot";
        }
        return null;
    }

    /** Why {@code target} (which starts with {@code assert:}, in any case) is not an assert domain's name, or null. */
    private static String assertNameProblem(String target) {
        String pkg = target.substring(ASSERT_PREFIX.length());
        if (pkg.isEmpty()) {
            return "bad domain name '" + target + "': missing package after 'assert:' (e.g. assert:com.acme=warn)";
        }
        if (pkg.endsWith(".*")) {
            return "bad domain name '" + target + "': a package's assert domain already covers its subpackages; write "
                    + target.substring(0, target.length() - 2) + "=MODE";
        }
        boolean segmentStart = true;
        for (int i = 0, n = ASSERT_PREFIX.length() + 1; i < pkg.length(); i += Character.charCount(pkg.codePointAt(i)), n++) {
            int c = pkg.codePointAt(i);
            if (c == '.') {
                if (segmentStart) {
                    return "bad domain name '" + target + "': empty package segment at character " + n;
                }
                segmentStart = true;
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (!segmentStart && c >= '0' && c <= '9')) {
                segmentStart = false;
            } else {
                return "bad domain name '" + target + "': character '" + new String(Character.toChars(c)) + "' at character " + n
                        + " is not allowed in a package name (ASCII letters, digits and '_', each segment starting with"
                        + " a letter or '_', separated by dots)";
            }
        }
        if (segmentStart) {
            return "bad domain name '" + target + "': it ends with a dot";
        }
        return null;
    }

    /** Domain names are case-insensitive: {@code MM} and {@code mm} are one domain. */
    public static String normalise(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * The parent of {@code mm.cache} is {@code mm}; a top-level domain's parent is
     * {@link #DEFAULT}; {@code *} has none. The parent of {@code assert:com.acme} is
     * {@code assert:com}, whose parent is {@link #DEFAULT}.
     */
    public static String parent(String domain) {
        if (domain.equals(DEFAULT)) {
            return null;
        }
        int dot = domain.lastIndexOf('.');
        return dot < 0 ? DEFAULT : domain.substring(0, dot);
    }

    private static boolean isNameChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }

    private static int leadingBlanks(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
