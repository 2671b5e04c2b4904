package dev.agentmail.runtime.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The catalogue is the one the gateway's route table, auth-service's key resolution and the services' checks all
 * name (they have no other), so a flag that is on the wire and missing here is missing everywhere: this holds it
 * to the wire type.
 */
class PermissionTest {

    /** The fields of AgentMail's {@code ApiKeyPermissions}, in its order. */
    private static final List<String> ON_THE_WIRE = List.of(
            "inbox_read", "inbox_create", "inbox_update", "inbox_delete",
            "message_read", "message_send", "message_update", "message_delete",
            "label_spam_read", "label_blocked_read", "label_unauthenticated_read", "label_trash_read",
            "draft_read", "draft_create", "draft_update", "draft_delete", "draft_send",
            "webhook_read", "webhook_create", "webhook_update", "webhook_delete",
            "domain_read", "domain_create", "domain_update", "domain_delete",
            "list_entry_read", "list_entry_create", "list_entry_delete",
            "metrics_read",
            "api_key_read", "api_key_create", "api_key_update", "api_key_delete",
            "provider_connect", "provider_share_owner",
            "pod_read", "pod_create", "pod_delete");

    @Test
    void theCatalogueIsTheWireTypeFlagForFlag() {
        assertEquals(ON_THE_WIRE, Arrays.stream(Permission.values()).map(Permission::wireName).toList());
        ON_THE_WIRE.forEach(name -> assertEquals(name, Permission.fromWireName(name).orElseThrow().wireName()));
        assertEquals(Optional.empty(), Permission.fromWireName("inbox_admin"));
    }

    @Test
    void anInboxKeyNeverManagesInboxesPodsOrDomains() {
        for (Permission permission : List.of(Permission.INBOX_CREATE, Permission.INBOX_DELETE, Permission.POD_READ,
                Permission.DOMAIN_CREATE, Permission.WEBHOOK_CREATE)) {
            assertFalse(permission.allowedAt(ScopeType.INBOX), permission.wireName());
        }
        assertTrue(Permission.MESSAGE_SEND.allowedAt(ScopeType.INBOX));
        assertEquals(Permission.values().length, Permission.allowedAtScope(ScopeType.ORGANIZATION).size());
    }

    @Test
    void scopesReadTheirWireNamesInAnyCase() {
        assertEquals(Optional.of(ScopeType.POD), ScopeType.fromWireName("POD"));
        assertEquals("inbox", ScopeType.INBOX.wireName());
        assertEquals(Optional.empty(), ScopeType.fromWireName("team"));
        assertEquals(Optional.empty(), ScopeType.fromWireName(null));
    }
}
