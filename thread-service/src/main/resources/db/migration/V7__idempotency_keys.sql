-- Sends made with an Idempotency-Key header: a repeat with the same key and the same request replays the first
-- answer for 24 hours; the same key with another request is 409. Written in the send's own transaction, so a key is
-- taken if and only if its message was stored; the primary key settles two concurrent first uses.
create table idempotency_keys (
    organization_id text        not null,
    idempotency_key text        not null,
    request_hash    text        not null,
    message_id      text        not null,
    thread_id       text        not null,
    created_at      timestamptz not null default now(),
    primary key (organization_id, idempotency_key)
);
create index idempotency_keys_age on idempotency_keys (created_at);
