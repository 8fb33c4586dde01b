package dev.faultline.internal.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Captures the caller's stack for a report, without Faultline's own leading frames, so the
 * first frame is the line that raised the check.
 */
public final class StackCapture {
    /** Classes whose frames are Faultline's machinery rather than the caller's code. */
    private static final Set<String> MACHINERY = ConcurrentHashMap.newKeySet();
    /** Upper bound on frames kept: a report of a deep recursion must stay small. */
    public static final int MAX_FRAMES = 256;

    static {
        MACHINERY.add("dev.faultline.Site");
        MACHINERY.add("dev.faultline.Faultline");
    }

    private StackCapture() {}

    /** Marks a class as Faultline machinery; its leading frames are dropped from reports. */
    public static void machinery(String className) {
        MACHINERY.add(className);
    }

    public static boolean isMachinery(String className) {
        return className.startsWith("dev.faultline.internal.") || MACHINERY.contains(className);
    }

    /** The current thread's stack, innermost first, leading machinery frames removed. */
    public static List<StackTraceElement> capture() {
        StackTraceElement[] all;
        try {
            all = new Throwable().getStackTrace();
        } catch (Throwable e) {
            return List.of();
        }
        int i = 0;
        while (i < all.length && isMachinery(all[i].getClassName())) {
            i++;
        }
        if (i == all.length) {
            i = 0;
        }
        int end = Math.min(all.length, i + MAX_FRAMES);
        List<StackTraceElement> frames = new ArrayList<>(end - i);
        for (int j = i; j < end; j++) {
            frames.add(all[j]);
        }
        return frames;
    }
}
