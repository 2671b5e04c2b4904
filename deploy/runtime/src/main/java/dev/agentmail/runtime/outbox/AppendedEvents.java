package dev.agentmail.runtime.outbox;

import jakarta.enterprise.context.RequestScoped;
import java.util.ArrayList;
import java.util.List;

/** The outbox rows a request appended, so that its answer can wait for them to be published. */
@RequestScoped
class AppendedEvents {

    private final List<Long> ids = new ArrayList<>();

    synchronized void add(long outboxId) {
        ids.add(outboxId);
    }

    synchronized List<Long> ids() {
        return List.copyOf(ids);
    }
}
