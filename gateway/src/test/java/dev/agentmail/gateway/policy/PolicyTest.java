package dev.agentmail.gateway.policy;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.PATCH;
import static io.vertx.core.http.HttpMethod.POST;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.agentmail.gateway.error.Refusal;
import dev.agentmail.gateway.route.RouteMatch;
import dev.agentmail.gateway.route.RouteMatcher;
import dev.agentmail.gateway.route.RouteTable;
import dev.agentmail.runtime.security.Principal;
import dev.agentmail.runtime.security.ScopeType;
import io.vertx.core.http.HttpMethod;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The policies of real rows of the table, for keys of each scope: the status each gets from the gateway (0: passes). */
class PolicyTest {

    private static final RouteMatcher ROUTES = new RouteMatcher(RouteTable.ROUTES);
    private static final Set<String> EVERYTHING = Set.of("inbox_read", "inbox_create", "inbox_update", "inbox_delete",
            "pod_read", "pod_create", "pod_delete", "message_read", "message_send", "api_key_read", "api_key_create");
    private static final Set<String> INBOX_SCOPE = Set.of("inbox_read", "message_read", "message_send",
            "api_key_read", "api_key_create");

    private static final Principal ORG = new Principal("k1", "org", ScopeType.ORGANIZATION, null, null, EVERYTHING);
    private static final Principal POD_A = new Principal("k2", "org", ScopeType.POD, "pod_a", null, EVERYTHING);
    private static final Principal INBOX_A = new Principal("k3", "org", ScopeType.INBOX, "pod_a", "a@agentmail.local",
            INBOX_SCOPE);
    private static final Principal READ_ONLY = new Principal("k4", "org", ScopeType.ORGANIZATION, null, null,
            Set.of("inbox_read"));

    @Test
    void organizationKeyReachesEverythingItHoldsPermissionsFor() {
        assertEquals(0, status(ORG, GET, "/v0/inboxes"));
        assertEquals(0, status(ORG, POST, "/v0/pods"));
        assertEquals(0, status(ORG, GET, "/v0/pods/pod_a/inboxes"));
        assertEquals(0, status(ORG, DELETE, "/v0/inboxes/b@agentmail.local"));
        assertEquals(0, status(ORG, GET, "/v0/organizations"));
    }

    @Test
    void missingPermissionIsForbidden() {
        assertEquals(0, status(READ_ONLY, GET, "/v0/inboxes"));
        assertEquals(403, status(READ_ONLY, POST, "/v0/inboxes"));
        assertEquals(403, status(READ_ONLY, POST, "/v0/pods/pod_a/inboxes"));
    }

    @Test
    void scopedKeysAreForbiddenOrganizationLevelRoutes() {
        for (Principal scoped : new Principal[] {POD_A, INBOX_A}) {
            assertEquals(403, status(scoped, GET, "/v0/inboxes"));
            assertEquals(403, status(scoped, POST, "/v0/inboxes"));
            assertEquals(403, status(scoped, GET, "/v0/inboxes/search"));
            assertEquals(403, status(scoped, GET, "/v0/pods"));
            assertEquals(403, status(scoped, GET, "/v0/api-keys"));
            assertEquals(403, status(scoped, GET, "/v0/organizations"));
            assertEquals(403, status(scoped, GET, "/v0/threads"));
        }
    }

    @Test
    void podKeyReachesItsPodAndNoOther() {
        assertEquals(0, status(POD_A, GET, "/v0/pods/pod_a"));
        assertEquals(0, status(POD_A, POST, "/v0/pods/pod_a/inboxes"));
        assertEquals(0, status(POD_A, GET, "/v0/pods/pod_a/api-keys"));
        assertEquals(404, status(POD_A, GET, "/v0/pods/pod_b"));
        assertEquals(404, status(POD_A, GET, "/v0/pods/pod_b/inboxes/x@agentmail.local"));
    }

    @Test
    void podKeyOnAnInboxPathIsLeftToTheOwnerWhichKnowsTheInboxsPod() {
        assertEquals(0, status(POD_A, GET, "/v0/inboxes/anyone@agentmail.local"));
        assertEquals(0, status(POD_A, PATCH, "/v0/inboxes/anyone@agentmail.local"));
    }

    @Test
    void inboxKeyReachesOnlyItsOwnInbox() {
        assertEquals(0, status(INBOX_A, GET, "/v0/inboxes/a@agentmail.local"));
        assertEquals(0, status(INBOX_A, GET, "/v0/inboxes/A%40AgentMail.local"));
        assertEquals(0, status(INBOX_A, GET, "/v0/inboxes/a@agentmail.local/api-keys"));
        assertEquals(0, status(INBOX_A, POST, "/v0/inboxes/a@agentmail.local/messages/send"));
        assertEquals(404, status(INBOX_A, GET, "/v0/inboxes/b@agentmail.local"));
        assertEquals(404, status(INBOX_A, GET, "/v0/inboxes/b@agentmail.local/messages"));
        assertEquals(404, status(INBOX_A, GET, "/v0/pods/pod_a"));
        assertEquals(404, status(INBOX_A, GET, "/v0/pods/pod_a/inboxes/a@agentmail.local"));
    }

    @Test
    void inboxKeyCannotChangeItsOwnInbox() {
        assertEquals(403, status(INBOX_A, PATCH, "/v0/inboxes/a@agentmail.local"));
        assertEquals(403, status(INBOX_A, DELETE, "/v0/inboxes/a@agentmail.local"));
    }

    @Test
    void anyKeyMayAskWhoItIs() {
        for (Principal key : new Principal[] {ORG, POD_A, INBOX_A, READ_ONLY}) {
            assertEquals(0, status(key, GET, "/v0/auth/me"));
        }
    }

    private static int status(Principal caller, HttpMethod method, String path) {
        RouteMatch match = ROUTES.match(method, path).orElseThrow(() -> new AssertionError("no route " + path));
        return match.route().policy().check(caller, match).map(Refusal::status).orElse(0);
    }
}
