package dev.agentmail.thread.download;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a download link names (a message's raw content, or one of its attachments) and until when, signed with
 * HMAC-SHA256 so that the link itself is the permission, as AgentMail's presigned URLs are. A link is
 * {@code base64url(inbox \n message \n attachment \n expiry)} {@code .} {@code base64url(mac)}.
 *
 * @param messageId the Message-ID ({@code <...>}), or {@code draft:} and the draft's id for a draft's attachment
 */
public record DownloadLink(String inboxId, String messageId, String attachmentId, Instant expiresAt) {

    static final String DRAFT = "draft:";

    /** The draft's id when the link names a draft's attachment, else null. */
    public String draftId() {
        return messageId.startsWith(DRAFT) ? messageId.substring(DRAFT.length()) : null;
    }

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    public String sign(byte[] key) {
        String body = ENCODER.encodeToString((inboxId + "\n" + messageId + "\n" + (attachmentId == null ? ""
                : attachmentId) + "\n" + expiresAt.getEpochSecond()).getBytes(StandardCharsets.UTF_8));
        return body + "." + ENCODER.encodeToString(mac(key, body));
    }

    /** The link a token names, or null when it is not one we signed or it has expired. */
    public static DownloadLink verify(byte[] key, String token, Instant now) {
        try {
            int dot = token.indexOf('.');
            if (dot < 0) {
                return null;
            }
            String body = token.substring(0, dot);
            if (!MessageDigest.isEqual(mac(key, body), DECODER.decode(token.substring(dot + 1)))) {
                return null;
            }
            String[] parts = new String(DECODER.decode(body), StandardCharsets.UTF_8).split("\n", -1);
            DownloadLink link = new DownloadLink(parts[0], parts[1], parts[2].isEmpty() ? null : parts[2],
                    Instant.ofEpochSecond(Long.parseLong(parts[3])));
            return link.expiresAt().isAfter(now) ? link : null;
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            return null;
        }
    }

    private static byte[] mac(byte[] key, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(body.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
