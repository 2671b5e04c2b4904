package dev.agentmail.thread.mime;

/**
 * An attachment found in a message: what it is and its decoded size. {@code ordinal} is its place among the
 * message's leaf parts, in stream order, which finds it again in the raw message ({@link MimeReader#copyPart}).
 */
public record ParsedAttachment(int ordinal, String filename, String contentType, String disposition,
                               String contentId, long size) {
}
