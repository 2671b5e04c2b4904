package dev.agentmail.runtime.outbox;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * A successful request that appended events answers once they are published (bounded by
 * {@code agentmail.outbox.answer-wait}): the services that follow the topic can then learn of the change as soon as
 * the caller names it (docs/read-your-writes.md). Failed requests answer at once; their events, if any committed,
 * go out as usual.
 */
class AnswerAfterPublished {

    private final AppendedEvents appended;
    private final PublishedEvents published;
    private final OutboxRelay relay;
    private final OutboxConfig config;

    AnswerAfterPublished(AppendedEvents appended, PublishedEvents published, OutboxRelay relay, OutboxConfig config) {
        this.appended = appended;
        this.published = published;
        this.relay = relay;
        this.config = config;
    }

    @ServerResponseFilter
    public Uni<Void> awaitPublished(ContainerResponseContext response) {
        if (response.getStatus() >= 300 || config.answerWait().isZero() || relay.brokerAway()) {
            return Uni.createFrom().voidItem();
        }
        List<Long> ids = appended.ids();
        return ids.isEmpty() ? Uni.createFrom().voidItem() : published.await(ids, config.answerWait());
    }
}
