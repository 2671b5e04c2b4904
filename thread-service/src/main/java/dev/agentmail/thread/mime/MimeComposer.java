package dev.agentmail.thread.mime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
import org.apache.james.mime4j.dom.BinaryBody;
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
    /** The most custom headers a message may have: with one line each, the header stays well under 64 KB. */
    private static final int MAX_HEADERS = 50;

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
            return written(message.build());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a message in memory", e);
        }
    }

    /**
     * The message's bytes in one array, allocated once at their exact size: the message is written twice, first only
     * to count its bytes. Writing it straight into a growing buffer would hold the message about twice over, as that
     * buffer grows and is copied out; for a 25 MB attachment the second pass of base64 costs less than that memory.
     */
    private static byte[] written(Message message) throws IOException {
        DefaultMessageWriter writer = new DefaultMessageWriter();
        Counted counted = new Counted();
        writer.writeMessage(message, counted);
        Filled filled = new Filled(new byte[Math.toIntExact(counted.count)]);
        writer.writeMessage(message, filled);
        if (filled.at != filled.bytes.length) {
            throw new IllegalStateException("the message counted " + counted.count + " bytes, then wrote " + filled.at);
        }
        return filled.bytes;
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
                .setBody(new ContentBody(attachment.content()))
                .setField(Fields.contentType(attachment.contentType() != null ? attachment.contentType()
                        : "application/octet-stream"))
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
        if (headers.size() > MAX_HEADERS) {
            throw new InvalidMail("headers", "at most " + MAX_HEADERS + " headers");
        }
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

    /** An attachment's bytes as mime4j's body, read where they are: base64-encoded as they are written out. */
    private static final class ContentBody extends BinaryBody {

        private final AttachmentContent content;

        ContentBody(AttachmentContent content) {
            this.content = content;
        }

        @Override
        public InputStream getInputStream() {
            return content.stream();
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            content.writeTo(out);
        }

        @Override
        public long size() {
            return content.size();
        }
    }

    /** Counts what is written to it, and keeps none of it. */
    private static final class Counted extends OutputStream {

        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            count += length;
        }
    }

    /** Writes into an array of the size already counted. */
    private static final class Filled extends OutputStream {

        private final byte[] bytes;
        private int at;

        Filled(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public void write(int b) {
            bytes[at++] = (byte) b;
        }

        @Override
        public void write(byte[] source, int offset, int length) {
            System.arraycopy(source, offset, bytes, at, length);
            at += length;
        }
    }
}
