package dev.agentmail.thread.mime;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a raw message says, as the API shows a message: addresses as {@code Name <address>} text, decoded subject,
 * the first text/plain and text/html bodies, and the attachments. {@code headers} holds every top-level field,
 * unfolded and decoded, the last one of a repeated name winning (AgentMail's {@code headers} is a flat map).
 */
public record ParsedMail(String messageId, Instant date, String from, List<String> to, List<String> cc,
                         List<String> replyTo, String subject, String inReplyTo, List<String> references,
                         Map<String, String> headers, String text, String html, List<ParsedAttachment> attachments) {
}
