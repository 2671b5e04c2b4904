package dev.agentmail.runtime.paging;

import dev.agentmail.runtime.error.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Where a page ended: the last row's creation time and id. The next page starts strictly after it in the list's
 * order, so a page costs the same however deep it is, and rows added meanwhile cause no duplicates or gaps.
 */
public record PageToken(Instant createdAt, String id) {

    public String encode() {
        String raw = createdAt.getEpochSecond() + "." + createdAt.getNano() + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    public static PageToken decode(String token) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            String[] time = raw.substring(0, bar).split("\\.");
            return new PageToken(Instant.ofEpochSecond(Long.parseLong(time[0]), Long.parseLong(time[1])),
                    raw.substring(bar + 1));
        } catch (RuntimeException e) {
            throw ApiException.invalidField("page_token", "is not a token this list gave out");
        }
    }
}
