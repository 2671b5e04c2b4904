package dev.agentmail.gateway.route;

import dev.agentmail.gateway.policy.Policy;
import io.vertx.core.http.HttpMethod;

/**
 * One public route of the AgentMail v0 API: who serves it, what a key needs to call it, and whether the owner
 * serves it yet. A route that is not {@code live} answers 501 once the caller has passed authentication and policy.
 */
public record Route(HttpMethod method, PathTemplate path, Owner owner, Policy policy, boolean live) {

    public Route {
        if (live && owner == Owner.NONE) {
            throw new IllegalArgumentException(method + " " + path + " cannot be live without an owner");
        }
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
