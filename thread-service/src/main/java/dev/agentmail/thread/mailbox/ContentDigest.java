package dev.agentmail.thread.mailbox;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.agentmail.thread.mime.AttachmentContent;
import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An attachment's bytes where a request is written as JSON, which only its fingerprint does ({@link IdempotentSends}):
 * their SHA-256, so that a repeated request matches without its attachments being written out as base64 again.
 */
public final class ContentDigest extends StdSerializer<AttachmentContent> {

    public ContentDigest() {
        super(AttachmentContent.class);
    }

    @Override
    public void serialize(AttachmentContent content, JsonGenerator json, SerializerProvider provider)
            throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            content.writeTo(new DigestOutputStream(OutputStream.nullOutputStream(), sha));
            json.writeString("sha256:" + HexFormat.of().formatHex(sha.digest()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
