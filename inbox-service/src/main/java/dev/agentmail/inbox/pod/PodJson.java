package dev.agentmail.inbox.pod;

import dev.agentmail.runtime.paging.Page;
import java.time.Instant;
import java.util.List;

/** The pods' wire records, AgentMail's shapes (snake_case by the service's Jackson naming). */
public final class PodJson {

    private PodJson() {
    }

    /** {@code Pod}. */
    public record PodView(String podId, String name, String clientId, Instant createdAt, Instant updatedAt) {

        static PodView of(Pod pod) {
            return new PodView(pod.id, pod.name, pod.clientId, pod.createdAt, pod.updatedAt);
        }
    }

    /** {@code ListPodsResponse}. */
    public record PodList(int count, int limit, String nextPageToken, List<PodView> pods) {

        static PodList of(Page<Pod> page, int limit) {
            return new PodList(page.items().size(), limit, page.nextToken(),
                    page.items().stream().map(PodView::of).toList());
        }
    }

    /** {@code CreatePodRequest}. */
    public record CreateRequest(String name, String clientId) {
    }
}
