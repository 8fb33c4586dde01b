package dev.faultline.cli;

import java.util.Collection;

/** The command a mistyped one was most likely meant to be, if any is close. */
final class Suggest {
    private Suggest() {}

    /**
     * The name in {@code names} that {@code token} is a typo of: at most two edits away (a swap of
     * neighbours counts as one), or the only name it starts; null when none is, or several tie.
     */
    static String nearest(String token, Collection<String> names) {
        if (token == null || token.isEmpty() || token.length() > 40 || token.startsWith("-")) {
            return null;
        }
        String best = null;
        int bestDistance = 3;
        boolean tie = false;
        for (String n : names) {
            int d = n.startsWith(token) && token.length() >= 2 ? 1 : distance(token, n);
            if (d < bestDistance) {
                best = n;
                bestDistance = d;
                tie = false;
            } else if (d == bestDistance) {
                tie = true;
            }
        }
        return tie || bestDistance > Math.max(1, Math.min(2, token.length() / 3)) ? null : best;
    }

    /** Edit distance, a swap of neighbours counting as one edit. */
    static int distance(String a, String b) {
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
