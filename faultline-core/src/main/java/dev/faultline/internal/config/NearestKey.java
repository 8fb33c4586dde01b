package dev.faultline.internal.config;

import java.util.Collection;

/**
 * The known key a misspelt one was most likely meant to be, for a "did you mean" hint: the
 * closest by edit distance (insertions, deletions, substitutions, swaps of neighbours), compared
 * without case and with '-', '_' and '.' alike, and only when it is close (at most a third of
 * the name's length, at most 3 edits); else none.
 */
public final class NearestKey {
    /** Names longer than this are not compared: a hint is for typos, not for pasted text. */
    private static final int MAX_LENGTH = 80;

    private NearestKey() {}

    /** The nearest of {@code known} to {@code name}, or null when none is close. */
    public static String of(String name, Collection<String> known) {
        String n = normal(name);
        if (n.isEmpty() || n.length() > MAX_LENGTH) {
            return null;
        }
        int limit = Math.min(3, Math.max(1, n.length() / 3));
        String best = null;
        int bestDistance = limit + 1;
        for (String k : known) {
            int d = distance(n, normal(k));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best;
    }

    private static String normal(String s) {
        return s == null ? "" : s.toLowerCase(java.util.Locale.ROOT).replace('-', '_').replace('.', '_');
    }

    /** Optimal string alignment distance: Levenshtein plus a swap of two neighbours as one edit. */
    static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 3 || b.length() > MAX_LENGTH) {
            return Integer.MAX_VALUE;
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }
}
