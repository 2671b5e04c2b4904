package dev.agentmail.runtime.paging;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a keyset-paginated list. The query fetches one row more than the limit: if it comes back, there is a
 * next page, and the token points after the last row shown (so the last page never leads to an empty one).
 */
public record Page<T>(List<T> items, PageToken next) {

    public static <T> Page<T> of(List<T> fetched, PageRequest request, Function<T, PageToken> position) {
        if (fetched.size() <= request.limit()) {
            return new Page<>(fetched, null);
        }
        List<T> shown = fetched.subList(0, request.limit());
        return new Page<>(shown, position.apply(shown.get(shown.size() - 1)));
    }

    public String nextToken() {
        return next == null ? null : next.encode();
    }
}
