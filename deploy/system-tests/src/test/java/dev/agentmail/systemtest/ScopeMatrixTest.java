package dev.agentmail.systemtest;

import static dev.agentmail.systemtest.Api.anonymous;
import static dev.agentmail.systemtest.Api.as;
import static dev.agentmail.systemtest.Api.encoded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every route the suite serves, called through the gateway by every kind of caller, each cell with the status the
 * API's scope rules give (API.md, Scopes): a resource outside the key's scope is 404, an organization-level route
 * called with a scoped key 403, another organization's resources 404, and no valid key 401.
 *
 * <p>The world: organization O (the bootstrap key) with pod P holding inboxes A and B; a pod key for P; an inbox
 * key for A (used on A, and on B as "another inbox"); the owner key of a second organization; a revoked key of O.
 * A cell that succeeds at deleting something deletes a fresh one, so the world stays as it is for other cells.
 */
@ExtendWith(SystemSuite.class)
class ScopeMatrixTest {

    enum Caller {
        ORGANIZATION_KEY("organization key"),
        POD_KEY("pod key"),
        INBOX_KEY("inbox key on its own inbox"),
        INBOX_KEY_ON_ANOTHER_INBOX("inbox key on another inbox"),
        OTHER_ORGANIZATION_KEY("key of another organization"),
        REVOKED_KEY("revoked key"),
        NO_KEY("no key"),
        GARBAGE_KEY("garbage key");

        final String label;

        Caller(String label) {
            this.label = label;
        }
    }

    /** Any 2xx: the caller got through to the service, which did what was asked. */
    private static final int OK = 2;

    /** A recipient outside the suite: a send to it waits in the outgoing queue and arrives nowhere here. */
    private static final String OUTSIDE = "someone@example.com";
    private static final Map<String, ?> LABEL = Map.of("add_labels", List.of("matrix"));
    /**
     * One made-up key for the whole matrix: a client that sends a new one on every request is a guesser, and the
     * gateway throttles its address after twenty (RejectedKeyThrottle).
     */
    private static final String GARBAGE_KEY = "am_garbage_" + Tenant.unique() + Tenant.unique();

    /**
     * One route: its path with placeholders, a body, whether a success destroys what the path names, and the
     * status for the first five callers (the last three are always 401).
     */
    record Row(String method, String path, Map<String, ?> body, boolean destroys, int... expected) {
    }

