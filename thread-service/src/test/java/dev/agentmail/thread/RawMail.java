package dev.agentmail.thread;

import dev.agentmail.local.testing.TestDatabase;
import dev.agentmail.thread.mime.MimeReader;
import dev.agentmail.thread.mime.ParsedMail;
import java.io.ByteArrayInputStream;

/** The raw message an inbox holds, parsed as any mail client would. */
public final class RawMail {

    private RawMail() {
    }

    public static byte[] bytes(TestDatabase database, String inboxId, String messageId) {
        return (byte[]) database.query("select content from raw_messages where inbox_id = ? and message_id = ?",
                inboxId, messageId).get(0).get("content");
    }

    public static ParsedMail parsed(TestDatabase database, String inboxId, String messageId) {
        return MimeReader.parse(new ByteArrayInputStream(bytes(database, inboxId, messageId)));
    }
}
