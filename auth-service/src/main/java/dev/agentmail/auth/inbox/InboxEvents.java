package dev.agentmail.auth.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentmail.auth.apikey.ApiKey;
import dev.agentmail.auth.apikey.ApiKeys;
import dev.agentmail.runtime.consumer.NativeUpdate;
import dev.agentmail.runtime.consumer.ProcessedEvents;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.io.IOException;
import java.util.Locale;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Follows inbox.events (docs/events.md) to know which inboxes exist: an inbox key can only be made for one of
 * them, the organization's {@code inbox_count} follows them, and an inbox's deletion revokes its keys. A tolerant
 * reader: it takes the fields it needs and ignores the rest. Each event applies once (processed_events), so
 * redelivery is harmless; a failure to apply is retried, never skipped, so no deletion is missed.
 */
@ApplicationScoped
public class InboxEvents {

    private static final Logger LOG = Logger.getLogger(InboxEvents.class);

    /** The fields of an inbox event that matter here. */
    record InboxEvent(String eventId, String eventType, String organizationId, String inboxId, String podId) {
    }

    private final ObjectMapper json;
    private final ApiKeys keys;

    InboxEvents(ObjectMapper json, ApiKeys keys) {
        this.json = json;
        this.keys = keys;
    }

    @Incoming("inbox-events")
    @ActivateRequestContext
    public Uni<Void> consume(String value) {
        InboxEvent event = parse(value);
        if (event == null) {
            return Uni.createFrom().voidItem();
        }
        return ProcessedEvents.applyOnce(event.eventId(), event.eventType(), () -> apply(event));
    }

    private Uni<Void> apply(InboxEvent event) {
        return switch (event.eventType()) {
            case "inbox.created", "inbox.updated" -> remember(event);
            case "inbox.deleted" -> forget(event);
            default -> Uni.createFrom().voidItem();
        };
    }

    private static Uni<Void> remember(InboxEvent event) {
        return NativeUpdate.execute("""
                        insert into known_inboxes (inbox_id, organization_id, pod_id) values (?1, ?2, ?3)
                        on conflict (inbox_id) do nothing""",
                event.inboxId(), event.organizationId(), event.podId())
                .chain(inserted -> inserted == 0 ? Uni.createFrom().voidItem()
                        : countInboxes(event.organizationId(), +1));
    }

    private Uni<Void> forget(InboxEvent event) {
        return NativeUpdate.execute("delete from known_inboxes where inbox_id = ?1", event.inboxId())
                .chain(deleted -> deleted == 0 ? Uni.createFrom().voidItem()
                        : countInboxes(event.organizationId(), -1))
                .chain(() -> ApiKey.<ApiKey>list("inboxId = ?1 and revokedAt is null", event.inboxId()))
                .chain(inboxKeys -> Multi.createFrom().iterable(inboxKeys)
                        .onItem().transformToUniAndConcatenate(keys::revoke)
                        .collect().last());
    }

    private static Uni<Void> countInboxes(String organizationId, int change) {
        return NativeUpdate.execute("""
                        update organizations set inbox_count = greatest(inbox_count + ?1, 0), updated_at = now()
                        where organization_id = ?2""", change, organizationId)
                .replaceWithVoid();
    }

    /** The event, or null (logged) when it is not an inbox event we can read: such a record is skipped. */
    private InboxEvent parse(String value) {
        try {
            JsonNode event = json.readTree(value);
            JsonNode inbox = event.path("inbox");
            InboxEvent parsed = new InboxEvent(event.path("event_id").asText(null), event.path("event_type").asText(null),
                    event.path("organization_id").asText(null),
                    inbox.path("inbox_id").asText("").toLowerCase(Locale.ROOT), inbox.path("pod_id").asText(null));
            if (parsed.eventId() == null || parsed.eventType() == null || parsed.organizationId() == null
                    || parsed.inboxId().isEmpty() || parsed.podId() == null) {
                LOG.warnf("skipping an inbox.events record without event_id, event_type, organization_id, "
                        + "inbox.inbox_id or inbox.pod_id");
                return null;
            }
            return parsed;
        } catch (IOException e) {
            LOG.warnf("skipping an inbox.events record that is not JSON: %s", e.getMessage());
            return null;
        }
    }
}