    private static final List<Row> ROWS = List.of(
            // auth-service
            new Row("GET", "/v0/organizations", null, false, OK, 403, 403, 403, OK),
            new Row("GET", "/v0/auth/me", null, false, OK, OK, OK, OK, OK),
            new Row("GET", "/v0/api-keys", null, false, OK, 403, 403, 403, OK),
            new Row("POST", "/v0/api-keys", Map.of("name", "matrix"), false, OK, 403, 403, 403, OK),
            new Row("GET", "/v0/api-keys/{org_key}", null, false, OK, 403, 403, 403, 404),
            new Row("PATCH", "/v0/api-keys/{org_key}", Map.of("name", "renamed"), false, OK, 403, 403, 403, 404),
            new Row("DELETE", "/v0/api-keys/{org_key}", null, true, OK, 403, 403, 403, 404),
            new Row("GET", "/v0/pods/{pod}/api-keys", null, false, OK, OK, 404, 404, 404),
            new Row("POST", "/v0/pods/{pod}/api-keys", Map.of("name", "matrix"), false, OK, OK, 404, 404, 404),
            new Row("PATCH", "/v0/pods/{pod}/api-keys/{pod_key}", Map.of("name", "renamed"), false,
                    OK, OK, 404, 404, 404),
            new Row("DELETE", "/v0/pods/{pod}/api-keys/{pod_key}", null, true, OK, OK, 404, 404, 404),
            new Row("GET", "/v0/inboxes/{inbox}/api-keys", null, false, OK, OK, OK, 404, 404),
            new Row("POST", "/v0/inboxes/{inbox}/api-keys", Map.of("name", "matrix"), false, OK, OK, OK, 404, 404),
            new Row("PATCH", "/v0/inboxes/{inbox}/api-keys/{inbox_key}", Map.of("name", "renamed"), false,
                    OK, OK, OK, 404, 404),
            new Row("DELETE", "/v0/inboxes/{inbox}/api-keys/{inbox_key}", null, true, OK, OK, OK, 404, 404),
            // inbox-service: pods
            new Row("GET", "/v0/pods", null, false, OK, 403, 403, 403, OK),
            new Row("POST", "/v0/pods", Map.of("name", "matrix"), false, OK, 403, 403, 403, OK),
            new Row("GET", "/v0/pods/{pod}", null, false, OK, OK, 404, 404, 404),
            // Deleting a pod is for organization keys: pod_delete is not a permission a pod key can hold.
            new Row("DELETE", "/v0/pods/{pod}", null, true, OK, 403, 404, 404, 404),
            // inbox-service: inboxes
            new Row("GET", "/v0/inboxes", null, false, OK, 403, 403, 403, OK),
            new Row("POST", "/v0/inboxes", Map.of(), false, OK, 403, 403, 403, OK),
            new Row("GET", "/v0/inboxes/search?q=st", null, false, OK, 403, 403, 403, OK),
            new Row("GET", "/v0/inboxes/{inbox}", null, false, OK, OK, OK, 404, 404),
            new Row("PATCH", "/v0/inboxes/{inbox}", Map.of("display_name", "Matrix"), false, OK, OK, 403, 404, 404),
            new Row("DELETE", "/v0/inboxes/{inbox}", null, true, OK, OK, 403, 404, 404),
            new Row("GET", "/v0/pods/{pod}/inboxes", null, false, OK, OK, 404, 404, 404),
            new Row("POST", "/v0/pods/{pod}/inboxes", Map.of(), false, OK, OK, 404, 404, 404),
            new Row("GET", "/v0/pods/{pod}/inboxes/search?q=st", null, false, OK, OK, 404, 404, 404),
            new Row("GET", "/v0/pods/{pod}/inboxes/{inbox}", null, false, OK, OK, 404, 404, 404),
            new Row("PATCH", "/v0/pods/{pod}/inboxes/{inbox}", Map.of("display_name", "Matrix"), false,
                    OK, OK, 404, 404, 404),
            new Row("DELETE", "/v0/pods/{pod}/inboxes/{inbox}", null, true, OK, OK, 404, 404, 404),
            // thread-service: threads at the organization, pod and inbox level
            new Row("GET", "/v0/threads", null, false, OK, 403, 403, 403, OK),
            new Row("GET", "/v0/threads/{thread}", null, false, OK, 403, 403, 403, 404),
            new Row("PATCH", "/v0/threads/{thread}", LABEL, false, OK, 403, 403, 403, 404),
            new Row("DELETE", "/v0/threads/{thread}", null, true, OK, 403, 403, 403, 404),
            new Row("GET", "/v0/threads/{thread}/attachments/{attachment}", null, false, OK, 403, 403, 403, 404),
            new Row("GET", "/v0/pods/{pod}/threads", null, false, OK, OK, 404, 404, 404),
            new Row("GET", "/v0/pods/{pod}/threads/{thread}", null, false, OK, OK, 404, 404, 404),
            new Row("PATCH", "/v0/pods/{pod}/threads/{thread}", LABEL, false, OK, OK, 404, 404, 404),
            new Row("DELETE", "/v0/pods/{pod}/threads/{thread}", null, true, OK, OK, 404, 404, 404),
            new Row("GET", "/v0/pods/{pod}/threads/{thread}/attachments/{attachment}", null, false,
                    OK, OK, 404, 404, 404),
            new Row("GET", "/v0/inboxes/{inbox}/threads", null, false, OK, OK, OK, 404, 404),
            new Row("GET", "/v0/inboxes/{inbox}/threads/{thread}", null, false, OK, OK, OK, 404, 404),
            new Row("PATCH", "/v0/inboxes/{inbox}/threads/{thread}", LABEL, false, OK, OK, OK, 404, 404),
            new Row("DELETE", "/v0/inboxes/{inbox}/threads/{thread}", null, true, OK, OK, OK, 404, 404),
            new Row("GET", "/v0/inboxes/{inbox}/threads/{thread}/attachments/{attachment}", null, false,
                    OK, OK, OK, 404, 404),
            // thread-service: messages
            new Row("GET", "/v0/inboxes/{inbox}/messages", null, false, OK, OK, OK, 404, 404),
            new Row("POST", "/v0/inboxes/{inbox}/messages/send", Map.of("to", List.of(OUTSIDE), "subject", "matrix",
                    "text", "hi"), false, OK, OK, OK, 404, 404),
            new Row("POST", "/v0/inboxes/{inbox}/messages/batch-get", Map.of("message_ids", List.of("{message}")),
                    false, OK, OK, OK, 404, 404),
            new Row("POST", "/v0/inboxes/{inbox}/messages/batch-update", Map.of("message_ids", List.of("{message}"),
                    "add_labels", List.of("matrix")), false, OK, OK, OK, 404, 404),
            new Row("GET", "/v0/inboxes/{inbox}/messages/{message}", null, false, OK, OK, OK, 404, 404),
            new Row("PATCH", "/v0/inboxes/{inbox}/messages/{message}", LABEL, false, OK, OK, OK, 404, 404),
            new Row("DELETE", "/v0/inboxes/{inbox}/messages/{message}", null, true, OK, OK, OK, 404, 404),
            new Row("GET", "/v0/inboxes/{inbox}/messages/{message}/raw", null, false, OK, OK, OK, 404, 404),
            new Row("GET", "/v0/inboxes/{inbox}/messages/{message}/attachments/{attachment}", null, false,
                    OK, OK, OK, 404, 404),
            new Row("POST", "/v0/inboxes/{inbox}/messages/{message}/reply", Map.of("text", "re"), false,
                    OK, OK, OK, 404, 404),
            new Row("POST", "/v0/inboxes/{inbox}/messages/{message}/reply-all", Map.of("text", "re"), false,
                    OK, OK, OK, 404, 404),
            new Row("POST", "/v0/inboxes/{inbox}/messages/{message}/forward", Map.of("to", List.of(OUTSIDE)), false,
                    OK, OK, OK, 404, 404),
            // thread-service: drafts at the organization, pod and inbox level
            new Row("GET", "/v0/drafts", null, false, OK, 403, 403, 403, OK),
            new Row("GET", "/v0/drafts/{draft}", null, false, OK, 403, 403, 403, 404),
            new Row("GET", "/v0/drafts/{draft}/attachments/{draft_attachment}", null, false, OK, 403, 403, 403, 404),
            new Row("GET", "/v0/pods/{pod}/drafts", null, false, OK, OK, 404, 404, 404),
            new Row("GET", "/v0/pods/{pod}/drafts/{draft}", null, false, OK, OK, 404, 404, 404),
            new Row("GET", "/v0/pods/{pod}/drafts/{draft}/attachments/{draft_attachment}", null, false,
                    OK, OK, 404, 404, 404),
            new Row("GET", "/v0/inboxes/{inbox}/drafts", null, false, OK, OK, OK, 404, 404),
            new Row("POST", "/v0/inboxes/{inbox}/drafts", Map.of("subject", "matrix"), false, OK, OK, OK, 404, 404),
            new Row("GET", "/v0/inboxes/{inbox}/drafts/{draft}", null, false, OK, OK, OK, 404, 404),
            new Row("PATCH", "/v0/inboxes/{inbox}/drafts/{draft}", Map.of("subject", "renamed"), false,
                    OK, OK, OK, 404, 404),
            new Row("DELETE", "/v0/inboxes/{inbox}/drafts/{draft}", null, true, OK, OK, OK, 404, 404),
            new Row("GET", "/v0/inboxes/{inbox}/drafts/{draft}/attachments/{draft_attachment}", null, false,
                    OK, OK, OK, 404, 404),
            new Row("POST", "/v0/inboxes/{inbox}/drafts/{draft}/send", null, true, OK, OK, OK, 404, 404));

