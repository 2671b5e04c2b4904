package dev.agentmail.thread.mime;

/** A value that cannot go into a message (an address that does not parse, a header that would break the MIME). */
public final class InvalidMail extends RuntimeException {

    private final String field;

    public InvalidMail(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    /** The request field at fault, e.g. {@code to} or {@code headers.X-Custom}. */
    public String field() {
        return field;
    }
}
