package dev.agentmail.gateway.key;

import dev.agentmail.gateway.forward.Upstreams;
import dev.agentmail.gateway.route.Owner;
import dev.agentmail.runtime.security.Principal;
import dev.agentmail.runtime.security.ScopeType;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Asks auth-service who a key is ({@code POST /internal/keys/verify}). A 401 is a verdict (no such key); anything
 * else that is not a 200 means auth-service cannot answer now, which must not look like a bad key to the client.
 */
@ApplicationScoped
public class KeyVerifier {

    private static final String VERIFY_PATH = "/internal/keys/verify";

    private final Upstreams upstreams;

    KeyVerifier(Upstreams upstreams) {
        this.upstreams = upstreams;
    }

    public CompletableFuture<KeyVerdict> verify(String apiKey) {
        long askedAt = System.nanoTime();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(upstreams.address(Owner.AUTH_SERVICE))
                .setURI(VERIFY_PATH)
                .setIdleTimeout(upstreams.config().verifyTimeout().toMillis())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        Buffer body = new JsonObject().put("api_key", apiKey).toBuffer();
        return upstreams.client().request(options)
                .compose(request -> request.send(body))
                .compose(response -> response.body().compose(answer -> verdict(response.statusCode(), answer, askedAt)))
                // One short, stackless failure whatever went wrong: Caffeine logs each failed load once, and an
                // auth-service that is down must not flood the log with stack traces.
                .recover(failure -> Future.failedFuture(failure instanceof AuthUnavailableException
                        ? failure : new AuthUnavailableException("auth-service cannot be asked: " + failure)))
                .toCompletionStage()
                .toCompletableFuture();
    }

    private static Future<KeyVerdict> verdict(int status, Buffer answer, long askedAt) {
        if (status == 401) {
            return Future.succeededFuture(new KeyVerdict.Rejected());
        }
        if (status != 200) {
            return Future.failedFuture(new AuthUnavailableException("auth-service answered " + status));
        }
        JsonObject verified = answer.toJsonObject();
        JsonObject principal = verified.getJsonObject("principal");
        Set<String> permissions = new HashSet<>();
        JsonArray names = principal.getJsonArray("permissions", new JsonArray());
        names.forEach(name -> permissions.add(String.valueOf(name)));
        ScopeType scope = ScopeType.fromWireName(principal.getString("scope_type"))
                .orElseThrow(() -> new AuthUnavailableException("auth-service answered an unknown scope_type"));
        return Future.succeededFuture(new KeyVerdict.Verified(
                new Principal(principal.getString("api_key_id"), principal.getString("organization_id"), scope,
                        principal.getString("pod_id"), principal.getString("inbox_id"), permissions),
                verified.getString("token"), Instant.parse(verified.getString("expires_at")), askedAt));
    }
}
