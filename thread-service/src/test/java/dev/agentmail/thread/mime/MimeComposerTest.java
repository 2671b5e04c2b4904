package dev.agentmail.thread.mime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A composed message reads back, through mime4j's parser, as what was put in. */
class MimeComposerTest {

    private static final Instant DATE = Instant.parse("2026-11-25T17:30:00Z");

    @Test
    void headersCarryTheSenderWithDisplayNameRecipientsSubjectAndIds() {
        ParsedMail parsed = roundTrip(mail("Hello", "plain text", null, List.of()));

        assertEquals("<abc@agentmail.local>", parsed.messageId());
        assertEquals(DATE, parsed.date());
        assertEquals("Agent 42 <agent-42@agentmail.local>", parsed.from());
        assertEquals(List.of("bob@example.com", "Carol <carol@example.com>"), parsed.to());
        assertEquals(List.of("dave@example.com"), parsed.cc());
        assertEquals(List.of("replies@agentmail.local"), parsed.replyTo());
        assertEquals("Hello", parsed.subject());
        assertEquals("<parent@example.com>", parsed.inReplyTo());
        assertEquals(List.of("<root@example.com>", "<parent@example.com>"), parsed.references());
        assertEquals("1.0", parsed.headers().get("MIME-Version"));
    }

    @Test
    void bccIsNeverWrittenIntoTheMessage() {
        byte[] raw = MimeComposer.compose(mail("Hello", "text", null, List.of()));

        String text = new String(raw, StandardCharsets.US_ASCII);
        assertFalse(text.toLowerCase().contains("bcc"), text);
        assertFalse(text.contains("eve@example.com"), text);
    }

    @Test
    void nonAsciiSubjectAndDisplayNameAreEncodedWordsThatDecodeBack() {
        OutgoingMail mail = new OutgoingMail("<abc@agentmail.local>", DATE,
                MailAddress.of("Agënt Ω", "agent@agentmail.local"), List.of(MailAddress.parse("to", "b@example.com")),
                List.of(), List.of(), List.of(), "Grüße, 世界", "ü", null, null, List.of(), Map.of(), List.of());
        byte[] raw = MimeComposer.compose(mail);

        assertTrue(isAscii(raw), "the header is 7-bit");
        ParsedMail parsed = MimeReader.parse(new ByteArrayInputStream(raw));
        assertEquals("Grüße, 世界", parsed.subject());
        assertEquals("Agënt Ω <agent@agentmail.local>", parsed.from());
        assertEquals("ü", parsed.text());
    }

    @Test
    void textAndHtmlAreAlternatives() {
        byte[] raw = MimeComposer.compose(mail("Hi", "the text", "<p>the html</p>", List.of()));

        assertTrue(new String(raw, StandardCharsets.US_ASCII).contains("multipart/alternative"));
        ParsedMail parsed = MimeReader.parse(new ByteArrayInputStream(raw));
        assertEquals("the text", parsed.text());
        assertEquals("<p>the html</p>", parsed.html());
        assertTrue(parsed.attachments().isEmpty());
    }

    @Test
    void htmlOnlyIsOneHtmlPart() {
        ParsedMail parsed = roundTrip(mail("Hi", null, "<b>x</b>", List.of()));

        assertNull(parsed.text());
        assertEquals("<b>x</b>", parsed.html());
    }

    @Test
    void attachmentsRoundTripByteForByte() {
        byte[] binary = new byte[300_000];
        new Random(7).nextBytes(binary);
        MailAttachment file = new MailAttachment("report.bin", "application/octet-stream", null, null, binary);
        MailAttachment image = new MailAttachment("logo.png", "image/png", "inline", "logo@x", new byte[] {1, 2, 3});
        byte[] raw = MimeComposer.compose(mail("Files", "see attached", "<p>see</p>", List.of(file, image)));

        ParsedMail parsed = MimeReader.parse(new ByteArrayInputStream(raw));
        assertEquals("see attached", parsed.text());
        assertEquals("<p>see</p>", parsed.html());
        assertEquals(2, parsed.attachments().size());
        ParsedAttachment first = parsed.attachments().get(0);
        assertEquals("report.bin", first.filename());
        assertEquals("application/octet-stream", first.contentType());
        assertEquals("attachment", first.disposition());
        assertEquals(binary.length, first.size());
        ParsedAttachment second = parsed.attachments().get(1);
        assertEquals("inline", second.disposition());
        assertEquals("logo@x", second.contentId());
        assertArrayEquals(binary, part(raw, first.ordinal()));
        assertArrayEquals(new byte[] {1, 2, 3}, part(raw, second.ordinal()));
    }

    @Test
    void aNonAsciiFilenameReadsBack() {
        MailAttachment file = new MailAttachment("Übersicht 2026.pdf", "application/pdf", null, null, new byte[] {9});
        ParsedMail parsed = roundTrip(mail("Files", "x", null, List.of(file)));

        assertEquals("Übersicht 2026.pdf", parsed.attachments().get(0).filename());
    }

