package dev.agentmail.thread.message;

/** A message, or one of its attachments, beyond the configured size: 413. */
public final class MessageTooLarge extends RuntimeException {

    public MessageTooLarge(String message) {
        super(message, null, false, false);
    }
}
