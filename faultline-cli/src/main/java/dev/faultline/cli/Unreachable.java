package dev.faultline.cli;

/**
 * A live JVM could not be controlled: the message names the pid, says why and names the fix;
 * the command prints it and exits with {@link #exitCode()} ({@link ExitCodes#NO_TARGET} or
 * {@link ExitCodes#REFUSED}).
 */
final class Unreachable extends Exception {
    private final int exitCode;

    Unreachable(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
