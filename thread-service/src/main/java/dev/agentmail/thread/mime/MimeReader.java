package dev.agentmail.thread.mime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.dom.address.Address;
import org.apache.james.mime4j.dom.address.Group;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.dom.field.ContentDispositionField;
import org.apache.james.mime4j.dom.field.DateTimeField;
import org.apache.james.mime4j.field.ContentDispositionFieldLenientImpl;
import org.apache.james.mime4j.field.ContentTypeFieldLenientImpl;
import org.apache.james.mime4j.field.DateTimeFieldLenientImpl;
import org.apache.james.mime4j.field.address.LenientAddressParser;
import org.apache.james.mime4j.parser.AbstractContentHandler;
import org.apache.james.mime4j.parser.MimeStreamParser;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.stream.RecursionMode;
import org.apache.james.mime4j.util.MimeUtil;

/**
 * Reads raw messages with mime4j's streaming parser: one pass, parts decoded as they stream by, so an attachment of
 * any size is counted or copied without being held in memory; only the text and html bodies are kept (up to a
 * bound). Blocking: call it on a worker thread.
 */
public final class MimeReader {

    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");
    /** Text or html beyond this is cut in what the API shows; the raw message keeps it all. */
    private static final int MAX_BODY_CHARS = 5 * 1024 * 1024;

    private MimeReader() {
    }

