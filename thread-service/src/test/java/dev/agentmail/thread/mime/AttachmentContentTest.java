package dev.agentmail.thread.mime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Bytes written in pieces of any size read back whole, in order, however many blocks they took. */
class AttachmentContentTest {

    @Test
    void bytesWrittenAcrossManyBlocksReadBackInOrder() throws IOException {
        byte[] bytes = new byte[3 * 1024 * 1024 + 5];
        new Random(7).nextBytes(bytes);
        AttachmentContent.Writer writer = new AttachmentContent.Writer();
        writer.write(bytes[0]);
        for (int at = 1; at < bytes.length; at += 77_777) {
            writer.write(bytes, at, Math.min(77_777, bytes.length - at));
        }
        AttachmentContent content = writer.content();

        assertEquals(bytes.length, content.size());
        assertArrayEquals(bytes, content.toByteArray());
        assertArrayEquals(bytes, content.stream().readAllBytes());
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        content.writeTo(written);
        assertArrayEquals(bytes, written.toByteArray());
    }

    @Test
    void anArrayGivenWholeIsNotCopied() {
        byte[] bytes = {1, 2, 3};

        assertSame(bytes, AttachmentContent.of(bytes).toByteArray());
    }

    @Test
    void nothingWrittenIsEmpty() throws IOException {
        AttachmentContent content = new AttachmentContent.Writer().content();

        assertEquals(0, content.size());
        assertEquals(0, content.stream().readAllBytes().length);
    }
}
