package dev.faultline.junit5;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.util.HashSet;
import java.util.Set;

/**
 * Recognises a Jazzer fuzz test: a method annotated with
 * {@code com.code_intelligence.jazzer.junit.FuzzTest}, directly or through a meta-annotation
 * (Jazzer allows both). The check is by annotation name, so Jazzer need not be on the class path
 * and this module does not depend on it. This is the reliable signal: Jazzer's classes being on
 * the class path say nothing (its regression tests run as plain JUnit tests), and its fuzzing
 * switch, the {@code JAZZER_FUZZ} variable, is set for the whole test run, not for one test.
 */
final class JazzerFuzzTests {
    static final String FUZZ_TEST = "com.code_intelligence.jazzer.junit.FuzzTest";

    private JazzerFuzzTests() {}

    static boolean isFuzzTest(AnnotatedElement element) {
        return carries(element, new HashSet<>());
    }

    private static boolean carries(AnnotatedElement element, Set<Class<?>> seen) {
        for (Annotation a : element.getAnnotations()) {
            Class<? extends Annotation> type = a.annotationType();
            if (type.getName().equals(FUZZ_TEST)) {
                return true;
            }
            if (!type.getName().startsWith("java.lang.annotation.") && seen.add(type) && carries(type, seen)) {
                return true;
            }
        }
        return false;
    }
}