    public static ParsedMail parse(InputStream raw) {
        Reading reading = new Reading();
        MimeStreamParser parser = new MimeStreamParser(MimeConfig.PERMISSIVE);
        parser.setContentDecoding(true);
        // An attached message (message/rfc822, e.g. a forward) is one attachment, not parts of this message.
        parser.setNoRecurse();
        parser.setContentHandler(reading);
        try {
            parser.parse(raw);
        } catch (MimeException e) {
            throw new InvalidMail("raw", "is not a MIME message: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return reading.result();
    }

    /**
     * Copies the decoded content of the leaf part {@code ordinal} ({@link ParsedAttachment#ordinal}) to {@code out};
     * false when the message has no such part.
     */
    public static boolean copyPart(InputStream raw, int ordinal, OutputStream out) {
        InputStream part = openPart(raw, ordinal);
        if (part == null) {
            return false;
        }
        try {
            part.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }

    /**
     * The decoded content of the leaf part {@code ordinal}, to be read as the caller takes it (a download, at the
     * pace of its client); null when the message has no such part. The raw message is read up to the part at once.
     * {@link #parse}'s MimeStreamParser is built on this token stream, with the same settings: its body events are
     * these T_BODY tokens, so the ordinals agree.
     */
    public static InputStream openPart(InputStream raw, int ordinal) {
        MimeTokenStream tokens = new MimeTokenStream(MimeConfig.PERMISSIVE);
        tokens.setRecursionMode(RecursionMode.M_NO_RECURSE);
        tokens.parse(raw);
        try {
            int leaves = 0;
            for (EntityState state = tokens.getState(); state != EntityState.T_END_OF_STREAM; state = tokens.next()) {
                if (state == EntityState.T_BODY && leaves++ == ordinal) {
                    return tokens.getDecodedInputStream();
                }
            }
            return null;
        } catch (MimeException e) {
            throw new InvalidMail("raw", "is not a MIME message: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Follows the parser's events: header fields of each entity, then its body. */
    private static final class Reading extends AbstractContentHandler {

        private final Deque<Map<String, String>> entityFields = new ArrayDeque<>();
        private Map<String, String> topFields;
        private final List<Field> topRaw = new ArrayList<>();
        private int leaves;
        private String text;
        private String html;
        private final List<ParsedAttachment> attachments = new ArrayList<>();

        @Override
        public void startHeader() {
            entityFields.push(new LinkedHashMap<>());
        }

        @Override
        public void field(Field field) {
            entityFields.peek().put(field.getNameLowerCase(), MimeUtil.unfold(field.getBody()));
            if (topFields == null) {
                topRaw.add(field);
            }
        }

        @Override
        public void endHeader() {
            if (topFields == null) {
                topFields = entityFields.peek();
            }
        }

        @Override
        public void endBodyPart() {
            entityFields.pop();
        }

        @Override
        public void body(BodyDescriptor descriptor, InputStream content) throws IOException {
            int ordinal = leaves++;
            Map<String, String> fields = entityFields.peek();
            String mimeType = descriptor.getMimeType().toLowerCase(Locale.ROOT);
            ContentDispositionField disposition = fields.containsKey("content-disposition")
                    ? ContentDispositionFieldLenientImpl.PARSER.parse(
                    new RawField("Content-Disposition",
                            fields.get("content-disposition")), DecodeMonitor.SILENT)
                    : null;
            String filename = disposition == null ? null : disposition.getFilename();
            if (filename == null) {
                filename = fields.containsKey("content-type")
                        ? ContentTypeFieldLenientImpl.PARSER.parse(new RawField("Content-Type",
                        fields.get("content-type")), DecodeMonitor.SILENT).getParameter("name")
                        : null;
            }
            if (filename != null) {
                filename = DecoderUtil.decodeEncodedWords(filename, DecodeMonitor.SILENT);
            }
            boolean attached = disposition != null && disposition.isAttachment();
            boolean textual = mimeType.equals("text/plain") || mimeType.equals("text/html");
            if (textual && !attached && filename == null
                    && (mimeType.equals("text/plain") ? text == null : html == null)) {
                String decoded = readText(content, descriptor.getCharset());
                if (mimeType.equals("text/plain")) {
                    text = decoded;
                } else {
                    html = decoded;
                }
                return;
            }
            long size = content.transferTo(OutputStream.nullOutputStream());
            String contentId = fields.get("content-id");
            attachments.add(new ParsedAttachment(ordinal, filename, mimeType,
                    disposition == null ? (contentId != null ? "inline" : "attachment")
                            : (disposition.isInline() ? "inline" : "attachment"),
                    contentId == null ? null : contentId.strip().replaceAll("^<|>$", ""), size));
        }

        ParsedMail result() {
            Map<String, String> fields = topFields == null ? Map.of() : topFields;
            Map<String, String> headers = new LinkedHashMap<>();
            for (Field field : topRaw) {
                headers.put(field.getName(), DecoderUtil.decodeEncodedWords(MimeUtil.unfold(field.getBody()),
                        DecodeMonitor.SILENT));
            }
            List<String> from = addresses(fields.get("from"));
            return new ParsedMail(firstMessageId(fields.get("message-id")), date(fields.get("date")),
                    from.isEmpty() ? null : from.get(0), addresses(fields.get("to")), addresses(fields.get("cc")),
                    addresses(fields.get("reply-to")),
                    fields.containsKey("subject")
                            ? DecoderUtil.decodeEncodedWords(fields.get("subject"), DecodeMonitor.SILENT) : null,
                    firstMessageId(fields.get("in-reply-to")), messageIds(fields.get("references")), headers,
                    text, html, List.copyOf(attachments));
        }

        private static String readText(InputStream content, String charsetName) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int read;
            while ((read = content.read(buffer)) >= 0) {
                if (bytes.size() < MAX_BODY_CHARS * 4) {
                    bytes.write(buffer, 0, read);
                }
            }
            Charset charset = StandardCharsets.UTF_8;
            try {
                if (charsetName != null) {
                    charset = Charset.forName(charsetName);
                }
            } catch (IllegalArgumentException unknown) {
                // An unknown or unsupported charset: UTF-8 shows ASCII right and the rest as replacement characters.
            }
            // Mail ends lines in CRLF; the API shows text with the plain line ends a client sent.
            String decoded = bytes.toString(charset).replace("\r\n", "\n");
            return decoded.length() > MAX_BODY_CHARS ? decoded.substring(0, MAX_BODY_CHARS) : decoded;
        }
    }

    private static List<String> addresses(String body) {
        if (body == null) {
            return List.of();
        }
        List<String> found = new ArrayList<>();
        for (Address address : LenientAddressParser.DEFAULT.parseAddressList(body)) {
            if (address instanceof Mailbox mailbox) {
                found.add(MailAddress.of(mailbox).toString());
            } else if (address instanceof Group group) {
                group.getMailboxes().forEach(mailbox -> found.add(MailAddress.of(mailbox).toString()));
            }
        }
        return found;
    }

    private static Instant date(String body) {
        if (body == null) {
            return null;
        }
        DateTimeField field = DateTimeFieldLenientImpl.PARSER.parse(
                new RawField("Date", body), DecodeMonitor.SILENT);
        return field.getDate() == null ? null : field.getDate().toInstant();
    }

    private static String firstMessageId(String body) {
        List<String> ids = messageIds(body);
        return ids.isEmpty() ? null : ids.get(0);
    }

    private static List<String> messageIds(String body) {
        if (body == null) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        Matcher matcher = MESSAGE_ID.matcher(body);
        while (matcher.find()) {
            ids.add(matcher.group());
        }
        return ids;
    }
}
