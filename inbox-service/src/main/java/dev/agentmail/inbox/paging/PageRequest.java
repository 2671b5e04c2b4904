package dev.agentmail.inbox.paging;

import dev.agentmail.inbox.error.ApiException;

/** A list request's {@code limit}, {@code page_token} and {@code ascending}, checked. */
public record PageRequest(int limit, PageToken after, boolean ascending) {

    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 100;

    public static PageRequest of(Integer limit, String pageToken, Boolean ascending) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw ApiException.invalidField("limit", "must be between 1 and " + MAX_LIMIT);
        }
        PageToken after = pageToken == null || pageToken.isEmpty() ? null : PageToken.decode(pageToken);
        return new PageRequest(size, after, Boolean.TRUE.equals(ascending));
    }
}
