-- An inbox is an email address. Its id is the address in lowercase, so the primary key makes addresses unique
-- across the deployment, case-insensitively.
create table inboxes (
    inbox_id        text primary key,
    organization_id text        not null,
    pod_id          text        not null,
    display_name    text,
    client_id       text,
    -- String, number and boolean values only; null when the inbox has none (metadata.Metadata keeps the rules).
    metadata        jsonb,
    -- The words of the address and display name, lowercased and space-separated, written by the service.
    search_words    text        not null,
    search_vector   tsvector generated always as (to_tsvector('simple', search_words)) stored,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    -- A pod with inboxes cannot be deleted; the service says so with a 409 before this would refuse it.
    foreign key (organization_id, pod_id) references pods (organization_id, pod_id)
);

-- Keyset pagination of the organization's inboxes and of one pod's (also "does this pod have inboxes?").
create index inboxes_page on inboxes (organization_id, created_at, inbox_id);
create index inboxes_pod_page on inboxes (organization_id, pod_id, created_at, inbox_id);

-- A client_id names at most one inbox per organization: a repeated create returns the first.
create unique index inboxes_client_id on inboxes (organization_id, client_id) where client_id is not null;

-- Word-prefix search (to_tsquery 'word:*') on address and display name.
create index inboxes_search on inboxes using gin (search_vector);
