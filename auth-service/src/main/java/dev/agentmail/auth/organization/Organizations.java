package dev.agentmail.auth.organization;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Creating organizations; callers run this in a transaction. */
@ApplicationScoped
public class Organizations {

    /** The organization with this id, created now unless it exists (two replicas may race here at first start). */
    public Uni<Organization> ensure(String organizationId, String name) {
        Instant now = Instant.now();
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("""
                                insert into organizations (organization_id, name, created_at, updated_at)
                                values (:id, :name, :now, :now)
                                on conflict (organization_id) do nothing""")
                        .setParameter("id", organizationId)
                        .setParameter("name", name)
                        .setParameter("now", now)
                        .executeUpdate())
                .chain(() -> Organization.<Organization>findById(organizationId));
    }
}
