package dev.agentmail.gateway.route;

import static dev.agentmail.gateway.policy.Reach.ANY_KEY;
import static dev.agentmail.gateway.policy.Reach.INBOX;
import static dev.agentmail.gateway.policy.Reach.ORGANIZATION;
import static dev.agentmail.gateway.policy.Reach.POD;
import static dev.agentmail.gateway.policy.Reach.PUBLIC;
import static dev.agentmail.gateway.route.Owner.AUTH_SERVICE;
import static dev.agentmail.gateway.route.Owner.INBOX_SERVICE;
import static dev.agentmail.gateway.route.Owner.THREAD_SERVICE;
import static dev.agentmail.runtime.security.Permission.API_KEY_CREATE;
import static dev.agentmail.runtime.security.Permission.API_KEY_DELETE;
import static dev.agentmail.runtime.security.Permission.API_KEY_READ;
import static dev.agentmail.runtime.security.Permission.API_KEY_UPDATE;
import static dev.agentmail.runtime.security.Permission.DOMAIN_CREATE;
import static dev.agentmail.runtime.security.Permission.DOMAIN_DELETE;
import static dev.agentmail.runtime.security.Permission.DOMAIN_READ;
import static dev.agentmail.runtime.security.Permission.DOMAIN_UPDATE;
import static dev.agentmail.runtime.security.Permission.DRAFT_CREATE;
import static dev.agentmail.runtime.security.Permission.DRAFT_DELETE;
import static dev.agentmail.runtime.security.Permission.DRAFT_READ;
import static dev.agentmail.runtime.security.Permission.DRAFT_SEND;
import static dev.agentmail.runtime.security.Permission.DRAFT_UPDATE;
import static dev.agentmail.runtime.security.Permission.INBOX_CREATE;
import static dev.agentmail.runtime.security.Permission.INBOX_DELETE;
import static dev.agentmail.runtime.security.Permission.INBOX_READ;
import static dev.agentmail.runtime.security.Permission.INBOX_UPDATE;
import static dev.agentmail.runtime.security.Permission.LIST_ENTRY_CREATE;
import static dev.agentmail.runtime.security.Permission.LIST_ENTRY_DELETE;
import static dev.agentmail.runtime.security.Permission.LIST_ENTRY_READ;
import static dev.agentmail.runtime.security.Permission.MESSAGE_DELETE;
import static dev.agentmail.runtime.security.Permission.MESSAGE_READ;
import static dev.agentmail.runtime.security.Permission.MESSAGE_SEND;
import static dev.agentmail.runtime.security.Permission.MESSAGE_UPDATE;
import static dev.agentmail.runtime.security.Permission.METRICS_READ;
import static dev.agentmail.runtime.security.Permission.POD_CREATE;
import static dev.agentmail.runtime.security.Permission.POD_DELETE;
import static dev.agentmail.runtime.security.Permission.POD_READ;
import static dev.agentmail.runtime.security.Permission.PROVIDER_CONNECT;
import static dev.agentmail.runtime.security.Permission.WEBHOOK_CREATE;
import static dev.agentmail.runtime.security.Permission.WEBHOOK_DELETE;
import static dev.agentmail.runtime.security.Permission.WEBHOOK_READ;
import static dev.agentmail.runtime.security.Permission.WEBHOOK_UPDATE;
import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.PATCH;
import static io.vertx.core.http.HttpMethod.POST;

import dev.agentmail.gateway.policy.Policy;
import dev.agentmail.gateway.policy.Reach;
import dev.agentmail.runtime.security.Permission;
import io.vertx.core.http.HttpMethod;
import java.util.List;

/**
 * Every public route of the AgentMail v0 API (the SDK's endpoint list; RouteTableTest holds the table to it), with
 * its owner and its policy. A request that matches no row is 404. Each row starts with its state:
 * <ul>
 *   <li>{@code live}: forwarded to its owner;</li>
 *   <li>{@code pending}: the owner does not serve it yet, so it answers 501; turn the row to {@code live} when the
 *       owner ships the route (the switch for thread-service's threads, messages and drafts);</li>
 *   <li>{@code unowned}: no service of the suite has the feature yet (webhooks, lists, metrics, ...); 501.</li>
 * </ul>
 * Threads use the message permissions, as in AgentMail.
 */
