-- The pods that exist, kept from inbox.events: a pod's keys can only be made and listed for one of them. Pod ids are
-- unique within an organization only (every organization has a pod_default), hence the key.
create table known_pods (
    organization_id text not null,
    pod_id          text not null,
    -- Set by pod.deleted and kept: a tombstone, so that an older inbox event read after it (inbox events are on
    -- other keys, so other partitions) cannot bring the pod back. Only pod.created clears it.
    deleted_at      timestamptz,
    primary key (organization_id, pod_id)
);

-- The pods of the inboxes known before pod events existed.
insert into known_pods (organization_id, pod_id) select distinct organization_id, pod_id from known_inboxes;
