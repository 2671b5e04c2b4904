package dev.agentmail.runtime.consumer;

import io.smallrye.mutiny.Uni;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * How far this service has applied each partition it reads: the offset after the last record applied, in the
 * service's {@code consumed_offsets} table ({@code topic text, kafka_partition int, next_offset bigint}, primary key
 * topic and partition). Its migration also gives the table a trigger that announces every advance on the
 * {@value TopicCatchUp#CONSUMED_CHANNEL} channel, for {@link TopicCatchUp}.
 */
final class ConsumedOffsets {

    private ConsumedOffsets() {
    }

    /** Records that {@code record} is applied, in the current transaction: it commits with the change. */
    static Uni<Void> advance(ConsumerRecord<?, ?> record) {
        return NativeUpdate.execute("""
                        insert into consumed_offsets (topic, kafka_partition, next_offset) values (?1, ?2, ?3)
                        on conflict (topic, kafka_partition)
                        do update set next_offset = greatest(consumed_offsets.next_offset, excluded.next_offset)""",
                record.topic(), record.partition(), record.offset() + 1).replaceWithVoid();
    }
}
