package dev.faultline.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Which classes the agent rewrites: those whose package is, or is under, a package named by an
 * {@code assert:PACKAGE} entry of a debug spec ({@code assert:com.acme=warn@2%} names
 * {@code com.acme}, whatever the mode or sample: a package that is rewritten but off costs what
 * {@code -da} costs, and can be switched on later).
 *
 * <p>This reads only the entries' targets; it validates them with the grammar's rule for
 * package names (ASCII Java identifiers separated by dots) and leaves every other check of the
 * spec to Faultline, which applies it. Names are case-insensitive, as every domain name is.
 * Faultline's own packages and the JDK's ({@code java}, {@code javax} is not one: only
 * {@code java.}, {@code jdk.}, {@code sun.}, {@code com.sun.}) are refused with a line.
 *
 * <p>Every class gets the domain of its own package ({@code com/acme/mm/Pool} →
 * {@code assert:com.acme.mm}), which follows {@code assert:com.acme} unless it has a setting of
 * its own. A package whose name cannot be a domain name (a segment with {@code $} or a
 * non-ASCII letter) takes the domain of the nearest package above it that can.
 */
final class AssertScope {
    static final String PREFIX = "assert:";
    private static final String[] NEVER = {"java.", "jdk.", "sun.", "com.sun.", "dev.faultline."};

    /** Lower-case package names, sorted. */
    private final TreeSet<String> roots;

    private AssertScope(TreeSet<String> roots) {
        this.roots = roots;
    }

    static AssertScope empty() {
        return new AssertScope(new TreeSet<>());
    }

    /**
     * The packages named by {@code spec}'s {@code assert:} entries; one line per refused
     * target is added to {@code problems}. Null or blank is an empty scope. Never throws.
     */
    static AssertScope parse(String spec, List<String> problems) {
        TreeSet<String> roots = new TreeSet<>();
        if (spec == null) {
            return new AssertScope(roots);
        }
        for (String entry : spec.split(",", -1)) {
            int eq = entry.indexOf('=');
            String target = (eq < 0 ? entry : entry.substring(0, eq)).strip();
            if (!target.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
                continue;
            }
            String pkg = target.substring(PREFIX.length()).toLowerCase(Locale.ROOT);
            if (!validPackage(pkg)) {
                problems.add("'" + target + "' names no package (ASCII Java identifiers separated by dots); its"
                        + " asserts are not rewritten");
            } else if (never(pkg)) {
                problems.add("'" + target + "' is not rewritten: the agent never touches the JDK's classes nor"
                        + " Faultline's own");
            } else {
                roots.add(pkg);
            }
        }
        return new AssertScope(roots);
    }

    /** This scope and {@code other}'s packages together. */
    AssertScope plus(AssertScope other) {
        TreeSet<String> all = new TreeSet<>(roots);
        all.addAll(other.roots);
        return new AssertScope(all);
    }

    boolean isEmpty() {
        return roots.isEmpty();
    }

    /** The named packages, sorted, lower case. */
    List<String> packages() {
        return new ArrayList<>(roots);
    }

    /** True when {@code packageName} (dotted, any case) is a named package or under one. */
    boolean covers(String packageName) {
        return root(packageName.toLowerCase(Locale.ROOT)) != null;
    }

    /**
     * The domain of the class {@code internalName} ({@code com/acme/mm/Pool$1}):
     * {@code assert:com.acme.mm}; null when the class is outside the scope.
     */
    String domainOf(String internalName) {
        int slash = internalName.lastIndexOf('/');
        if (slash < 0) {
            return null; // the unnamed package can never be named
        }
        String pkg = internalName.substring(0, slash).replace('/', '.').toLowerCase(Locale.ROOT);
        String root = root(pkg);
        if (root == null) {
            return null;
        }
        // The longest prefix of pkg that is a valid name; root itself is one.
        String name = root;
        int from = root.length();
        while (from < pkg.length()) {
            int next = pkg.indexOf('.', from + 1);
            String candidate = next < 0 ? pkg : pkg.substring(0, next);
            if (!validSegment(candidate.substring(from + 1))) {
                break;
            }
            name = candidate;
            from = candidate.length();
        }
        return PREFIX + name;
    }

    /** The named package that {@code pkg} (lower case) is or is under, or null. */
    private String root(String pkg) {
        for (String r = pkg; ; ) {
            if (roots.contains(r)) {
                return r;
            }
            int dot = r.lastIndexOf('.');
            if (dot < 0) {
                return null;
            }
            r = r.substring(0, dot);
        }
    }

    static boolean validPackage(String pkg) {
        if (pkg.isEmpty()) {
            return false;
        }
        for (String segment : pkg.split("\\.", -1)) {
            if (!validSegment(segment)) {
                return false;
            }
        }
        return true;
    }

    /** An ASCII Java identifier: the rule Faultline's spec grammar has for a package segment. */
    static boolean validSegment(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean never(String pkg) {
        String p = pkg + ".";
        for (String n : NEVER) {
            if (p.startsWith(n)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return String.join(", ", roots);
    }
}
