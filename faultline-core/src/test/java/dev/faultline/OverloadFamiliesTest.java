package dev.faultline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.Captured;
import dev.faultline.report.Report;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One family of message overloads everywhere a check can be written: a {@link Site}, a
 * {@link DebugDomain} and {@link Faultline}'s static form offer the same shapes for every
 * check, object-bearing forms included, with a varargs form after the fixed arities.
 */
class OverloadFamiliesTest {
    private static final List<String> CHECKS =
            List.of("warnOn", "warnOnce", "bugOn", "warnOnObject", "warnOnceObject", "bugOnObject");

    @RegisterExtension
    final Captured captured = new Captured();

    @Test
    void siteDomainAndStaticFormOfferTheSameShapesForEveryCheck() {
        Map<String, Set<String>> site = shapes(Site.class, false);
        Map<String, Set<String>> domain = shapes(DebugDomain.class, false);
        Map<String, Set<String>> statics = shapes(Faultline.class, true);
        for (String check : CHECKS) {
            assertEquals(site.get(check), domain.get(check), "DebugDomain." + check + " matches Site");
            assertEquals(site.get(check), statics.get(check), "Faultline." + check + " matches Site");
            assertEquals(12, site.get(check).size(), check + ": " + site.get(check));
        }
        // The object-bearing forms reach the same arity as the plain ones.
        assertEquals(site.get("warnOn"), site.get("warnOnObject"));
        assertEquals(site.get("bugOn"), site.get("bugOnObject"));
    }

    @Test
    void everyFamilyEndsInAVarargsFormAfterFourFixedArguments() {
        for (Class<?> type : List.of(Site.class, DebugDomain.class, Faultline.class)) {
            for (String check : CHECKS) {
                Method varargs = Arrays.stream(type.getMethods())
                        .filter(m -> m.getName().equals(check) && m.isVarArgs()).findFirst().orElse(null);
                assertNotNull(varargs, type.getSimpleName() + "." + check + " has a varargs form");
                int fixed = check.endsWith("Object") ? 7 : 6; // condition[, object], template, four args
                assertEquals(fixed, varargs.getParameterCount() - 1, varargs.toString());
            }
        }
    }

    @Test
    void aFifthAndSixthArgumentCompileAndAreFormatted() {
        Site site = Faultline.site("families.five");
        assertTrue(site.warnOn(true, "%s %s %s %s %s %s", 1, "two", 3L, 4.0, 'v', List.of(6)));
        assertEquals("1 two 3 4.0 v [6]", captured.reports.get(0).message());
        assertFalse(site.warnOn(false, "%s %s %s %s %s", 1, 2, 3, 4, 5));
        assertEquals(1, captured.reports.size(), "a passing five-argument check reports nothing");
    }

    @Test
    void aLoneNullAsTheFifthArgumentIsOneNullArgument() {
        Site site = Faultline.site("families.null-fifth");
        site.warnOn(true, "%s %s %s %s %s", 1, 2, 3, 4, (Object[]) null);
        assertEquals("1 2 3 4 null", captured.reports.get(0).message());
    }

    @Test
    void theStaticFormFormatsEveryShape() {
        Faultline.warnOn(true, "a %s b %s", 7L, "x");
        Faultline.warnOn(true, "%s %s %s %s %s", 1, 2, 3, 4, 5);
        Faultline.warnOn(true, () -> "supplied");
        List<String> messages = new ArrayList<>();
        captured.reports.forEach(r -> messages.add(r.message()));
        assertEquals(List.of("a 7 b x", "1 2 3 4 5", "supplied"), messages);
    }

    @Test
    void objectBearingFormsWithThreeArgumentsCarryTheDump() {
        Site site = Faultline.site("families.object");
        site.warnOnObject(true, new int[] {4, 2}, "%s/%s/%s", 1, 2, 3);
        Report r = captured.reports.get(0);
        assertEquals("1/2/3", r.message());
        assertNotNull(r.dump(), "the object was dumped");
        assertTrue(r.dump().contains("4"), r.dump());
    }

    /** check name → the parameter lists after the condition (and the object), as type names. */
    private static Map<String, Set<String>> shapes(Class<?> type, boolean statics) {
        Map<String, Set<String>> out = new TreeMap<>();
        for (Method m : type.getMethods()) {
            if (!CHECKS.contains(m.getName()) || Modifier.isStatic(m.getModifiers()) != statics) {
                continue;
            }
            Class<?>[] p = m.getParameterTypes();
            if (p.length == 0 || p[0] == BooleanSupplier.class) {
                continue; // the lambda forms of debug domains have no equivalent on a site
            }
            int skip = m.getName().endsWith("Object") ? 2 : 1;
            List<String> rest = new ArrayList<>();
            for (int i = skip; i < p.length; i++) {
                rest.add(p[i].getSimpleName());
            }
            out.computeIfAbsent(m.getName(), k -> new TreeSet<>()).add(String.join(",", rest));
        }
        return out;
    }
}
