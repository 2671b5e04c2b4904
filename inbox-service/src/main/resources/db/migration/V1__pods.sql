-- Pods group an organization's inboxes; every inbox lives in one (AgentMail's Pod).
create table pods (
    pod_id          text primary key,
    organization_id text        not null,
    name            text        not null,
    client_id       text,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now()
);

-- A client_id names at most one pod per organization: a repeated create returns the first.
create unique index pods_client_id on pods (organization_id, client_id) where client_id is not null;
