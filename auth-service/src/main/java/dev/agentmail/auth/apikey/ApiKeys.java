package dev.agentmail.auth.apikey;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentmail.auth.inbox.KnownInbox;
import dev.agentmail.runtime.consumer.TopicCatchUp;
import dev.agentmail.runtime.error.ApiException;
import dev.agentmail.runtime.inbox.InboxTopicEvent;
import dev.agentmail.runtime.paging.Page;
import dev.agentmail.runtime.paging.PageRequest;
import dev.agentmail.runtime.paging.PageToken;
import dev.agentmail.runtime.pod.KnownPods;
import dev.agentmail.runtime.security.Permission;
import dev.agentmail.runtime.security.Principal;
import dev.agentmail.runtime.security.ScopeType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What a caller can do with API keys, and the rules that keep a key from reaching further than the key that made
 * it: a collection outside the caller's scope is 404 (as if it did not exist), an organization-level collection
 * called with a scoped key is 403, and a key never grants what its maker does not hold. Callers run these inside
 * a transaction (the resource's {@code @WithTransaction}).
 */
@ApplicationScoped
public class ApiKeys {

    private static final int MAX_NAME_LENGTH = 256;
    private static final String DEFAULT_NAME = "API key";

    private final ApiKeyEvents events;
    private final TopicCatchUp catchUp;

    ApiKeys(ApiKeyEvents events, TopicCatchUp catchUp) {
        this.events = events;
        this.catchUp = catchUp;
    }

    public Uni<ApiKeyJson.Created> create(Principal caller, KeyCollection route, ApiKeyJson.CreateRequest request) {
        caller.require(Permission.API_KEY_CREATE);
        if (request == null) {
            throw ApiException.validation("Send a JSON object, e.g. {\"name\": \"agent-42\"}.");
        }
        if (request.publicKey() != null) {
            throw ApiException.invalidField("public_key", "public-key credentials are not issued here; "
                    + "omit public_key to create a bearer key");
        }
        String name = request.name() == null ? DEFAULT_NAME : checkedName(request.name());
        if (request.expiresAt() != null && !request.expiresAt().isAfter(Instant.now())) {
            throw ApiException.invalidField("expires_at", "must be in the future");
        }
        Permissions requested = Permissions.fromWire(request.permissions());
        return reach(caller, route)
                .call(collection -> callerKey(caller).invoke(maker ->
                        checkGrant(caller, maker, requested, collection.scopeType())))
                .chain(collection -> persistNew(caller.organizationId(), name, collection, requested,
                        request.expiresAt(), ApiKeySecret.generate()));
    }

    /** An organization key without a whitelist, made by the system: the bootstrap key, an operator's new one. */
    public Uni<ApiKeyJson.Created> issueOrganizationKey(String organizationId, String name, ApiKeySecret secret) {
        return persistNew(organizationId, name, KeyCollection.organization(), Permissions.unrestricted(), null, secret);
    }

    private Uni<ApiKeyJson.Created> persistNew(String organizationId, String name, KeyCollection collection,
                                               Permissions permissions, Instant expiresAt, ApiKeySecret secret) {
        Instant now = ApiKey.now();
        ApiKey key = new ApiKey();
        key.id = "ak_" + UUID.randomUUID().toString().replace("-", "");
        key.organizationId = organizationId;
        key.name = name;
        key.prefix = secret.prefix();
        key.keyHash = secret.hash();
        key.podId = collection.podId();
        key.inboxId = collection.inboxId();
        key.permissions = permissions.toStored();
        key.createdAt = now;
        key.updatedAt = now;
        key.expiresAt = expiresAt;
        return key.<ApiKey>persist()
                .call(events::created)
                .map(saved -> ApiKeyJson.Created.of(saved, secret));
    }

    public Uni<ApiKeyJson.Page> list(Principal caller, KeyCollection route, PageRequest page) {
        caller.require(Permission.API_KEY_READ);
        return reach(caller, route)
                .chain(collection -> ApiKey.page(caller.organizationId(), collection, page))
                .map(fetched -> {
                    Page<ApiKey> shown = Page.of(fetched, page, key -> new PageToken(key.createdAt, key.id));
                    return new ApiKeyJson.Page(shown.items().size(), shown.nextToken(),
                            shown.items().stream().map(ApiKeyJson.Key::of).toList());
                });
    }

    public Uni<ApiKeyJson.Key> get(Principal caller, KeyCollection route, String apiKeyId) {
        caller.require(Permission.API_KEY_READ);
        return target(caller, route, apiKeyId).map(ApiKeyJson.Key::of);
    }

    /** PATCH: {@code name} and/or {@code permissions}; {@code "permissions": null} lifts the whitelist. */
    public Uni<ApiKeyJson.Key> update(Principal caller, KeyCollection route, String apiKeyId, JsonNode body) {
        caller.require(Permission.API_KEY_UPDATE);
        if (body == null || !body.isObject() || !(body.has("name") || body.has("permissions"))) {
            throw ApiException.validation("Send name or permissions (or both) to update.");
        }
        String name = body.has("name") ? checkedName(textOf(body.get("name"))) : null;
        Permissions permissions = body.has("permissions") ? Permissions.fromWire(flagsOf(body.get("permissions"))) : null;
        return targetToChange(caller, route, apiKeyId)
                .call(key -> permissions == null ? Uni.createFrom().voidItem()
                        : callerKey(caller).invoke(maker -> checkGrant(caller, maker, permissions, key.scopeType())))
                .chain(key -> {
                    if (name != null) {
                        key.name = name;
                    }
                    if (permissions != null) {
                        key.permissions = permissions.toStored();
                    }
                    key.updatedAt = ApiKey.now();
                    return events.updated(key).replaceWith(ApiKeyJson.Key.of(key));
                });
    }

    /** DELETE revokes at once: verification refuses the key from this commit on, and the gateway hears of it. */
    public Uni<Void> delete(Principal caller, KeyCollection route, String apiKeyId) {
        caller.require(Permission.API_KEY_DELETE);
        return targetToChange(caller, route, apiKeyId).chain(this::revoke);
    }

    /** Revokes a live key and records the event; used by DELETE and when the key's inbox is deleted. */
    public Uni<Void> revoke(ApiKey key) {
        key.revokedAt = ApiKey.now();
        key.updatedAt = key.revokedAt;
        return events.revoked(key);
    }

    /**
     * The collection as the caller may use it. The organization's collection needs an organization key (403);
     * a pod or inbox outside the caller's scope, or one that does not exist in its organization (as inbox.events
     * told us, once caught up with the topic: one made a moment ago may not have been applied here yet), is 404.
     */
    private Uni<KeyCollection> reach(Principal caller, KeyCollection route) {
        return switch (route.scopeType()) {
            case ORGANIZATION -> {
                if (caller.scopeType() != ScopeType.ORGANIZATION) {
                    throw ApiException.forbidden("The organization's API keys are managed with an organization key.");
                }
                yield Uni.createFrom().item(route);
            }
            case POD -> {
                boolean inScope = caller.scopeType() == ScopeType.ORGANIZATION
                        || caller.scopeType() == ScopeType.POD && route.podId().equals(caller.podId());
                if (!inScope) {
                    throw ApiException.notFound("Pod");
                }
                yield catchUp.orAfterCatchingUp(InboxTopicEvent.TOPIC, route.podId(),
                        () -> KnownPods.exists(caller.organizationId(), route.podId()), Boolean::booleanValue)
                        .map(exists -> {
                            if (!exists) {
                                throw ApiException.notFound("Pod");
                            }
                            return route;
                        });
            }
            case INBOX -> catchUp.orAfterCatchingUp(InboxTopicEvent.TOPIC, route.inboxId(),
                    () -> KnownInbox.findInOrganization(caller.organizationId(), route.inboxId()), Objects::nonNull)
                    .map(inbox -> {
                        boolean reachable = inbox != null && switch (caller.scopeType()) {
                            case ORGANIZATION -> true;
                            case POD -> inbox.podId.equals(caller.podId());
                            case INBOX -> inbox.inboxId.equals(caller.inboxId());
                        };
                        if (!reachable) {
                            throw ApiException.notFound("Inbox");
                        }
                        return route.inPod(inbox.podId);
                    });
        };
    }

    private Uni<ApiKey> target(Principal caller, KeyCollection route, String apiKeyId) {
        return target(caller, route, () -> ApiKey.findLive(caller.organizationId(), apiKeyId));
    }

    /** As {@link #target}, locked for a change (PATCH, DELETE): changes of one key take turns. */
    private Uni<ApiKey> targetToChange(Principal caller, KeyCollection route, String apiKeyId) {
        return target(caller, route, () -> ApiKey.findLiveToChange(caller.organizationId(), apiKeyId));
    }

    private Uni<ApiKey> target(Principal caller, KeyCollection route, Supplier<Uni<ApiKey>> lookup) {
        return reach(caller, route).chain(collection -> lookup.get()
                .map(key -> {
                    if (key == null || !collection.contains(key)) {
                        throw ApiException.notFound("API key");
                    }
                    return key;
                }));
    }

    /** The caller's own key as stored now: its whitelist decides what it may grant. */
    private static Uni<ApiKey> callerKey(Principal caller) {
        return ApiKey.findLive(caller.organizationId(), caller.apiKeyId()).map(key -> {
            if (key == null || !key.isActiveAt(Instant.now())) {
                throw ApiException.unauthorized();
            }
            return key;
        });
    }

    /**
     * No escalation: a key without a whitelist can only come from a key without one, and every permission the new
     * or changed key would have at its scope must be one the caller has at its own.
     */
    private static void checkGrant(Principal caller, ApiKey maker, Permissions requested, ScopeType scope) {
        if (requested.isUnrestricted() && !maker.whitelist().isUnrestricted()) {
            throw ApiException.forbidden("Only a key without a permissions whitelist can give a key none; "
                    + "send the permissions this key should have.");
        }
        Set<Permission> beyond = requested.effectiveAt(scope);
        beyond.removeAll(maker.whitelist().effectiveAt(caller.scopeType()));
        if (!beyond.isEmpty()) {
            throw ApiException.forbidden("A key cannot grant permissions it does not hold: "
                    + String.join(", ", Permissions.names(beyond)) + ".");
        }
    }

    private static String checkedName(String name) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            throw ApiException.invalidField("name", "must be 1 to " + MAX_NAME_LENGTH + " characters");
        }
        return name;
    }

    private static String textOf(JsonNode node) {
        if (!node.isTextual()) {
            throw ApiException.invalidField("name", "must be a string");
        }
        return node.asText();
    }

    private static Map<String, Boolean> flagsOf(JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw ApiException.invalidField("permissions", "must be an object of permission flags, or null");
        }
        Map<String, Boolean> flags = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> flag : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
            if (!flag.getValue().isBoolean() && !flag.getValue().isNull()) {
                throw ApiException.invalidField("permissions." + flag.getKey(), "must be true, false or null");
            }
            flags.put(flag.getKey(), flag.getValue().isNull() ? null : flag.getValue().asBoolean());
        }
        return flags;
    }
}
