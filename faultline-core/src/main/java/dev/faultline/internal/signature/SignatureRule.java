package dev.faultline.internal.signature;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The signature rule, in one place (docs/operations/signatures-and-triage.md states it in words):
 *
 * <ol>
 *   <li><b>Site</b>: the site name with every {@code :digits} run that ends the name or is
 *       followed by {@code )} removed (the convenience form names a site {@code Class.method:42}),
 *       then its generated numbering {@linkplain #numbering(String) normalized}
 *       ({@code Ledger.lambda$settle$0:21} becomes {@code Ledger.lambda$settle$*}).</li>
 *   <li><b>Frames</b>: from the innermost frame outwards, the frames whose class is not in a
 *       {@linkplain #FRAMEWORK framework or JDK package}; the first {@value #FRAMES} of them,
 *       each written {@code Class.method} (no file, no line, no module or loader name) after
 *       {@linkplain #normalize(String) normalizing} generated numbering. When no frame is left,
 *       the innermost frame is used, so a stack of JDK frames only still has one.</li>
 *   <li><b>Hash</b>: 64-bit FNV-1a over the UTF-8 bytes of {@code kind \n site \n frame1 \n frame2 ...},
 *       written as 16 lower-case hex digits.</li>
 *   <li><b>Title</b>: {@code KIND in Class.method} (the first kept frame); for an OOPS
 *       {@code OOPS: ExceptionClass in Class.method}; when there is no frame, {@code KIND in site}.</li>
 * </ol>
 *
 * Pure and never throws (a null part counts as empty). The result for a kind, site and kept
 * frames is remembered, so a site firing again from the same code costs a table lookup.
 */
public final class SignatureRule {
    /** In-application frames that make up a signature. */
    public static final int FRAMES = 3;

    /** Package prefixes whose frames are the platform or a framework, not the application's code. */
    static final String[] FRAMEWORK = {
        "java.", "javax.", "jdk.", "sun.", "com.sun.", "jakarta.",
        "kotlin.", "kotlinx.", "scala.", "groovy.", "clojure.",
        "org.junit.", "junit.", "org.testng.", "org.apiguardian.", "org.opentest4j.",
        "org.springframework.", "org.apache.catalina.", "org.apache.coyote.", "org.apache.tomcat.",
        "org.eclipse.jetty.", "io.undertow.", "io.netty.", "reactor.", "io.reactivex.",
        "io.micrometer.", "io.opentelemetry.", "io.grpc.", "com.google.common.", "com.google.inject.",
        "org.hibernate.", "net.bytebuddy.", "org.mockito.", "org.apache.maven.", "org.gradle.",
        "com.fasterxml.jackson.", "org.slf4j.", "ch.qos.logback.", "org.apache.logging.log4j.",
        "dev.faultline.internal.",
    };

    /** Class-name parts of generated classes whose trailing number changes between runs. */
    private static final String[] NUMBERED = {
        "Proxy", "Lambda", "GeneratedMethodAccessor", "GeneratedConstructorAccessor",
        "GeneratedSerializationConstructorAccessor", "MockitoMock", "HibernateProxy", "ByteBuddy",
        "EnhancerBySpringCGLIB", "EnhancerByCGLIB", "FastClassBySpringCGLIB", "FastClassByCGLIB", "SpringCGLIB",
    };

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private SignatureRule() {}

    /** The hash ({@code [0]}) and title ({@code [1]}) of a report of {@code kind} at {@code site}. */
    public static String[] compute(String kind, String site, List<StackTraceElement> stack) {
        String k = kind == null ? "" : kind;
        String s = site == null ? "" : site;
        StackTraceElement[] kept = keptFrames(stack);
        // A site that fires again usually fires from the same code: its signature is remembered.
        int h = k.hashCode() * 31 + s.hashCode();
        for (StackTraceElement e : kept) {
            h = h * 31 + Objects.hashCode(e.getClassName()) * 17 + Objects.hashCode(e.getMethodName());
        }
        int slot = (h ^ h >>> 16) & (MEMO_SLOTS - 1);
        Memo m = MEMO[slot];
        if (m == null || !m.matches(k, s, kept)) {
            m = new Memo(k, s, kept, computeNow(k, s, kept));
            MEMO[slot] = m;
        }
        return new String[] {m.hash, m.title};
    }

    /**
     * The hash ({@code [0]}) and title ({@code [1]}) of a report about several threads at once
     * (the threads of a deadlock cycle): as {@link #compute}, with the frames being the
     * innermost kept frame of each thread's stack (by the frame rule above), sorted, so that the
     * same cycle has the same signature whichever thread the JVM lists first and whichever
     * lock of the cycle it found first. At most {@value #FRAMES} threads count (the first ones
     * in that sorted order); the title names the first. Never throws (a null part counts as empty).
     */
    public static String[] computeForThreads(String kind, String site, List<List<StackTraceElement>> stacks) {
        String k = kind == null ? "" : kind;
        String s = site == null ? "" : site;
        List<String> frames = new ArrayList<>();
        List<StackTraceElement> firsts = new ArrayList<>();
        if (stacks != null) {
            for (List<StackTraceElement> stack : stacks) {
                StackTraceElement[] kept = keptFrames(stack);
                if (kept.length > 0) {
                    frames.add(frame(kept[0]));
                    firsts.add(kept[0]);
                }
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> frames.get(a).compareTo(frames.get(b)));
        int n = Math.min(FRAMES, order.size());
        StackTraceElement[] sorted = new StackTraceElement[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = firsts.get(order.get(i));
        }
        return computeNow(k, s, sorted);
    }

    /** The rule itself, without the memo (kind and site not null). */
    static String[] computeNow(String k, String site, StackTraceElement[] kept) {
        String s = numbering(stripLines(site));
        List<String> frames = new ArrayList<>(kept.length);
        for (StackTraceElement e : kept) {
            frames.add(frame(e));
        }
        StringBuilder key = new StringBuilder(128).append(k).append('\n').append(s);
        for (String f : frames) {
            key.append('\n').append(f);
        }
        String where = frames.isEmpty() ? s : frames.get(0);
        String title = "OOPS".equals(k) ? k + ": " + s + " in " + where : k + " in " + where;
        return new String[] {hex(fnv1a(key.toString())), title};
    }

    /** Signatures remembered, direct-mapped: a miss overwrites its slot. */
    private static final int MEMO_SLOTS = 512;
    private static final Memo[] MEMO = new Memo[MEMO_SLOTS];

    /**
     * One remembered signature and what it was computed from: the kind, the site and each kept
     * frame's class and method name (all a signature reads of a frame). Strings only, never a
     * class; fields final, so a racing reader sees an entry whole.
     */
    private static final class Memo {
        final String kind;
        final String site;
        final String[] classes;
        final String[] methods;
        final String hash;
        final String title;

        Memo(String kind, String site, StackTraceElement[] kept, String[] hashAndTitle) {
            this.kind = kind;
            this.site = site;
            classes = new String[kept.length];
            methods = new String[kept.length];
            for (int i = 0; i < kept.length; i++) {
                classes[i] = kept[i].getClassName();
                methods[i] = kept[i].getMethodName();
            }
            hash = hashAndTitle[0];
            title = hashAndTitle[1];
        }

        boolean matches(String k, String s, StackTraceElement[] kept) {
            if (kept.length != classes.length || !kind.equals(k) || !site.equals(s)) {
                return false;
            }
            for (int i = 0; i < kept.length; i++) {
                if (!Objects.equals(classes[i], kept[i].getClassName())
                        || !Objects.equals(methods[i], kept[i].getMethodName())) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * The innermost frame the rule keeps from {@code stack}: the innermost frame outside JDK and
     * framework packages, else the innermost frame; null for an empty stack. What a report about
     * a thread seen from outside names as its location.
     */
    public static StackTraceElement firstKept(List<StackTraceElement> stack) {
        StackTraceElement[] kept = keptFrames(stack);
        return kept.length == 0 ? null : kept[0];
    }

    private static final StackTraceElement[] NO_FRAMES = new StackTraceElement[0];

    /** The frames the rule keeps, innermost first: at most {@value #FRAMES}, or the innermost frame when none is the application's. */
    static StackTraceElement[] keptFrames(List<StackTraceElement> stack) {
        if (stack == null || stack.isEmpty()) {
            return NO_FRAMES;
        }
        StackTraceElement[] kept = new StackTraceElement[FRAMES];
        int n = 0;
        for (StackTraceElement e : stack) {
            if (e == null || isFramework(e.getClassName())) {
                continue;
            }
            kept[n++] = e;
            if (n == FRAMES) {
                return kept;
            }
        }
        if (n == 0) {
            return stack.get(0) == null ? NO_FRAMES : new StackTraceElement[] {stack.get(0)};
        }
        return Arrays.copyOf(kept, n);
    }

    private static String frame(StackTraceElement e) {
        return normalize(e.getClassName()) + "." + normalize(e.getMethodName());
    }

    static boolean isFramework(String className) {
        if (className == null) {
            return true;
        }
        for (String p : FRAMEWORK) {
            if (className.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A class or method name without generated numbering: cut at the first {@code /} (a hidden
     * class's {@code /0x...} suffix); then, for each {@code $}-separated part, a part of digits
     * only ({@code Foo$1}, {@code lambda$post$0}, {@code access$000}) and a part of 8 or more
     * hex digits with at least one digit (a generator's hash) become {@code *}, and a part
     * that is a {@linkplain #NUMBERED known generated name} followed by digits
     * ({@code $Proxy12}, {@code GeneratedMethodAccessor7}) loses the digits.
     */
    static String normalize(String name) {
        if (name == null) {
            return "";
        }
        int slash = name.indexOf('/');
        return numbering(slash < 0 ? name : name.substring(0, slash));
    }

    /** {@link #normalize(String)} without the cut at {@code /} (a site name may contain one). */
    static String numbering(String n) {
        if (n.indexOf('$') < 0 && !endsInDigit(n)) {
            return n;
        }
        StringBuilder b = new StringBuilder(n.length());
        int start = 0;
        while (start <= n.length()) {
            int end = n.indexOf('$', start);
            if (end < 0) {
                end = n.length();
            }
            b.append(part(n.substring(start, end)));
            if (end < n.length()) {
                b.append('$');
            }
            start = end + 1;
        }
        // JDK 17 numbers a lambda's hidden class ($$Lambda$14), JDK 21 does not: keep neither.
        return b.toString().replace("$$Lambda$*", "$$Lambda");
    }

    private static String part(String p) {
        if (p.isEmpty()) {
            return p;
        }
        if (allDigits(p) || isHash(p)) {
            return "*";
        }
        int i = p.length();
        while (i > 0 && Character.isDigit(p.charAt(i - 1))) {
            i--;
        }
        if (i < p.length()) {
            String stem = p.substring(0, i);
            for (String g : NUMBERED) {
                if (stem.endsWith(g)) {
                    return stem;
                }
            }
        }
        return p;
    }

    private static boolean endsInDigit(String s) {
        return !s.isEmpty() && Character.isDigit(s.charAt(s.length() - 1));
    }

    private static boolean allDigits(String p) {
        for (int i = 0; i < p.length(); i++) {
            if (!Character.isDigit(p.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHash(String p) {
        if (p.length() < 8) {
            return false;
        }
        boolean digit = false;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (!(c >= 'a' && c <= 'f') && !(c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return digit;
    }

    /** {@code site} without line numbers: {@code :digits} at the end or before {@code )}. */
    static String stripLines(String site) {
        if (site.indexOf(':') < 0) {
            return site;
        }
        StringBuilder b = new StringBuilder(site.length());
        int i = 0;
        while (i < site.length()) {
            char c = site.charAt(i);
            if (c == ':') {
                int j = i + 1;
                while (j < site.length() && Character.isDigit(site.charAt(j))) {
                    j++;
                }
                if (j > i + 1 && (j == site.length() || site.charAt(j) == ')')) {
                    i = j;
                    continue;
                }
            }
            b.append(c);
            i++;
        }
        return b.toString();
    }

    static long fnv1a(String s) {
        long h = FNV_OFFSET;
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= (x & 0xff);
            h *= FNV_PRIME;
        }
        return h;
    }

    private static String hex(long h) {
        String s = Long.toHexString(h);
        return "0000000000000000".substring(s.length()) + s;
    }
}
