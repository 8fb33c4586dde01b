package dev.faultline.agent;

/** The message of a report from a failed assert. */
final class AssertMessages {
    /** What a report says when the assert had no detail ({@code assert x;}). */
    static final String NO_DETAIL = "assert failed";

    private AssertMessages() {}

    /**
     * The assert's detail message as {@link AssertionError} made it ({@code String.valueOf} of
     * the detail, computed by the application's code exactly as without the agent), or
     * {@value #NO_DETAIL} when there was none.
     */
    static String of(AssertionError e) {
        String m = e == null ? null : e.getMessage();
        return m == null ? NO_DETAIL : m;
    }
}