    private static Tenant owner;
    private static String pod;
    private static String inboxA;
    private static String inboxB;
    private static Tenant.Key podKey;
    private static Tenant.Key inboxKey;
    private static String otherOrganizationKey;
    private static String revokedKey;
    private static Mailbox mailboxA;
    private static Mailbox.Sent sent;
    private static Mailbox.Draft draft;

    @BeforeAll
    static void buildTheWorld() {
        owner = Tenant.bootstrap();
        pod = owner.createPod();
        inboxA = owner.createInbox(pod);
        inboxB = owner.createInbox(pod);
        podKey = owner.createKey("/v0/pods/" + pod + "/api-keys");
        inboxKey = owner.createInboxKey(inboxA);
        otherOrganizationKey = Tenant.created().key();
        Tenant.Key revoked = owner.createKey("/v0/api-keys");
        as(owner.key()).delete("/v0/api-keys/" + revoked.id()).then().statusCode(204);
        revokedKey = revoked.secret();
        mailboxA = new Mailbox(owner.key(), inboxA);
        sent = mailboxA.send();
        draft = mailboxA.draft();
    }

    @TestFactory
    Stream<DynamicTest> everyServedRouteForEveryKindOfCaller() {
        List<DynamicTest> cells = new ArrayList<>();
        for (Row row : ROWS) {
            for (Caller caller : Caller.values()) {
                int expected = caller.ordinal() < row.expected().length ? row.expected()[caller.ordinal()] : 401;
                String name = row.method() + " " + row.path() + " · " + caller.label + " → "
                        + (expected == OK ? "2xx" : expected);
                cells.add(DynamicTest.dynamicTest(name, () -> check(row, caller, expected)));
            }
        }
        return cells.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyRowHasAnExpectationForEveryKeyedCaller() {
        return ROWS.stream().map(row -> DynamicTest.dynamicTest(row.method() + " " + row.path(),
                () -> assertEquals(5, row.expected().length, Arrays.toString(row.expected()))));
    }

    private static void check(Row row, Caller caller, int expected) {
        String path = resolve(row, caller, expected == OK && row.destroys());
        RequestSpecification request = request(caller);
        if (row.body() != null) {
            request = request.body(withMail(row.body()));
        }
        Response response = request.request(row.method(), path);
        int status = response.statusCode();
        String seen = status + " " + response.asString();
        if (expected == OK) {
            assertTrue(status >= 200 && status < 300, row.method() + " " + path + ": " + seen);
        } else {
            assertEquals(expected, status, row.method() + " " + path + ": " + seen);
        }
    }

    private static RequestSpecification request(Caller caller) {
        return switch (caller) {
            case ORGANIZATION_KEY -> as(owner.key());
            case POD_KEY -> as(podKey.secret());
            case INBOX_KEY, INBOX_KEY_ON_ANOTHER_INBOX -> as(inboxKey.secret());
            case OTHER_ORGANIZATION_KEY -> as(otherOrganizationKey);
            case REVOKED_KEY -> as(revokedKey);
            case NO_KEY -> anonymous();
            case GARBAGE_KEY -> as(GARBAGE_KEY);
        };
    }

    /** A body naming the seeded message where it says {@code {message}}. */
    private static Map<String, ?> withMail(Map<String, ?> body) {
        Map<String, Object> resolved = new LinkedHashMap<>(body);
        resolved.replaceAll((field, value) -> List.of("{message}").equals(value) ? List.of(sent.messageId()) : value);
        return resolved;
    }

    /**
     * The path for this caller: inbox A, or B for an inbox key on another inbox; a key of the named collection made
     * for the cell; for a cell that will delete the inbox, pod, thread, message or draft the path names (or send
     * the draft), a fresh one. The mail is inbox A's, also on inbox B's paths: there it lies outside the scope.
     */
    private static String resolve(Row row, Caller caller, boolean fresh) {
        String path = row.path();
        String inbox = caller == Caller.INBOX_KEY_ON_ANOTHER_INBOX ? inboxB : inboxA;
        if (fresh && path.endsWith("/{inbox}")) {
            inbox = owner.createInbox(pod);
        }
        String podId = fresh && path.equals("/v0/pods/{pod}") ? owner.createPod() : pod;
        if (path.contains("{org_key}")) {
            path = path.replace("{org_key}", owner.createKey("/v0/api-keys").id());
        }
        if (path.contains("{pod_key}")) {
            path = path.replace("{pod_key}", owner.createKey("/v0/pods/" + pod + "/api-keys").id());
        }
        if (path.contains("{inbox_key}")) {
            path = path.replace("{inbox_key}", owner.createInboxKey(inboxA).id());
        }
        Mailbox.Sent mail = fresh && (path.endsWith("/{thread}") || path.endsWith("/{message}"))
                ? mailboxA.send() : sent;
        Mailbox.Draft drafted = fresh && path.contains("{draft}") ? mailboxA.draft() : draft;
        return path.replace("{pod}", podId).replace("{inbox}", encoded(inbox))
                .replace("{thread}", mail.threadId()).replace("{message}", encoded(mail.messageId()))
                .replace("{attachment}", mail.attachmentId())
                .replace("{draft}", drafted.draftId()).replace("{draft_attachment}", drafted.attachmentId());
    }
}
