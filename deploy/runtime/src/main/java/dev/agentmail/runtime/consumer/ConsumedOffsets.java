package dev.agentmail.runtime.consumer;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * How far this service has applied each partition it reads: the offset after the last record applied, in the
 * service's {@code consumed_offsets} table ({@code topic text, kafka_partition int, next_offset bigint}, primary key
 * topic and partition). The runtime's migration gives the table a trigger that announces every change on the
 * {@value TopicCatchUp#CONSUMED_CHANNEL} channel, for {@link TopicCatchUp}.
 *
 * <p>It is also the consumer's rebalance listener (channel setting {@code consumer-rebalance-listener.name=}
 * {@value #NAME}): a partition assigned to this replica starts at the consumer's position. That is what makes the
 * table right again when the topic is not the one it was written for (a topic made anew, a local broker started
 * empty beside a database that was kept), where the offsets it holds would claim far more than was applied.
 */
@ApplicationScoped
@Identifier(ConsumedOffsets.NAME)
public class ConsumedOffsets implements KafkaConsumerRebalanceListener {

    public static final String NAME = "consumed-offsets";

    private static final Duration DATABASE_TIMEOUT = Duration.ofSeconds(30);
    /** The partition's position, in the reactive client's parameter style; Hibernate's takes ?1 for $1. */
    private static final String UPSERT = """
            insert into consumed_offsets (topic, kafka_partition, next_offset) values ($1, $2, $3)
            on conflict (topic, kafka_partition) do update set next_offset = excluded.next_offset""";

    private final Pool pool;

    ConsumedOffsets(Pool pool) {
        this.pool = pool;
    }

    /**
     * Records that these records are applied, in the current transaction: it commits with the changes. Records of
     * a partition are applied in order, so the last one is the position (a redelivery moves it back for a moment,
     * and forward again).
     */
    static Uni<Void> advance(ConsumerRecords<?, ?> records) {
        return Multi.createFrom().iterable(records.partitions())
                .onItem().transformToUniAndConcatenate(partition -> {
                    List<? extends ConsumerRecord<?, ?>> ofPartition = records.records(partition);
                    return advance(ofPartition.get(ofPartition.size() - 1));
                })
                .collect().last().replaceWithVoid();
    }

    /** Records that {@code record}, and those before it in its partition, are applied, in the current transaction. */
    static Uni<Void> advance(ConsumerRecord<?, ?> record) {
        return NativeUpdate.execute(UPSERT.replace("$", "?"), record.topic(), record.partition(), record.offset() + 1)
                .replaceWithVoid();
    }

    /** Runs on the consumer's polling thread, before any record of these partitions is handed over. */
    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            pool.preparedQuery(UPSERT)
                    .execute(Tuple.of(partition.topic(), partition.partition(), consumer.position(partition)))
                    .await().atMost(DATABASE_TIMEOUT);
        }
    }
}
