package dev.faultline.cli;

/** The input names nothing that can be read; the command prints the message and exits {@link ExitCodes#NOTHING_TO_READ}. */
final class NothingToRead extends Exception {
    NothingToRead(String message) {
        super(message, null, false, false);
    }
}