public final class RouteTable {

    public static final List<Route> ROUTES = List.of(
            // Organization, identity and API keys: auth-service.
            live(GET, "/v0/organizations", AUTH_SERVICE, ORGANIZATION, null),
            live(GET, "/v0/auth/me", AUTH_SERVICE, ANY_KEY, null),
            live(GET, "/v0/api-keys", AUTH_SERVICE, ORGANIZATION, API_KEY_READ),
            live(POST, "/v0/api-keys", AUTH_SERVICE, ORGANIZATION, API_KEY_CREATE),
            live(GET, "/v0/api-keys/{api_key_id}", AUTH_SERVICE, ORGANIZATION, API_KEY_READ),
            live(PATCH, "/v0/api-keys/{api_key_id}", AUTH_SERVICE, ORGANIZATION, API_KEY_UPDATE),
            live(DELETE, "/v0/api-keys/{api_key_id}", AUTH_SERVICE, ORGANIZATION, API_KEY_DELETE),
            live(GET, "/v0/pods/{pod_id}/api-keys", AUTH_SERVICE, POD, API_KEY_READ),
            live(POST, "/v0/pods/{pod_id}/api-keys", AUTH_SERVICE, POD, API_KEY_CREATE),
            live(PATCH, "/v0/pods/{pod_id}/api-keys/{api_key_id}", AUTH_SERVICE, POD, API_KEY_UPDATE),
            live(DELETE, "/v0/pods/{pod_id}/api-keys/{api_key_id}", AUTH_SERVICE, POD, API_KEY_DELETE),
            live(GET, "/v0/inboxes/{inbox_id}/api-keys", AUTH_SERVICE, INBOX, API_KEY_READ),
            live(POST, "/v0/inboxes/{inbox_id}/api-keys", AUTH_SERVICE, INBOX, API_KEY_CREATE),
            live(PATCH, "/v0/inboxes/{inbox_id}/api-keys/{api_key_id}", AUTH_SERVICE, INBOX, API_KEY_UPDATE),
            live(DELETE, "/v0/inboxes/{inbox_id}/api-keys/{api_key_id}", AUTH_SERVICE, INBOX, API_KEY_DELETE),
            pending(POST, "/v0/inboxes/{inbox_id}/authorize", AUTH_SERVICE, INBOX, API_KEY_CREATE),
            pending(POST, "/v0/agent/sign-up", AUTH_SERVICE, PUBLIC, null),
            pending(POST, "/v0/agent/verify", AUTH_SERVICE, ORGANIZATION, null),

            // Pods and inboxes: inbox-service.
            live(GET, "/v0/pods", INBOX_SERVICE, ORGANIZATION, POD_READ),
            live(POST, "/v0/pods", INBOX_SERVICE, ORGANIZATION, POD_CREATE),
            live(GET, "/v0/pods/{pod_id}", INBOX_SERVICE, POD, POD_READ),
            live(DELETE, "/v0/pods/{pod_id}", INBOX_SERVICE, POD, POD_DELETE),
            live(GET, "/v0/inboxes", INBOX_SERVICE, ORGANIZATION, INBOX_READ),
            live(POST, "/v0/inboxes", INBOX_SERVICE, ORGANIZATION, INBOX_CREATE),
            live(GET, "/v0/inboxes/search", INBOX_SERVICE, ORGANIZATION, INBOX_READ),
            live(GET, "/v0/inboxes/{inbox_id}", INBOX_SERVICE, INBOX, INBOX_READ),
            live(PATCH, "/v0/inboxes/{inbox_id}", INBOX_SERVICE, INBOX, INBOX_UPDATE),
            live(DELETE, "/v0/inboxes/{inbox_id}", INBOX_SERVICE, INBOX, INBOX_DELETE),
            live(GET, "/v0/pods/{pod_id}/inboxes", INBOX_SERVICE, POD, INBOX_READ),
            live(POST, "/v0/pods/{pod_id}/inboxes", INBOX_SERVICE, POD, INBOX_CREATE),
            live(GET, "/v0/pods/{pod_id}/inboxes/search", INBOX_SERVICE, POD, INBOX_READ),
            live(GET, "/v0/pods/{pod_id}/inboxes/{inbox_id}", INBOX_SERVICE, POD, INBOX_READ),
            live(PATCH, "/v0/pods/{pod_id}/inboxes/{inbox_id}", INBOX_SERVICE, POD, INBOX_UPDATE),
            live(DELETE, "/v0/pods/{pod_id}/inboxes/{inbox_id}", INBOX_SERVICE, POD, INBOX_DELETE),

            // Domains: inbox-service, not yet.
            pending(GET, "/v0/domains", INBOX_SERVICE, ORGANIZATION, DOMAIN_READ),
            pending(POST, "/v0/domains", INBOX_SERVICE, ORGANIZATION, DOMAIN_CREATE),
            pending(GET, "/v0/domains/{domain_id}", INBOX_SERVICE, ORGANIZATION, DOMAIN_READ),
            pending(PATCH, "/v0/domains/{domain_id}", INBOX_SERVICE, ORGANIZATION, DOMAIN_UPDATE),
            pending(DELETE, "/v0/domains/{domain_id}", INBOX_SERVICE, ORGANIZATION, DOMAIN_DELETE),
            pending(GET, "/v0/domains/{domain_id}/setup-link", INBOX_SERVICE, ORGANIZATION, DOMAIN_READ),
            pending(POST, "/v0/domains/{domain_id}/verify", INBOX_SERVICE, ORGANIZATION, DOMAIN_UPDATE),
            pending(GET, "/v0/domains/{domain_id}/zone-file", INBOX_SERVICE, ORGANIZATION, DOMAIN_READ),
            pending(GET, "/v0/pods/{pod_id}/domains", INBOX_SERVICE, POD, DOMAIN_READ),
            pending(POST, "/v0/pods/{pod_id}/domains", INBOX_SERVICE, POD, DOMAIN_CREATE),
            pending(GET, "/v0/pods/{pod_id}/domains/{domain_id}", INBOX_SERVICE, POD, DOMAIN_READ),
            pending(PATCH, "/v0/pods/{pod_id}/domains/{domain_id}", INBOX_SERVICE, POD, DOMAIN_UPDATE),
            pending(DELETE, "/v0/pods/{pod_id}/domains/{domain_id}", INBOX_SERVICE, POD, DOMAIN_DELETE),
            pending(POST, "/v0/pods/{pod_id}/domains/{domain_id}/verify", INBOX_SERVICE, POD, DOMAIN_UPDATE),
            pending(GET, "/v0/pods/{pod_id}/domains/{domain_id}/zone-file", INBOX_SERVICE, POD, DOMAIN_READ),

            // Threads: thread-service.
            live(GET, "/v0/threads", THREAD_SERVICE, ORGANIZATION, MESSAGE_READ),
            pending(GET, "/v0/threads/search", THREAD_SERVICE, ORGANIZATION, MESSAGE_READ),
            live(GET, "/v0/threads/{thread_id}", THREAD_SERVICE, ORGANIZATION, MESSAGE_READ),
            live(PATCH, "/v0/threads/{thread_id}", THREAD_SERVICE, ORGANIZATION, MESSAGE_UPDATE),
            live(DELETE, "/v0/threads/{thread_id}", THREAD_SERVICE, ORGANIZATION, MESSAGE_DELETE),
            live(GET, "/v0/threads/{thread_id}/attachments/{attachment_id}", THREAD_SERVICE, ORGANIZATION,
                    MESSAGE_READ),
            live(GET, "/v0/pods/{pod_id}/threads", THREAD_SERVICE, POD, MESSAGE_READ),
            pending(GET, "/v0/pods/{pod_id}/threads/search", THREAD_SERVICE, POD, MESSAGE_READ),
            live(GET, "/v0/pods/{pod_id}/threads/{thread_id}", THREAD_SERVICE, POD, MESSAGE_READ),
            live(PATCH, "/v0/pods/{pod_id}/threads/{thread_id}", THREAD_SERVICE, POD, MESSAGE_UPDATE),
            live(DELETE, "/v0/pods/{pod_id}/threads/{thread_id}", THREAD_SERVICE, POD, MESSAGE_DELETE),
            live(GET, "/v0/pods/{pod_id}/threads/{thread_id}/attachments/{attachment_id}", THREAD_SERVICE, POD,
                    MESSAGE_READ),
            live(GET, "/v0/inboxes/{inbox_id}/threads", THREAD_SERVICE, INBOX, MESSAGE_READ),
            pending(GET, "/v0/inboxes/{inbox_id}/threads/search", THREAD_SERVICE, INBOX, MESSAGE_READ),
            live(GET, "/v0/inboxes/{inbox_id}/threads/{thread_id}", THREAD_SERVICE, INBOX, MESSAGE_READ),
            live(PATCH, "/v0/inboxes/{inbox_id}/threads/{thread_id}", THREAD_SERVICE, INBOX, MESSAGE_UPDATE),
            live(DELETE, "/v0/inboxes/{inbox_id}/threads/{thread_id}", THREAD_SERVICE, INBOX, MESSAGE_DELETE),
            live(GET, "/v0/inboxes/{inbox_id}/threads/{thread_id}/attachments/{attachment_id}", THREAD_SERVICE,
                    INBOX, MESSAGE_READ),

            // Messages: thread-service.
            live(GET, "/v0/inboxes/{inbox_id}/messages", THREAD_SERVICE, INBOX, MESSAGE_READ),
            pending(GET, "/v0/inboxes/{inbox_id}/messages/search", THREAD_SERVICE, INBOX, MESSAGE_READ),
            live(POST, "/v0/inboxes/{inbox_id}/messages/send", THREAD_SERVICE, INBOX, MESSAGE_SEND),
            live(POST, "/v0/inboxes/{inbox_id}/messages/batch-get", THREAD_SERVICE, INBOX, MESSAGE_READ),
            live(POST, "/v0/inboxes/{inbox_id}/messages/batch-update", THREAD_SERVICE, INBOX, MESSAGE_UPDATE),
            live(GET, "/v0/inboxes/{inbox_id}/messages/{message_id}", THREAD_SERVICE, INBOX, MESSAGE_READ),
            live(PATCH, "/v0/inboxes/{inbox_id}/messages/{message_id}", THREAD_SERVICE, INBOX, MESSAGE_UPDATE),
            live(DELETE, "/v0/inboxes/{inbox_id}/messages/{message_id}", THREAD_SERVICE, INBOX, MESSAGE_DELETE),
            live(GET, "/v0/inboxes/{inbox_id}/messages/{message_id}/raw", THREAD_SERVICE, INBOX, MESSAGE_READ),
            live(GET, "/v0/inboxes/{inbox_id}/messages/{message_id}/attachments/{attachment_id}", THREAD_SERVICE,
                    INBOX, MESSAGE_READ),
            live(POST, "/v0/inboxes/{inbox_id}/messages/{message_id}/reply", THREAD_SERVICE, INBOX, MESSAGE_SEND),
            live(POST, "/v0/inboxes/{inbox_id}/messages/{message_id}/reply-all", THREAD_SERVICE, INBOX,
                    MESSAGE_SEND),
            live(POST, "/v0/inboxes/{inbox_id}/messages/{message_id}/forward", THREAD_SERVICE, INBOX,
                    MESSAGE_SEND),

            // Drafts: thread-service.
            live(GET, "/v0/drafts", THREAD_SERVICE, ORGANIZATION, DRAFT_READ),
            live(GET, "/v0/drafts/{draft_id}", THREAD_SERVICE, ORGANIZATION, DRAFT_READ),
            live(GET, "/v0/drafts/{draft_id}/attachments/{attachment_id}", THREAD_SERVICE, ORGANIZATION,
                    DRAFT_READ),
            live(GET, "/v0/pods/{pod_id}/drafts", THREAD_SERVICE, POD, DRAFT_READ),
            live(GET, "/v0/pods/{pod_id}/drafts/{draft_id}", THREAD_SERVICE, POD, DRAFT_READ),
            live(GET, "/v0/pods/{pod_id}/drafts/{draft_id}/attachments/{attachment_id}", THREAD_SERVICE, POD,
                    DRAFT_READ),
            live(GET, "/v0/inboxes/{inbox_id}/drafts", THREAD_SERVICE, INBOX, DRAFT_READ),
            live(POST, "/v0/inboxes/{inbox_id}/drafts", THREAD_SERVICE, INBOX, DRAFT_CREATE),
            live(GET, "/v0/inboxes/{inbox_id}/drafts/{draft_id}", THREAD_SERVICE, INBOX, DRAFT_READ),
            live(PATCH, "/v0/inboxes/{inbox_id}/drafts/{draft_id}", THREAD_SERVICE, INBOX, DRAFT_UPDATE),
            live(DELETE, "/v0/inboxes/{inbox_id}/drafts/{draft_id}", THREAD_SERVICE, INBOX, DRAFT_DELETE),
            live(GET, "/v0/inboxes/{inbox_id}/drafts/{draft_id}/attachments/{attachment_id}", THREAD_SERVICE,
                    INBOX, DRAFT_READ),
            live(POST, "/v0/inboxes/{inbox_id}/drafts/{draft_id}/send", THREAD_SERVICE, INBOX, DRAFT_SEND),

            // Webhooks: no service yet.
            unowned(GET, "/v0/webhooks", ORGANIZATION, WEBHOOK_READ),
            unowned(POST, "/v0/webhooks", ORGANIZATION, WEBHOOK_CREATE),
            unowned(GET, "/v0/webhooks/{webhook_id}", ORGANIZATION, WEBHOOK_READ),
            unowned(PATCH, "/v0/webhooks/{webhook_id}", ORGANIZATION, WEBHOOK_UPDATE),
            unowned(DELETE, "/v0/webhooks/{webhook_id}", ORGANIZATION, WEBHOOK_DELETE),
            unowned(GET, "/v0/webhooks/{webhook_id}/headers", ORGANIZATION, WEBHOOK_READ),
            unowned(PATCH, "/v0/webhooks/{webhook_id}/headers", ORGANIZATION, WEBHOOK_UPDATE),
            unowned(GET, "/v0/pods/{pod_id}/webhooks", POD, WEBHOOK_READ),
            unowned(POST, "/v0/pods/{pod_id}/webhooks", POD, WEBHOOK_CREATE),
            unowned(GET, "/v0/pods/{pod_id}/webhooks/{webhook_id}", POD, WEBHOOK_READ),
            unowned(PATCH, "/v0/pods/{pod_id}/webhooks/{webhook_id}", POD, WEBHOOK_UPDATE),
            unowned(DELETE, "/v0/pods/{pod_id}/webhooks/{webhook_id}", POD, WEBHOOK_DELETE),
            unowned(GET, "/v0/pods/{pod_id}/webhooks/{webhook_id}/headers", POD, WEBHOOK_READ),
            unowned(PATCH, "/v0/pods/{pod_id}/webhooks/{webhook_id}/headers", POD, WEBHOOK_UPDATE),
            unowned(GET, "/v0/inboxes/{inbox_id}/webhooks", INBOX, WEBHOOK_READ),
            unowned(POST, "/v0/inboxes/{inbox_id}/webhooks", INBOX, WEBHOOK_CREATE),
            unowned(GET, "/v0/inboxes/{inbox_id}/webhooks/{webhook_id}", INBOX, WEBHOOK_READ),
            unowned(PATCH, "/v0/inboxes/{inbox_id}/webhooks/{webhook_id}", INBOX, WEBHOOK_UPDATE),
            unowned(DELETE, "/v0/inboxes/{inbox_id}/webhooks/{webhook_id}", INBOX, WEBHOOK_DELETE),
            unowned(GET, "/v0/inboxes/{inbox_id}/webhooks/{webhook_id}/headers", INBOX, WEBHOOK_READ),
            unowned(PATCH, "/v0/inboxes/{inbox_id}/webhooks/{webhook_id}/headers", INBOX, WEBHOOK_UPDATE),

            // Allow and block lists: no service yet.
            unowned(GET, "/v0/lists/{direction}/{type}", ORGANIZATION, LIST_ENTRY_READ),
            unowned(POST, "/v0/lists/{direction}/{type}", ORGANIZATION, LIST_ENTRY_CREATE),
            unowned(GET, "/v0/lists/{direction}/{type}/{entry}", ORGANIZATION, LIST_ENTRY_READ),
            unowned(DELETE, "/v0/lists/{direction}/{type}/{entry}", ORGANIZATION, LIST_ENTRY_DELETE),
            unowned(GET, "/v0/pods/{pod_id}/lists/{direction}/{type}", POD, LIST_ENTRY_READ),
            unowned(POST, "/v0/pods/{pod_id}/lists/{direction}/{type}", POD, LIST_ENTRY_CREATE),
            unowned(GET, "/v0/pods/{pod_id}/lists/{direction}/{type}/{entry}", POD, LIST_ENTRY_READ),
            unowned(DELETE, "/v0/pods/{pod_id}/lists/{direction}/{type}/{entry}", POD, LIST_ENTRY_DELETE),
            unowned(GET, "/v0/inboxes/{inbox_id}/lists/{direction}/{type}", INBOX, LIST_ENTRY_READ),
            unowned(POST, "/v0/inboxes/{inbox_id}/lists/{direction}/{type}", INBOX, LIST_ENTRY_CREATE),
            unowned(GET, "/v0/inboxes/{inbox_id}/lists/{direction}/{type}/{entry}", INBOX, LIST_ENTRY_READ),
            unowned(DELETE, "/v0/inboxes/{inbox_id}/lists/{direction}/{type}/{entry}", INBOX, LIST_ENTRY_DELETE),

            // Metrics and an inbox's event history: no service yet.
            unowned(GET, "/v0/metrics/events", ORGANIZATION, METRICS_READ),
            unowned(GET, "/v0/metrics/usage", ORGANIZATION, METRICS_READ),
            unowned(GET, "/v0/pods/{pod_id}/metrics/events", POD, METRICS_READ),
            unowned(GET, "/v0/pods/{pod_id}/metrics/usage", POD, METRICS_READ),
            unowned(GET, "/v0/inboxes/{inbox_id}/metrics/events", INBOX, METRICS_READ),
            unowned(GET, "/v0/inboxes/{inbox_id}/metrics/usage", INBOX, METRICS_READ),
            unowned(GET, "/v0/inboxes/{inbox_id}/events", INBOX, MESSAGE_READ),

            // Connected mail providers and their accounts: no service yet.
            unowned(GET, "/v0/providers", ORGANIZATION, PROVIDER_CONNECT),
            unowned(GET, "/v0/providers/search", ORGANIZATION, PROVIDER_CONNECT),
            unowned(GET, "/v0/providers/{provider_id}", ORGANIZATION, PROVIDER_CONNECT),
            unowned(GET, "/v0/providers/{provider_id}/accounts", ORGANIZATION, PROVIDER_CONNECT),
            unowned(POST, "/v0/providers/{provider_id}/connect", ORGANIZATION, PROVIDER_CONNECT),
            unowned(GET, "/v0/accounts", ORGANIZATION, PROVIDER_CONNECT),
            unowned(GET, "/v0/accounts/{account_id}", ORGANIZATION, PROVIDER_CONNECT));

    private RouteTable() {
    }

    private static Route live(HttpMethod method, String path, Owner owner, Reach reach, Permission permission) {
        return new Route(method, PathTemplate.of(path), owner, Policy.of(reach, permission), true);
    }

    private static Route pending(HttpMethod method, String path, Owner owner, Reach reach, Permission permission) {
        return new Route(method, PathTemplate.of(path), owner, Policy.of(reach, permission), false);
    }

    private static Route unowned(HttpMethod method, String path, Reach reach, Permission permission) {
        return new Route(method, PathTemplate.of(path), Owner.NONE, Policy.of(reach, permission), false);
    }
}
