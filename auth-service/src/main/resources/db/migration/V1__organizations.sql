-- The organizations this deployment serves. Every API key, and so every request, belongs to exactly one.
create table organizations (
    organization_id text primary key,
    name            text        not null,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now()
);
