package dev.agentmail.thread.thread;

/** The collection a route names: the organization's threads, one pod's, or one inbox's. */
public record ThreadCollection(String podId, String inboxId) {

    public static ThreadCollection organization() {
        return new ThreadCollection(null, null);
    }

    public static ThreadCollection pod(String podId) {
        return new ThreadCollection(podId, null);
    }

    public static ThreadCollection inbox(String inboxId) {
        return new ThreadCollection(null, inboxId);
    }

    /** Whether the thread belongs here. */
    public boolean contains(MailThread thread) {
        return (podId == null || podId.equals(thread.podId)) && (inboxId == null || inboxId.equals(thread.inboxId));
    }
}
