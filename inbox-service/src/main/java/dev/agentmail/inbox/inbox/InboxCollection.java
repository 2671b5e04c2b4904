package dev.agentmail.inbox.inbox;

/** The collection a route names: the organization's inboxes ({@code /v0/inboxes}) or one pod's. */
public record InboxCollection(String podId) {

    public static InboxCollection organization() {
        return new InboxCollection(null);
    }

    public static InboxCollection pod(String podId) {
        return new InboxCollection(podId);
    }

    public boolean isOrganization() {
        return podId == null;
    }

    /** Whether the inbox belongs here: every inbox of the organization does, a pod's collection holds its own. */
    public boolean contains(Inbox inbox) {
        return podId == null || podId.equals(inbox.podId);
    }
}
