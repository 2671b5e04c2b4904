package dev.agentmail.gateway.route;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;
import static io.vertx.core.http.HttpMethod.PUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RouteMatcherTest {

    private final RouteMatcher matcher = new RouteMatcher(RouteTable.ROUTES);

    @Test
    void literalSegmentIsPreferredToAParameter() {
        assertEquals("GET /v0/inboxes/search", matcher.match(GET, "/v0/inboxes/search").orElseThrow().route().toString());
        assertEquals("POST /v0/inboxes/{inbox_id}/messages/send",
                matcher.match(POST, "/v0/inboxes/a%40b.c/messages/send").orElseThrow().route().toString());
    }

    @Test
    void parametersArePercentDecodedButAPlusStaysAPlus() {
        RouteMatch match = matcher.match(GET, "/v0/inboxes/agent%2B1%40agentmail.local/messages/%3Cid%2Fx%40host%3E")
                .orElseThrow();
        assertEquals("agent+1@agentmail.local", match.parameter("inbox_id"));
        assertEquals("<id/x@host>", match.parameter("message_id"));
    }

    @Test
    void aParameterThatIsNotValidPercentEncodingMatchesNothing() {
        assertTrue(matcher.match(GET, "/v0/inboxes/bad%zz").isEmpty());
        assertTrue(matcher.match(GET, "/v0/inboxes/bad%").isEmpty());
        assertTrue(matcher.match(GET, "/v0/inboxes/%C3%28").isEmpty());
    }

    @Test
    void emptySegmentsMatchNothing() {
        assertTrue(matcher.match(GET, "/v0/inboxes/").isEmpty());
        assertTrue(matcher.match(GET, "/v0//inboxes").isEmpty());
        assertTrue(matcher.match(GET, "/v0/inboxes//threads").isEmpty());
    }

    @Test
    void unknownPathsAndMethodsMatchNothing() {
        assertTrue(matcher.match(GET, "/v0/nothing").isEmpty());
        assertTrue(matcher.match(GET, "/v1/inboxes").isEmpty());
        assertTrue(matcher.match(PUT, "/v0/inboxes/a@b.c").isEmpty());
        assertTrue(matcher.match(DELETE, "/v0/inboxes").isEmpty());
        assertTrue(matcher.match(GET, "/v0/inboxes/a@b.c/unknown").isEmpty());
    }
}
