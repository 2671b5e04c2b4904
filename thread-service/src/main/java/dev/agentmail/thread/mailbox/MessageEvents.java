package dev.agentmail.thread.mailbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentmail.runtime.outbox.Outbox;
import dev.agentmail.thread.mailbox.MessageJson.MessageView;
import dev.agentmail.thread.mailbox.ThreadJson.ThreadItem;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * The message events on {@code message.events}, keyed by inbox_id, each record value exactly AgentMail's webhook
 * payload (docs/events.md). They go through the outbox inside the caller's transaction, so a message and its event
 * commit together or not at all.
 *
 * <p>An event is bounded ({@link Outbox#MAX_EVENT_BYTES}): as AgentMail does, a {@code message.received} that would
 * be larger leaves out the message's {@code text} and {@code html}, then its headers, then the attachment lists of
 * the message and its thread, and last everything but the ids, labels, times and sizes of both; the message API and
 * the raw message still have it all. No size of message or thread can make an event that Kafka refuses.
 */
@ApplicationScoped
public class MessageEvents {

    static final String TOPIC = "message.events";

    /** {@code MessageReceivedEvent}. */
    record Received(String type, String eventType, String eventId, MessageView message, ThreadItem thread) {
    }

    /** {@code Send}. */
    record Send(String inboxId, String threadId, String messageId, Instant timestamp, List<String> recipients) {
    }

    /** {@code MessageSentEvent}. */
    record Sent(String type, String eventType, String eventId, Send send) {
    }

    private final Outbox outbox;
    private final ObjectMapper json;

    MessageEvents(Outbox outbox, ObjectMapper json) {
        this.outbox = outbox;
        this.json = json;
    }

    /** An event written and ready to append to the outbox: writing takes time that need not be spent under a lock. */
    public record WrittenEvent(String inboxId, String eventType, String eventId, String payload) {
    }

    /** Appends a written event to the outbox, in the caller's transaction. */
    public Uni<Void> append(WrittenEvent event) {
        return outbox.append(TOPIC, event.inboxId(), event.eventType(), event.eventId(), event.payload());
    }

    /** A message arrived in one of our inboxes; {@code thread} is its thread with the message in it. */
    public WrittenEvent received(Message message, MailThread thread) {
        String eventId = Outbox.newEventId();
        ThreadItem threadItem = ThreadItem.of(thread);
        MessageView whole = MessageView.of(message);
        MessageView withoutHeaders = whole.withoutBodies().withoutHeaders();
        byte[] payload = null;
        for (Received event : List.of(
                new Received("event", "message.received", eventId, whole, threadItem),
                new Received("event", "message.received", eventId, whole.withoutBodies(), threadItem),
                new Received("event", "message.received", eventId, withoutHeaders, threadItem),
                new Received("event", "message.received", eventId, withoutHeaders.withoutAttachments(),
                        threadItem.withoutAttachments()),
                new Received("event", "message.received", eventId, whole.skeleton(), threadItem.skeleton()))) {
            payload = write(event);
            if (payload.length <= Outbox.MAX_EVENT_BYTES) {
                break;
            }
        }
        return new WrittenEvent(message.inboxId, "message.received", eventId,
                new String(payload, StandardCharsets.UTF_8));
    }

    /** A message left one of our inboxes, to every recipient (To, Cc and Bcc). */
    public WrittenEvent sent(Message message, List<String> recipients) {
        String eventId = Outbox.newEventId();
        byte[] payload = write(new Sent("event", "message.sent", eventId,
                new Send(message.inboxId, message.threadId, message.messageId, message.timestamp, recipients)));
        return new WrittenEvent(message.inboxId, "message.sent", eventId, new String(payload, StandardCharsets.UTF_8));
    }

    private byte[] write(Object event) {
        try {
            return json.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + event.getClass().getSimpleName(), e);
        }
    }
}
