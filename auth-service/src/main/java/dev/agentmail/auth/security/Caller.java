package dev.agentmail.auth.security;

import dev.agentmail.runtime.error.ApiException;
import jakarta.enterprise.context.RequestScoped;

/**
 * Who the current request acts as, for resources under /v0: {@link InternalTokenFilter} sets it from the internal
 * token before any such resource runs. Inject it and call {@link #principal()}.
 */
@RequestScoped
public class Caller {

    private Principal principal;

    /** The request's principal; outside /v0 there is none, and asking is answered 401. */
    public Principal principal() {
        if (principal == null) {
            throw ApiException.unauthorized();
        }
        return principal;
    }

    void authenticatedAs(Principal principal) {
        this.principal = principal;
    }
}
