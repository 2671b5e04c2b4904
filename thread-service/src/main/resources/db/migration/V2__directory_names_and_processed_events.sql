-- The inbox's display name goes into the From of what it sends ("Agent 42 <agent-42@agentmail.local>").
alter table inbox_directory add column display_name text;
-- Listing the threads of a pod or an organization starts from the inboxes it holds.
create index inbox_directory_scope on inbox_directory (organization_id, pod_id);

-- The events of other services applied here, by event_id: a redelivered event is applied once.
create table processed_events (
    event_id     text primary key,
    processed_at timestamptz not null default now()
);
