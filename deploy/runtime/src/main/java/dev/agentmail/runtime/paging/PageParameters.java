package dev.agentmail.runtime.paging;

import org.jboss.resteasy.reactive.RestQuery;

/**
 * A list route's {@code limit}, {@code page_token} and {@code ascending}, read as text the same way on every list
 * route of every service (take it as a {@code @BeanParam}), so a malformed one is a 400 naming it, never JAX-RS's
 * bare 404.
 */
public class PageParameters {

    @RestQuery
    String limit;

    @RestQuery("page_token")
    String pageToken;

    @RestQuery
    String ascending;

    /** The page asked for, checked. */
    public PageRequest page() {
        return PageRequest.of(limit, pageToken, ascending);
    }
}
