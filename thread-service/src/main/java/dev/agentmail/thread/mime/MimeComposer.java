package dev.agentmail.thread.mime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.regex.Pattern;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.EncoderUtil;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.field.DefaultFieldParser;
import org.apache.james.mime4j.field.Fields;
import org.apache.james.mime4j.message.BodyPartBuilder;
import org.apache.james.mime4j.message.DefaultMessageWriter;
import org.apache.james.mime4j.message.MultipartBuilder;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.util.MimeUtil;

/**
 * Writes an {@link OutgoingMail} as an RFC 5322 / MIME message with Apache mime4j: encoded words for non-ASCII
 * headers, folded long headers, text as quoted-printable UTF-8, attachments as base64. The layout is what mail
 * clients expect: text and html as {@code multipart/alternative}, wrapped with the attachments in
 * {@code multipart/mixed}.
 */
public final class MimeComposer {

    /** Fields the composer writes itself; a client's {@code headers} cannot replace them. */
    private static final Set<String> OWN_FIELDS = Set.of("date", "from", "sender", "to", "cc", "bcc", "reply-to",
            "subject", "message-id", "in-reply-to", "references", "mime-version", "content-type",
            "content-transfer-encoding", "content-disposition", "content-id", "return-path", "received");
    /** RFC 5322 2.2: a field name is printable US-ASCII except the colon. */
    private static final Pattern FIELD_NAME = Pattern.compile("[!-9;-~]{1,76}");

    private MimeComposer() {
    }

    /** The message as it goes on the wire, CRLF line ends. Blocking and CPU-bound: call it on a worker thread. */
    public static byte[] compose(OutgoingMail mail) {
        checkHeaders(mail.headers());
        try {
            Message.Builder message = Message.Builder.of()
                    .setDate(Date.from(mail.date()), TimeZone.getTimeZone("UTC"))
                    .setFrom(mail.from().mailbox());
            if (!mail.to().isEmpty()) {
                message.setTo(mail.to().stream().map(MailAddress::mailbox).toList());
            }
            if (!mail.cc().isEmpty()) {
                message.setCc(mail.cc().stream().map(MailAddress::mailbox).toList());
            }
            if (!mail.replyTo().isEmpty()) {
                message.setReplyTo(mail.replyTo().stream().map(MailAddress::mailbox).toList());
            }
            if (mail.subject() != null) {
                message.setSubject(mail.subject());
            }
            message.setMessageId(mail.messageId());
            if (mail.inReplyTo() != null) {
                message.setField(field("In-Reply-To", mail.inReplyTo()));
            }
            if (!mail.references().isEmpty()) {
                message.setField(field("References", String.join(" ", mail.references())));
            }
            message.setField(Fields.version("1.0"));
            for (Map.Entry<String, String> header : mail.headers().entrySet()) {
                message.addField(field(header.getKey(), EncoderUtil.encodeIfNecessary(header.getValue(),
                        EncoderUtil.Usage.TEXT_TOKEN, header.getKey().length() + 2)));
            }
            setBody(message, mail);
            ByteArrayOutputStream out = new ByteArrayOutputStream(estimatedSize(mail));
            new DefaultMessageWriter().writeMessage(message.build(), out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a message in memory", e);
        }
    }

    /**
     * A header field folded to lines of at most 78 characters where it has spaces (RFC 5322 2.1.1), written from
     * its own bytes: a field given as name and value would be written with its folds doubled.
     */
    private static Field field(String name, String value) {
        try {
            return DefaultFieldParser.parse(name + ": " + MimeUtil.fold(value, name.length() + 2));
        } catch (MimeException e) {
            throw new InvalidMail(name, "cannot be written as a header field: " + e.getMessage());
        }
    }

    /** Text parts end lines in CRLF, as RFC 5322 wants; a client's bare LF would otherwise reach the wire. */
    private static String crlf(String text) {
        return text.replaceAll("\r\n|\r|\n", "\r\n");
    }

    private static void setBody(Message.Builder message, OutgoingMail mail) throws IOException {
        if (mail.attachments().isEmpty()) {
            if (mail.text() != null && mail.html() != null) {
                message.setBody(alternative(mail));
            } else if (mail.html() != null) {
                message.setBody(crlf(mail.html()), "html", StandardCharsets.UTF_8)
                        .setContentTransferEncoding("quoted-printable");
            } else {
                message.setBody(mail.text() == null ? "" : crlf(mail.text()), StandardCharsets.UTF_8)
                        .setContentTransferEncoding("quoted-printable");
            }
            return;
        }
        MultipartBuilder mixed = MultipartBuilder.create("mixed");
        if (mail.text() != null && mail.html() != null) {
            mixed.addBodyPart(BodyPartBuilder.create().setBody(alternative(mail)));
        } else if (mail.html() != null) {
            mixed.addBodyPart(textPart(mail.html(), "html"));
        } else if (mail.text() != null) {
            mixed.addBodyPart(textPart(mail.text(), "plain"));
        }
        for (MailAttachment attachment : mail.attachments()) {
            mixed.addBodyPart(attachmentPart(attachment));
        }
        message.setBody(mixed.build());
    }

    private static Multipart alternative(OutgoingMail mail) throws IOException {
        return MultipartBuilder.create("alternative")
                .addBodyPart(textPart(mail.text(), "plain"))
                .addBodyPart(textPart(mail.html(), "html"))
                .build();
    }

    private static BodyPartBuilder textPart(String text, String subtype) throws IOException {
        return BodyPartBuilder.create().setBody(crlf(text), subtype, StandardCharsets.UTF_8)
                .setContentTransferEncoding("quoted-printable");
    }

    private static BodyPartBuilder attachmentPart(MailAttachment attachment) throws IOException {
        BodyPartBuilder part = BodyPartBuilder.create()
                .setBody(attachment.content(), attachment.contentType())
                .setContentTransferEncoding("base64");
        String disposition = attachment.disposition() == null ? "attachment" : attachment.disposition();
        if (attachment.filename() != null) {
            part.setContentDisposition(disposition, attachment.filename());
        } else {
            part.setContentDisposition(disposition);
        }
        if (attachment.contentId() != null) {
            String id = attachment.contentId();
            part.setField(new RawField("Content-ID", id.startsWith("<") ? id : "<" + id + ">"));
        }
        return part;
    }

    private static void checkHeaders(Map<String, String> headers) {
        headers.forEach((name, value) -> {
            if (!FIELD_NAME.matcher(name).matches()) {
                throw new InvalidMail("headers." + name, "is not a header field name (printable ASCII, no colon)");
            }
            if (OWN_FIELDS.contains(name.toLowerCase(Locale.ROOT))) {
                throw new InvalidMail("headers." + name, "is set by the server from the request's own fields");
            }
            if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.length() > 998) {
                throw new InvalidMail("headers." + name, "must be one line of at most 998 characters");
            }
        });
    }

    private static int estimatedSize(OutgoingMail mail) {
        long size = 2048L + length(mail.text()) * 2L + length(mail.html()) * 2L;
        for (MailAttachment attachment : mail.attachments()) {
            size += attachment.content().length * 4L / 3 + 512;
        }
        return (int) Math.min(size, Integer.MAX_VALUE - 8);
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }
}
