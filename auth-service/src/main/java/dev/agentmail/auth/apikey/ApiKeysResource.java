package dev.agentmail.auth.apikey;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentmail.runtime.paging.PageParameters;
import dev.agentmail.runtime.security.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.jboss.resteasy.reactive.RestPath;

/**
 * The three API key collections of AgentMail: the organization's, a pod's and an inbox's. Each route names its
 * collection and hands the work to {@link ApiKeys}, which enforces scope and permissions.
 */
@Path("/v0")
public class ApiKeysResource {

    private final ApiKeys keys;
    private final Caller caller;

    ApiKeysResource(ApiKeys keys, Caller caller) {
        this.keys = keys;
        this.caller = caller;
    }

    @GET
    @Path("api-keys")
    @WithSession
    public Uni<ApiKeyJson.Page> list(@BeanParam PageParameters page) {
        return keys.list(caller.principal(), KeyCollection.organization(), page.page());
    }

    @POST
    @Path("api-keys")
    @WithTransaction
    public Uni<ApiKeyJson.Created> create(ApiKeyJson.CreateRequest request) {
        return keys.create(caller.principal(), KeyCollection.organization(), request);
    }

    @GET
    @Path("api-keys/{api_key_id}")
    @WithSession
    public Uni<ApiKeyJson.Key> get(@RestPath("api_key_id") String apiKeyId) {
        return keys.get(caller.principal(), KeyCollection.organization(), apiKeyId);
    }

    @PATCH
    @Path("api-keys/{api_key_id}")
    @WithTransaction
    public Uni<ApiKeyJson.Key> update(@RestPath("api_key_id") String apiKeyId, JsonNode body) {
        return keys.update(caller.principal(), KeyCollection.organization(), apiKeyId, body);
    }

    @DELETE
    @Path("api-keys/{api_key_id}")
    @WithTransaction
    public Uni<Void> delete(@RestPath("api_key_id") String apiKeyId) {
        return keys.delete(caller.principal(), KeyCollection.organization(), apiKeyId);
    }

    @GET
    @Path("pods/{pod_id}/api-keys")
    @WithSession
    public Uni<ApiKeyJson.Page> listForPod(@RestPath("pod_id") String podId, @BeanParam PageParameters page) {
        return keys.list(caller.principal(), KeyCollection.pod(podId), page.page());
    }

    @POST
    @Path("pods/{pod_id}/api-keys")
    @WithTransaction
    public Uni<ApiKeyJson.Created> createForPod(@RestPath("pod_id") String podId, ApiKeyJson.CreateRequest request) {
        return keys.create(caller.principal(), KeyCollection.pod(podId), request);
    }

    @PATCH
    @Path("pods/{pod_id}/api-keys/{api_key_id}")
    @WithTransaction
    public Uni<ApiKeyJson.Key> updateForPod(@RestPath("pod_id") String podId, @RestPath("api_key_id") String apiKeyId,
                                            JsonNode body) {
        return keys.update(caller.principal(), KeyCollection.pod(podId), apiKeyId, body);
    }

    @DELETE
    @Path("pods/{pod_id}/api-keys/{api_key_id}")
    @WithTransaction
    public Uni<Void> deleteForPod(@RestPath("pod_id") String podId, @RestPath("api_key_id") String apiKeyId) {
        return keys.delete(caller.principal(), KeyCollection.pod(podId), apiKeyId);
    }

    @GET
    @Path("inboxes/{inbox_id}/api-keys")
    @WithSession
    public Uni<ApiKeyJson.Page> listForInbox(@RestPath("inbox_id") String inboxId, @BeanParam PageParameters page) {
        return keys.list(caller.principal(), KeyCollection.inbox(inboxId), page.page());
    }

    @POST
    @Path("inboxes/{inbox_id}/api-keys")
    @WithTransaction
    public Uni<ApiKeyJson.Created> createForInbox(@RestPath("inbox_id") String inboxId,
                                                  ApiKeyJson.CreateRequest request) {
        return keys.create(caller.principal(), KeyCollection.inbox(inboxId), request);
    }

    @PATCH
    @Path("inboxes/{inbox_id}/api-keys/{api_key_id}")
    @WithTransaction
    public Uni<ApiKeyJson.Key> updateForInbox(@RestPath("inbox_id") String inboxId,
                                              @RestPath("api_key_id") String apiKeyId, JsonNode body) {
        return keys.update(caller.principal(), KeyCollection.inbox(inboxId), apiKeyId, body);
    }

    @DELETE
    @Path("inboxes/{inbox_id}/api-keys/{api_key_id}")
    @WithTransaction
    public Uni<Void> deleteForInbox(@RestPath("inbox_id") String inboxId, @RestPath("api_key_id") String apiKeyId) {
        return keys.delete(caller.principal(), KeyCollection.inbox(inboxId), apiKeyId);
    }
}
