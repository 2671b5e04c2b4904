package dev.agentmail.thread.message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentmail.runtime.error.ApiException;
import dev.agentmail.runtime.security.Permission;
import dev.agentmail.runtime.security.Principal;
import dev.agentmail.thread.directory.InboxAccess;
import dev.agentmail.thread.mailbox.MessageJson.SendResponse;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * {@code Idempotency-Key} on sends (Stripe's rule, which AgentMail follows): the first request with a key is sent
 * and its answer kept for 24 hours; a repeat of the same request answers the same {@code {message_id, thread_id}}
 * without sending again; the same key with a different request is 409. Keys are per organization.
 */
@ApplicationScoped
public class IdempotentSends {

    private static final int MAX_KEY_LENGTH = 255;

    private final ObjectMapper json;

    IdempotentSends(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Runs {@code send} unless the key has answered this request already. {@code send} gets the step to run in its
     * transaction (taking the key), so that the key is taken if and only if the message is stored. An earlier
     * answer is given only to a caller who may send from {@code inboxId}: keys are per organization, and another
     * inbox's key must not learn what this inbox sent.
     */
    public Uni<SendResponse> send(Principal caller, String inboxId, String key, String route, Object request,
                                  Function<Function<SendResponse, Uni<Void>>, Uni<SendResponse>> send) {
        if (key == null || key.isBlank()) {
            return send.apply(response -> Uni.createFrom().voidItem());
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw ApiException.invalidField("Idempotency-Key", "at most " + MAX_KEY_LENGTH + " characters");
        }
        caller.require(Permission.MESSAGE_SEND);
        String hash = fingerprint(route, request);
        return Panache.withSession(() -> InboxAccess.inbox(caller, inboxId)
                        .chain(() -> earlier(caller.organizationId(), key)))
                .chain(earlier -> {
                    if (earlier == null) {
                        return send.apply(response -> take(caller.organizationId(), key, hash, response));
                    }
                    if (!earlier.get(0).equals(hash)) {
                        throw ApiException.conflict(
                                "This Idempotency-Key was used for a different request; use a new key.");
                    }
                    return Uni.createFrom().item(new SendResponse(earlier.get(1), earlier.get(2)));
                });
    }

    /** Keys older than a day answer nothing any more; their rows go once an hour. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetOldKeys() {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                        "delete from idempotency_keys where created_at <= now() - interval '24 hours'")
                .executeUpdate())).replaceWithVoid();
    }

    /** [request_hash, message_id, thread_id] of the key's use in the last 24 hours, or null. */
    private static Uni<List<String>> earlier(String organizationId, String key) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select request_hash || ' ' || message_id || ' ' || thread_id from idempotency_keys
                        where organization_id = ?1 and idempotency_key = ?2
                          and created_at > now() - interval '24 hours'""", String.class)
                .setParameter(1, organizationId).setParameter(2, key).getResultList())
                .map(rows -> rows.isEmpty() ? null : List.of(rows.get(0).split(" ", 3)));
    }

    private static Uni<Void> take(String organizationId, String key, String hash, SendResponse response) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        delete from idempotency_keys where organization_id = ?1 and idempotency_key = ?2
                          and created_at <= now() - interval '24 hours'""")
                .setParameter(1, organizationId).setParameter(2, key).executeUpdate()
                .chain(() -> session.createNativeQuery("""
                                insert into idempotency_keys (organization_id, idempotency_key, request_hash,
                                                              message_id, thread_id)
                                values (?1, ?2, ?3, ?4, ?5)""")
                        .setParameter(1, organizationId).setParameter(2, key).setParameter(3, hash)
                        .setParameter(4, response.messageId()).setParameter(5, response.threadId())
                        .executeUpdate()))
                .replaceWithVoid();
    }

    private String fingerprint(String route, Object request) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(route.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(json.writeValueAsBytes(request));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("cannot fingerprint a request", e);
        }
    }
}
