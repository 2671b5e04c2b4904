package dev.agentmail.thread.directory;

import static org.hamcrest.Matchers.equalTo;

import dev.agentmail.local.testing.InjectTestDatabase;
import dev.agentmail.local.testing.InjectTestIssuer;
import dev.agentmail.local.testing.TestDatabase;
import dev.agentmail.local.testing.TestIssuer;
import dev.agentmail.thread.TestOrganization;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A pod's threads and drafts exist only for a pod that inbox.events announced in the caller's organization
 * (docs/events.md): pod.created makes it known, pod.deleted removes it, any other pod id is 404.
 */
@QuarkusTest
class KnownPodsTest {

    @InjectTestIssuer
    TestIssuer issuer;

    @InjectTestDatabase
    TestDatabase database;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private TestOrganization organization;

    @BeforeEach
    void freshOrganization() {
        organization = TestOrganization.fresh(issuer, database, bootstrapServers);
    }

    @Test
    void anUnknownPodHasNoThreadsOrDrafts() {
        String pod = freshPodId();

        assertNotFound(organization, pod);
    }

    @Test
    void anotherOrganizationsPodIsNotFound() {
        String pod = freshPodId();
        TestOrganization other = TestOrganization.fresh(issuer, database, bootstrapServers);
        other.awaitApplied(other.publishPodEvent("pod.created", pod));

        assertNotFound(organization, pod);
        assertEmpty(other, pod);
    }

    @Test
    void aCreatedPodWithoutMailListsNothing() {
        String pod = freshPodId();
        organization.awaitApplied(organization.publishPodEvent("pod.created", pod));

        assertEmpty(organization, pod);
    }

    @Test
    void aPodThatAnInboxEventNamesIsKnown() {
        String pod = freshPodId();
        organization.inboxInPod(pod, "named", null);

        assertEmpty(organization, pod);
    }

    @Test
    void aDeletedPodIsNotFound() {
        String pod = freshPodId();
        organization.publishPodEvent("pod.created", pod);
        organization.awaitApplied(organization.publishPodEvent("pod.deleted", pod));

        assertNotFound(organization, pod);
    }

    @Test
    void aRedeliveredCreationDoesNotBringADeletedPodBack() {
        String pod = freshPodId();
        String creation = organization.publishPodEvent("pod.created", pod);
        organization.publishPodEvent("pod.deleted", pod);
        organization.publishPodEvent("pod.created", pod, creation);
        // Same key, so same partition: once this later event is applied, the redelivery before it was handled.
        organization.awaitApplied(organization.publishPodEvent("pod.deleted", pod));

        assertNotFound(organization, pod);
    }

    @Test
    void anInboxEventReadAfterItsPodsDeletionDoesNotBringThePodBack() {
        String pod = freshPodId();
        organization.publishPodEvent("pod.created", pod);
        organization.awaitApplied(organization.publishPodEvent("pod.deleted", pod));
        // Inbox events are on the inbox's key, so one may be read after its pod's deletion.
        organization.inboxInPod(pod, "late", null);

        assertNotFound(organization, pod);
    }

    @Test
    void aRemadePodIsKnownAgain() {
        // pod_default can be deleted and made again; its pod.created lifts the deletion.
        String pod = freshPodId();
        organization.publishPodEvent("pod.created", pod);
        organization.publishPodEvent("pod.deleted", pod);
        organization.awaitApplied(organization.publishPodEvent("pod.created", pod));

        assertEmpty(organization, pod);
    }

    private static void assertNotFound(TestOrganization caller, String pod) {
        caller.owner().get("/v0/pods/" + pod + "/threads").then().statusCode(404).body("name", equalTo("NotFoundError"));
        caller.owner().get("/v0/pods/" + pod + "/drafts").then().statusCode(404).body("name", equalTo("NotFoundError"));
    }

    private static void assertEmpty(TestOrganization caller, String pod) {
        caller.owner().get("/v0/pods/" + pod + "/threads").then().statusCode(200).body("count", equalTo(0));
        caller.owner().get("/v0/pods/" + pod + "/drafts").then().statusCode(200).body("count", equalTo(0));
    }

    private static String freshPodId() {
        return "pod_" + UUID.randomUUID().toString().replace("-", "");
    }
}
