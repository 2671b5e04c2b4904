package dev.agentmail.auth.apikey;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentmail.runtime.paging.PageParameters;
import dev.agentmail.runtime.paging.PageRequest;
import dev.agentmail.runtime.security.Principal;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.jboss.resteasy.reactive.RestPath;

/**
 * The routes of one key collection, the same at each of its three levels: {@link ApiKeysResource} locates them for
 * the organization, a pod or an inbox. Not a bean, so each route opens its session or transaction itself.
 */
public class KeyCollectionResource {

    private final ApiKeys keys;
    private final Principal caller;
    private final KeyCollection collection;

    KeyCollectionResource(ApiKeys keys, Principal caller, KeyCollection collection) {
        this.keys = keys;
        this.caller = caller;
        this.collection = collection;
    }

    @GET
    public Uni<ApiKeyJson.Page> list(@BeanParam PageParameters parameters) {
        PageRequest page = parameters.page();
        return Panache.withSession(() -> keys.list(caller, collection, page));
    }

    @POST
    public Uni<ApiKeyJson.Created> create(ApiKeyJson.CreateRequest request) {
        return Panache.withTransaction(() -> keys.create(caller, collection, request));
    }

    @PATCH
    @Path("{api_key_id}")
    public Uni<ApiKeyJson.Key> update(@RestPath("api_key_id") String apiKeyId, JsonNode body) {
        return Panache.withTransaction(() -> keys.update(caller, collection, apiKeyId, body));
    }

    @DELETE
    @Path("{api_key_id}")
    public Uni<Void> delete(@RestPath("api_key_id") String apiKeyId) {
        return Panache.withTransaction(() -> keys.delete(caller, collection, apiKeyId));
    }
}
