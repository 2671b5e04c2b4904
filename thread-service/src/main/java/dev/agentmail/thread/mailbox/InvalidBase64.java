package dev.agentmail.thread.mailbox;

import java.io.IOException;

/**
 * An attachment's {@code content} that is not base64: 400 naming the field. An IOException only so that Jackson lets
 * it out of a body being read as it is ({@link InlineAttachments}).
 */
public final class InvalidBase64 extends IOException {

    private final String field;

    public InvalidBase64(String field) {
        super("is not base64", null);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
