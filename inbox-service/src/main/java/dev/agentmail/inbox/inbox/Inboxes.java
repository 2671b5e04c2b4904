package dev.agentmail.inbox.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentmail.runtime.error.ApiException;
import dev.agentmail.inbox.metadata.Metadata;
import dev.agentmail.runtime.paging.Page;
import dev.agentmail.runtime.paging.PageRequest;
import dev.agentmail.runtime.paging.PageToken;
import dev.agentmail.inbox.pod.Pods;
import dev.agentmail.runtime.security.Permission;
import dev.agentmail.runtime.security.Principal;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What a caller can do with inboxes. The organization's collection needs an organization key (403); a pod's
 * collection needs an organization key or the pod's own key; an inbox outside the caller's scope, in another
 * organization, or not in the route's pod is 404 as if it did not exist. Callers run these inside a session or
 * transaction (the resource's annotations).
 */
@ApplicationScoped
public class Inboxes {

    private static final int MAX_LENGTH = 256;
    private static final int MIN_QUERY = 2;
    // A generated address is taken only by a rare coincidence; a few draws make a failure practically impossible.
    private static final int GENERATION_ATTEMPTS = 5;

    private final Pods pods;
    private final InboxConfig config;
    private final InboxEvents events;

    Inboxes(Pods pods, InboxConfig config, InboxEvents events) {
        this.pods = pods;
        this.config = config;
        this.events = events;
    }

    /**
     * A create with a client_id the organization has used before answers that inbox, unchanged, and publishes
     * nothing. Without a pod in the route the inbox goes to the organization's default pod, made on first need.
     */
    public Uni<InboxJson.InboxView> create(Principal caller, InboxCollection route, InboxJson.CreateRequest request) {
        caller.require(Permission.INBOX_CREATE);
        InboxJson.CreateRequest body = request == null
                ? new InboxJson.CreateRequest(null, null, null, null, null) : request;
        String domain = checkedDomain(body.domain());
        InboxAddress requested = body.username() == null ? null : InboxAddress.requested(body.username(), domain);
        checkLength("display_name", body.displayName());
        checkLength("client_id", body.clientId());
        Metadata metadata = Metadata.ofCreate(body.metadata());
        return podFor(caller, route)
                .chain(podId -> earlier(caller, body.clientId()).chain(inbox -> inbox != null
                        ? Uni.createFrom().item(inbox)
                        : address(requested, domain, GENERATION_ATTEMPTS).chain(address ->
                                persistNew(caller.organizationId(), podId, address, body, metadata)
                                        .call(events::created))))
                .map(InboxJson.InboxView::of);
    }

    public Uni<InboxJson.InboxList> list(Principal caller, InboxCollection route, PageRequest page) {
        caller.require(Permission.INBOX_READ);
        return reachCollection(caller, route)
                .chain(() -> Inbox.page(caller.organizationId(), route.podId(), page))
                .map(inboxes -> listOf(inboxes, page));
    }

    /** Inboxes with every word of {@code q} the prefix of a word of their address or display name. */
    public Uni<InboxJson.InboxList> search(Principal caller, InboxCollection route, String q, PageRequest page) {
        caller.require(Permission.INBOX_READ);
        if (q == null || q.strip().length() < MIN_QUERY || q.length() > MAX_LENGTH) {
            throw ApiException.invalidField("q", "must be " + MIN_QUERY + " to " + MAX_LENGTH + " characters");
        }
        String prefixQuery = SearchWords.prefixQuery(q);
        return reachCollection(caller, route)
                .chain(() -> prefixQuery == null ? Uni.createFrom().item(List.<Inbox>of())
                        : Inbox.search(caller.organizationId(), route.podId(), prefixQuery, page))
                .map(inboxes -> listOf(inboxes, page));
    }

    public Uni<InboxJson.InboxView> get(Principal caller, InboxCollection route, String inboxId) {
        caller.require(Permission.INBOX_READ);
        return target(caller, route, inboxId, Inbox::findInOrganization,
                inbox -> caller.readsInbox(inbox.podId, inbox.id))
                .map(InboxJson.InboxView::of);
    }

    /** PATCH: {@code display_name} and/or {@code metadata} (merged, see {@link Metadata#merge}). */
    public Uni<InboxJson.InboxView> update(Principal caller, InboxCollection route, String inboxId, JsonNode body) {
        caller.require(Permission.INBOX_UPDATE);
        if (body == null || !body.isObject() || !(body.has("display_name") || body.has("metadata"))) {
            throw ApiException.validation("Send display_name or metadata (or both) to update.");
        }
        JsonNode displayName = body.get("display_name");
        if (displayName != null && !displayName.isNull() && !displayName.isTextual()) {
            throw ApiException.invalidField("display_name", "must be a string or null");
        }
        return target(caller, route, inboxId, Inbox::findInOrganizationToChange,
                inbox -> caller.changesInbox(inbox.podId)).chain(inbox -> {
            if (displayName != null) {
                inbox.displayName = displayName.isNull() ? null : checkLength("display_name", displayName.textValue());
                inbox.searchWords = SearchWords.of(inbox.id, inbox.displayName);
            }
            if (body.has("metadata")) {
                inbox.metadata = Metadata.ofStored(inbox.metadata).merge(body.get("metadata")).toMapOrNull();
            }
            inbox.updatedAt = Inbox.now();
            return events.updated(inbox).replaceWith(InboxJson.InboxView.of(inbox));
        });
    }

    public Uni<Void> delete(Principal caller, InboxCollection route, String inboxId) {
        caller.require(Permission.INBOX_DELETE);
        return target(caller, route, inboxId, Inbox::findInOrganizationToChange,
                inbox -> caller.changesInbox(inbox.podId))
                .chain(inbox -> inbox.delete().chain(() -> events.deleted(inbox)));
    }

    /** The pod a new inbox goes to: the route's (if the caller reaches it) or the organization's default. */
    private Uni<String> podFor(Principal caller, InboxCollection route) {
        if (route.isOrganization()) {
            caller.requireOrganizationScope("/v0/inboxes");
            return pods.ensureDefault(caller.organizationId());
        }
        return pods.reachable(caller, route.podId()).map(pod -> pod.id);
    }

    private Uni<Void> reachCollection(Principal caller, InboxCollection route) {
        if (route.isOrganization()) {
            caller.requireOrganizationScope("/v0/inboxes");
            return Uni.createFrom().voidItem();
        }
        return pods.reachable(caller, route.podId()).replaceWithVoid();
    }

    /**
     * The inbox the path names, if it is in the caller's organization, the route's pod and the caller's scope.
     *
     * @param lookup how to read it: locked when the caller goes on to change it
     */
    private Uni<Inbox> target(Principal caller, InboxCollection route, String inboxId,
                              BiFunction<String, String, Uni<Inbox>> lookup, Function<Inbox, Boolean> inScope) {
        Uni<Void> collection = route.isOrganization() ? Uni.createFrom().voidItem()
                : pods.reachable(caller, route.podId()).replaceWithVoid();
        return collection
                .chain(() -> lookup.apply(caller.organizationId(), inboxId.toLowerCase(Locale.ROOT)))
                .map(inbox -> {
                    if (inbox == null || !route.contains(inbox) || !inScope.apply(inbox)) {
                        throw ApiException.notFound("Inbox");
                    }
                    return inbox;
                });
    }

    /** The inbox an earlier create with this client_id made, if the caller can see it. */
    private static Uni<Inbox> earlier(Principal caller, String clientId) {
        if (clientId == null) {
            return Uni.createFrom().nullItem();
        }
        return Inbox.findByClientId(caller.organizationId(), clientId).map(inbox -> {
            if (inbox != null && !caller.readsInbox(inbox.podId, inbox.id)) {
                throw ApiException.conflict("This client_id names an inbox this API key cannot reach; "
                        + "use another client_id.");
            }
            return inbox;
        });
    }

    /** The requested address if it is free (else 409), or a generated one that is. */
    private static Uni<InboxAddress> address(InboxAddress requested, String domain, int attempts) {
        InboxAddress candidate = requested != null ? requested : InboxAddress.generated(domain);
        return Inbox.addressTaken(candidate.value()).chain(taken -> {
            if (!taken) {
                return Uni.createFrom().item(candidate);
            }
            if (requested != null) {
                throw ApiException.isTaken("The address " + candidate.value() + " is taken; choose another username.");
            }
            if (attempts <= 1) {
                throw ApiException.conflict("Could not find a free address; send a username.");
            }
            return address(null, domain, attempts - 1);
        });
    }

    private static Uni<Inbox> persistNew(String organizationId, String podId, InboxAddress address,
                                         InboxJson.CreateRequest request, Metadata metadata) {
        Inbox inbox = new Inbox();
        inbox.id = address.value();
        inbox.organizationId = organizationId;
        inbox.podId = podId;
        inbox.displayName = request.displayName();
        inbox.clientId = request.clientId();
        inbox.metadata = metadata.toMapOrNull();
        inbox.searchWords = SearchWords.of(inbox.id, inbox.displayName);
        inbox.createdAt = Inbox.now();
        inbox.updatedAt = inbox.createdAt;
        return inbox.persist();
    }

    /** The default domain; any other needs verification, which does not exist yet. */
    private String checkedDomain(String domain) {
        String defaultDomain = config.defaultDomain().toLowerCase(Locale.ROOT);
        if (domain == null || domain.toLowerCase(Locale.ROOT).equals(defaultDomain)) {
            return defaultDomain;
        }
        throw ApiException.invalidField("domain", "this organization has not verified " + domain
                + "; only " + defaultDomain + " can be used, as this server does not support adding domains yet");
    }

    private static InboxJson.InboxList listOf(List<Inbox> inboxes, PageRequest page) {
        return InboxJson.InboxList.of(Page.of(inboxes, page, inbox -> new PageToken(inbox.createdAt, inbox.id)),
                page.limit());
    }

    private static String checkLength(String field, String value) {
        if (value != null && (value.isEmpty() || value.length() > MAX_LENGTH)) {
            throw ApiException.invalidField(field, "must be 1 to " + MAX_LENGTH + " characters");
        }
        return value;
    }
}
