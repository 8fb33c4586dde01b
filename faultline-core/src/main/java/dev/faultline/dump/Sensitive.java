package dev.faultline.dump;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks state that a dump must never show.
 *
 * <ul>
 *   <li>On a field or record component: the dump shows {@code <redacted>} instead of its value,
 *       whatever its name (the configurable name patterns of {@code faultline.redact} catch the
 *       fields that are not annotated).</li>
 *   <li>On a class: every instance, wherever it appears in a dump, is shown as its type and
 *       identity followed by {@code <redacted>}; subclasses inherit the mark.</li>
 * </ul>
 * The value of a redacted field is still read (to tell whether the object settled) but never
 * formatted, so its {@code toString()} is never called.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.TYPE})
public @interface Sensitive {
}
