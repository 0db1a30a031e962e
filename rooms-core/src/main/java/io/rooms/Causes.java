package io.rooms;

/** Failures told in one line, for logs a person reads. */
final class Causes {
    private Causes() {}

    /** The innermost cause that says something, in one line: its class and the first line of its message. */
    static String describe(Throwable failure) {
        Throwable telling = failure;
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause.getMessage() != null) {
                telling = cause;
            }
        }
        String message = String.valueOf(telling.getMessage());
        int cut = message.indexOf('\n');
        return telling.getClass().getSimpleName() + ": " + (cut < 0 ? message : message.substring(0, cut));
    }
}
