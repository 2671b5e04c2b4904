package dev.agentmail.thread.mime;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything a message we send is made of, checked already. {@code bcc} is kept for the envelope only: it is never
 * written into the message (RFC 5322 3.6.3, the blind copy must not show).
 *
 * @param messageId  with its angle brackets, {@code <...@domain>}
 * @param headers    extra header fields the client asked for, in order
 */
public record OutgoingMail(String messageId, Instant date, MailAddress from, List<MailAddress> to,
                           List<MailAddress> cc, List<MailAddress> bcc, List<MailAddress> replyTo, String subject,
                           String text, String html, String inReplyTo, List<String> references,
                           Map<String, String> headers, List<MailAttachment> attachments) {
}
