-- Counts and limits that GET /v0/organizations answers (inbox_count is kept from inbox.events).
alter table organizations
    add column inbox_count  integer not null default 0,
    add column domain_count integer not null default 0,
    add column inbox_limit  integer,
    add column domain_limit integer;

-- API keys: never the secret, only the SHA-256 of the whole key, by which verification finds it.
create table api_keys (
    api_key_id      text primary key,
    organization_id text        not null references organizations,
    name            text        not null,
    prefix          text        not null,
    key_hash        bytea       not null,
    pod_id          text,
    inbox_id        text,
    -- The granted permission names; null means no whitelist: everything the key's scope allows.
    permissions     text[],
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    used_at         timestamptz,
    expires_at      timestamptz,
    revoked_at      timestamptz
);
create unique index api_keys_key_hash on api_keys (key_hash);
-- Keyset pagination of an organization's, a pod's and an inbox's live keys.
create index api_keys_by_organization on api_keys (organization_id, created_at, api_key_id) where revoked_at is null;
create index api_keys_by_pod on api_keys (pod_id, created_at, api_key_id) where revoked_at is null;
create index api_keys_by_inbox on api_keys (inbox_id, created_at, api_key_id) where revoked_at is null;

-- The inboxes that exist, kept from inbox.events: an inbox key can only be made for one of them, and the
-- deletion of one revokes its keys.
create table known_inboxes (
    inbox_id        text primary key,
    organization_id text not null,
    pod_id          text not null
);

-- Events from other services already applied; consumers are at-least-once, so each event applies once.
create table processed_events (
    event_id     text primary key,
    processed_at timestamptz not null default now()
);