    @Test
    void longReferencesAreFoldedToShortLines() {
        List<String> references = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            references.add("<reference-" + i + "@example.com>");
        }
        OutgoingMail mail = new OutgoingMail("<abc@agentmail.local>", DATE, MailAddress.of(null, "a@agentmail.local"),
                List.of(MailAddress.parse("to", "b@example.com")), List.of(), List.of(), List.of(), "Re: x", "t",
                null, references.get(39), references, Map.of(), List.of());
        byte[] raw = MimeComposer.compose(mail);

        for (String line : new String(raw, StandardCharsets.US_ASCII).split("\r\n")) {
            assertTrue(line.length() <= 998, line);
        }
        assertEquals(references, MimeReader.parse(new ByteArrayInputStream(raw)).references());
    }

    @Test
    void customHeadersAreWrittenAndReadBack() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Agent-Run", "run-7");
        OutgoingMail mail = new OutgoingMail("<abc@agentmail.local>", DATE, MailAddress.of(null, "a@agentmail.local"),
                List.of(MailAddress.parse("to", "b@example.com")), List.of(), List.of(), List.of(), "s", "t", null,
                null, List.of(), headers, List.of());

        assertEquals("run-7", MimeReader.parse(new ByteArrayInputStream(MimeComposer.compose(mail)))
                .headers().get("X-Agent-Run"));
    }

    @Test
    void aCustomHeaderCannotReplaceAStructuralOne() {
        OutgoingMail mail = new OutgoingMail("<abc@agentmail.local>", DATE, MailAddress.of(null, "a@agentmail.local"),
                List.of(MailAddress.parse("to", "b@example.com")), List.of(), List.of(), List.of(), "s", "t", null,
                null, List.of(), Map.of("From", "evil@example.com"), List.of());

        InvalidMail refused = assertThrows(InvalidMail.class, () -> MimeComposer.compose(mail));
        assertEquals("headers.From", refused.field());
    }

    @Test
    void aHeaderValueWithALineBreakIsRefused() {
        OutgoingMail mail = new OutgoingMail("<abc@agentmail.local>", DATE, MailAddress.of(null, "a@agentmail.local"),
                List.of(MailAddress.parse("to", "b@example.com")), List.of(), List.of(), List.of(), "s", "t", null,
                null, List.of(), Map.of("X-Injected", "a\r\nBcc: x@example.com"), List.of());

        assertThrows(InvalidMail.class, () -> MimeComposer.compose(mail));
    }

    @Test
    void aLineBreakInTheSubjectOrADisplayNameCannotStartAHeaderOfItsOwn() {
        OutgoingMail mail = new OutgoingMail("<abc@agentmail.local>", DATE,
                MailAddress.of("Agent\r\nBcc: eve@example.com", "agent@agentmail.local"),
                List.of(MailAddress.parse("to", "b@example.com")), List.of(), List.of(), List.of(),
                "Hi\r\nBcc: eve@example.com", "t", null, null, List.of(), Map.of(), List.of());
        byte[] raw = MimeComposer.compose(mail);

        ParsedMail parsed = MimeReader.parse(new ByteArrayInputStream(raw));
        assertFalse(new String(raw, StandardCharsets.US_ASCII).contains("\r\nBcc:"));
        assertFalse(parsed.headers().containsKey("Bcc"), parsed.headers().toString());
        assertTrue(parsed.subject().contains("eve@example.com"), parsed.subject());
    }

    @Test
    void moreThanFiftyCustomHeadersAreRefused() {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < 51; i++) {
            headers.put("X-Custom-" + i, "v");
        }
        OutgoingMail mail = new OutgoingMail("<abc@agentmail.local>", DATE, MailAddress.of(null, "a@agentmail.local"),
                List.of(MailAddress.parse("to", "b@example.com")), List.of(), List.of(), List.of(), "s", "t", null,
                null, List.of(), headers, List.of());

        InvalidMail refused = assertThrows(InvalidMail.class, () -> MimeComposer.compose(mail));
        assertTrue(refused.getMessage().contains("at most 50"), refused.getMessage());
    }

    @Test
    void linesEndInCrlf() {
        String text = new String(MimeComposer.compose(mail("s", "one\ntwo", null, List.of())), StandardCharsets.US_ASCII);

        assertFalse(text.replace("\r\n", "").contains("\n"), "no bare LF");
    }

    private static OutgoingMail mail(String subject, String text, String html, List<MailAttachment> attachments) {
        return new OutgoingMail("<abc@agentmail.local>", DATE, MailAddress.of("Agent 42", "agent-42@agentmail.local"),
                List.of(MailAddress.parse("to", "bob@example.com"), MailAddress.parse("to", "Carol <carol@example.com>")),
                List.of(MailAddress.parse("cc", "dave@example.com")), List.of(MailAddress.parse("bcc", "eve@example.com")),
                List.of(MailAddress.parse("reply_to", "replies@agentmail.local")), subject, text, html,
                "<parent@example.com>", List.of("<root@example.com>", "<parent@example.com>"), Map.of(), attachments);
    }

    private static ParsedMail roundTrip(OutgoingMail mail) {
        return MimeReader.parse(new ByteArrayInputStream(MimeComposer.compose(mail)));
    }

    private static byte[] part(byte[] raw, int ordinal) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(MimeReader.copyPart(new ByteArrayInputStream(raw), ordinal, out));
        return out.toByteArray();
    }

    private static boolean isAscii(byte[] raw) {
        for (byte b : raw) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }
}
