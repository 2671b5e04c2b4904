package dev.agentmail.auth.inbox;

import dev.agentmail.auth.apikey.ApiKey;
import dev.agentmail.auth.apikey.ApiKeys;
import dev.agentmail.runtime.consumer.NativeUpdate;
import dev.agentmail.runtime.inbox.InboxTopicEvent;
import dev.agentmail.runtime.inbox.InboxTopicReader;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * What auth-service keeps of inbox.events (docs/events.md, read by {@link InboxTopicReader}): an inbox or pod key
 * can only be made for an inbox or pod that exists, the organization's {@code inbox_count} follows the inboxes, and
 * the deletion of an inbox or a pod revokes its keys.
 */
@ApplicationScoped
public class InboxEvents implements InboxTopicReader.ReadModel {

    private final InboxTopicReader reader;
    private final ApiKeys keys;

    InboxEvents(InboxTopicReader reader, ApiKeys keys) {
        this.reader = reader;
        this.keys = keys;
    }

    @Incoming("inbox-events")
    @ActivateRequestContext
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return reader.apply(records, this);
    }

    @Override
    public Uni<Void> inboxKnown(InboxTopicEvent event) {
        return NativeUpdate.execute("""
                        insert into known_inboxes (inbox_id, organization_id, pod_id) values (?1, ?2, ?3)
                        on conflict (inbox_id) do nothing""",
                event.inboxId(), event.organizationId(), event.podId())
                .chain(inserted -> inserted == 0 ? Uni.createFrom().voidItem()
                        : countInboxes(event.organizationId(), +1));
    }

    @Override
    public Uni<Void> inboxDeleted(InboxTopicEvent event) {
        return NativeUpdate.execute("delete from known_inboxes where inbox_id = ?1", event.inboxId())
                .chain(deleted -> deleted == 0 ? Uni.createFrom().voidItem()
                        : countInboxes(event.organizationId(), -1))
                .chain(() -> ApiKey.<ApiKey>list("inboxId = ?1 and revokedAt is null", event.inboxId()))
                .chain(this::revokeAll);
    }

    @Override
    public Uni<Void> podDeleted(InboxTopicEvent event) {
        return ApiKey.<ApiKey>list("organizationId = ?1 and podId = ?2 and revokedAt is null",
                        event.organizationId(), event.podId())
                .chain(this::revokeAll);
    }

    private Uni<Void> revokeAll(List<ApiKey> live) {
        return Multi.createFrom().iterable(live)
                .onItem().transformToUniAndConcatenate(keys::revoke)
                .collect().last();
    }

    private static Uni<Void> countInboxes(String organizationId, int change) {
        return NativeUpdate.execute("""
                        update organizations set inbox_count = greatest(inbox_count + ?1, 0), updated_at = now()
                        where organization_id = ?2""", change, organizationId)
                .replaceWithVoid();
    }
}
