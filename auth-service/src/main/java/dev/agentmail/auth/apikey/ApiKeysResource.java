package dev.agentmail.auth.apikey;

import dev.agentmail.runtime.security.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.jboss.resteasy.reactive.RestPath;

/**
 * The three API key collections of AgentMail: the organization's ({@code /v0/api-keys}), a pod's and an inbox's,
 * each served by the same {@link KeyCollectionResource}; {@link ApiKeys} enforces scope and permissions. A single
 * key is read only through the organization's collection, as in AgentMail.
 */
@Path("/v0")
public class ApiKeysResource {

    private final ApiKeys keys;
    private final Caller caller;

    ApiKeysResource(ApiKeys keys, Caller caller) {
        this.keys = keys;
        this.caller = caller;
    }

    @Path("api-keys")
    public KeyCollectionResource organization() {
        return at(KeyCollection.organization());
    }

    @Path("pods/{pod_id}/api-keys")
    public KeyCollectionResource pod(@RestPath("pod_id") String podId) {
        return at(KeyCollection.pod(podId));
    }

    @Path("inboxes/{inbox_id}/api-keys")
    public KeyCollectionResource inbox(@RestPath("inbox_id") String inboxId) {
        return at(KeyCollection.inbox(inboxId));
    }

    @GET
    @Path("api-keys/{api_key_id}")
    @WithSession
    public Uni<ApiKeyJson.Key> get(@RestPath("api_key_id") String apiKeyId) {
        return keys.get(caller.principal(), KeyCollection.organization(), apiKeyId);
    }

    private KeyCollectionResource at(KeyCollection collection) {
        return new KeyCollectionResource(keys, caller.principal(), collection);
    }
}
