package dev.faultline.panic;

/**
 * How much a dumper does, which decides when it runs: light, crash-safe dumpers first (they
 * get the evidence out while the process can still be trusted), heavy ones (thread dump, JFR
 * dump, heap dump) after. {@code faultline.panic_dump_order} overrides the order by name.
 */
public enum DumperWeight {
    /** Small, bounded, crash-safe: writes a few lines or one small file. */
    LIGHT,
    /** Walks the whole process or writes large files; may take seconds. */
    HEAVY
}
