package dev.agentmail.thread.download;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads raw messages in chunks with the plain reactive client: the column is stored uncompressed (V5), so each
 * {@code substring} reads only its own pages, and a 25 MB message never sits in memory whole.
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

    public Uni<byte[]> read(String inboxId, String messageId) {
        return pool.preparedQuery("select content from raw_messages where inbox_id = $1 and message_id = $2")
                .execute(Tuple.of(inboxId, messageId))
                .map(rows -> rows.size() == 0 ? new byte[0] : rows.iterator().next().getBuffer("content").getBytes());
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
