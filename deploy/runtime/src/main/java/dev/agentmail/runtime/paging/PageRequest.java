package dev.agentmail.runtime.paging;

import dev.agentmail.runtime.error.ApiException;
import dev.agentmail.runtime.query.QueryParameters;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/** A list request's {@code limit}, {@code page_token} and {@code ascending}, checked. */
public record PageRequest(int limit, PageToken after, boolean ascending) {

    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 100;

    /** From the query parameters as the request carries them, as text: a malformed one answers 400 naming it. */
    public static PageRequest of(String limit, String pageToken, String ascending) {
        Integer asked = QueryParameters.integer("limit", limit);
        int size = asked == null ? DEFAULT_LIMIT : asked;
        if (size < 1 || size > MAX_LIMIT) {
            throw ApiException.invalidField("limit", "must be between 1 and " + MAX_LIMIT);
        }
        PageToken after = pageToken == null || pageToken.isEmpty() ? null : PageToken.decode(pageToken);
        return new PageRequest(size, after, QueryParameters.flag("ascending", ascending));
    }

    /**
     * Narrows an HQL condition over an entity's {@code createdAt} and {@code id} to the rows after the page token.
     * A row comparison, not "a < x or (a = x and b < y)": PostgreSQL turns only the former into an index range, so
     * a deep page starts where the token points instead of filtering every row before it.
     */
    public void appendAfter(StringBuilder query, Parameters parameters) {
        if (after != null) {
            query.append(" and (createdAt, id) ").append(ascending ? ">" : "<").append(" (:afterTime, :afterId)");
            parameters.and("afterTime", after.createdAt()).and("afterId", after.id());
        }
    }

    /** Creation order, newest first unless ascending; the id breaks ties, as it does in the page token. */
    public Sort creationOrder() {
        Sort.Direction direction = ascending ? Sort.Direction.Ascending : Sort.Direction.Descending;
        return Sort.by("createdAt", direction).and("id", direction);
    }
}
