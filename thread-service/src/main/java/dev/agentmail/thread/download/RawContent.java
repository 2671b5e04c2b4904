package dev.agentmail.thread.download;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.time.Duration;

/**
 * Reads raw messages in chunks with the plain reactive client: the column is stored uncompressed (V5), so each
 * {@code substring} reads only its own pages, and a 25 MB message never sits in memory whole, neither when it is
 * downloaded nor when an attachment is decoded out of it.
 */
@ApplicationScoped
public class RawContent {

    static final int CHUNK = 1024 * 1024;

    private final Pool pool;

    RawContent(Pool pool) {
        this.pool = pool;
    }

    public Multi<Buffer> stream(String inboxId, String messageId) {
        return Multi.createBy().repeating()
                .uni(() -> new int[] {1}, next -> chunk(inboxId, messageId, next))
                .whilst(buffer -> buffer.length() == CHUNK)
                .select().where(buffer -> buffer.length() > 0);
    }

    /**
     * The raw message as a blocking stream that reads one chunk at a time: only for worker threads (it waits for
     * the database), e.g. to decode one attachment out of a large message while it streams.
     */
    public InputStream blockingStream(String inboxId, String messageId) {
        return new InputStream() {
            private final int[] next = {1};
            private byte[] chunk = new byte[0];
            private int position;
            private boolean last;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] target, int offset, int length) {
                if (position == chunk.length) {
                    if (last) {
                        return -1;
                    }
                    chunk = chunk(inboxId, messageId, next).await().atMost(Duration.ofMinutes(1)).getBytes();
                    position = 0;
                    last = chunk.length < CHUNK;
                    if (chunk.length == 0) {
                        return -1;
                    }
                }
                int count = Math.min(length, chunk.length - position);
                System.arraycopy(chunk, position, target, offset, count);
                position += count;
                return count;
            }
        };
    }

    /** A draft's attachment, in chunks like a raw message. */
    public Multi<Buffer> streamDraftAttachment(String draftId, String attachmentId) {
        return Multi.createBy().repeating()
                .uni(() -> new int[] {1}, next -> {
                    int from = next[0];
                    next[0] += CHUNK;
                    return pool.preparedQuery("select substring(content from $3 for $4) as part"
                                    + " from draft_attachments where draft_id = $1 and attachment_id = $2")
                            .execute(Tuple.of(draftId, attachmentId, from, CHUNK))
                            .map(rows -> rows.size() == 0 ? Buffer.buffer()
                                    : rows.iterator().next().getBuffer("part"));
                })
                .whilst(buffer -> buffer.length() == CHUNK)
                .select().where(buffer -> buffer.length() > 0);
    }

    private Uni<Buffer> chunk(String inboxId, String messageId, int[] next) {
        int from = next[0];
        next[0] += CHUNK;
        return pool.preparedQuery("select substring(content from $3 for $4) as part from raw_messages"
                        + " where inbox_id = $1 and message_id = $2")
                .execute(Tuple.of(inboxId, messageId, from, CHUNK))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Buffer.buffer();
                    }
                    Row row = rows.iterator().next();
                    return row.getBuffer("part");
                });
    }
}
