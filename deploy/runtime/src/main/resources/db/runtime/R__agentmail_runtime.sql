-- What the runtime library (deploy/runtime) keeps in each service's database beside the outbox table
-- (beforeMigrate__outbox.sql). A repeatable Flyway migration: it runs after the versioned ones, and again whenever it
-- changes, so every statement here must also run over an earlier version of itself.

-- A transaction that appended events wakes the outbox relay of every replica as it commits (OutboxRelay): a
-- notification is delivered at commit, and not at all on rollback.
create or replace function outbox_appended() returns trigger language plpgsql as $$
begin
    perform pg_notify('agentmail_outbox', '');
    return null;
end $$;
drop trigger if exists outbox_appended on outbox;
create trigger outbox_appended after insert on outbox for each statement execute function outbox_appended();

-- Events the broker refused again and again for what they are (too large, say), set aside by the relay so that
-- the events after them flow. Kept with the refusal until an operator runs outbox_retry_parked().
create table if not exists outbox_parked (
    id         bigint primary key, -- its id in the outbox: its place in the order when it is put back
    event_id   text        not null,
    topic      text        not null,
    record_key text        not null,
    event_type text        not null,
    payload    jsonb       not null,
    created_at timestamptz not null,
    parked_at  timestamptz not null default now(),
    error      text        not null
);

-- The operator's command `select outbox_retry_parked();`: every parked event goes back into the outbox at its old
-- place, to be published (or parked again) by the relay. Answers how many were put back.
create or replace function outbox_retry_parked() returns bigint language sql as $$
    with parked as (delete from outbox_parked returning *),
    back as (
        insert into outbox (id, event_id, topic, record_key, event_type, payload, created_at) overriding system value
        select id, event_id, topic, record_key, event_type, payload, created_at from parked
        returning 1)
    select count(*) from back
$$;

-- How far this service has applied each partition of the topics it consumes: the offset after the last record
-- applied, written in the transaction that applies it (ProcessedEvents). Every advance is announced, so that a
-- request waiting to read its own write (TopicCatchUp) learns of it on any replica.
create table if not exists consumed_offsets (
    topic           text   not null,
    kafka_partition int    not null,
    next_offset     bigint not null,
    primary key (topic, kafka_partition)
);
create or replace function consumed_offsets_advanced() returns trigger language plpgsql as $$
begin
    perform pg_notify('agentmail_consumed', new.topic || '/' || new.kafka_partition || '/' || new.next_offset);
    return null;
end $$;
drop trigger if exists consumed_offsets_advanced on consumed_offsets;
create trigger consumed_offsets_advanced after insert or update on consumed_offsets
    for each row execute function consumed_offsets_advanced();

-- The events of other services applied here, by event_id: a redelivered event is applied once (ProcessedEvents).
-- Rows older than agentmail.consumer.processed-retention are deleted (ProcessedEventsPruner). Services that consumed
-- events before the runtime kept this table made it in their own migrations, the same.
create table if not exists processed_events (
    event_id     text primary key,
    processed_at timestamptz not null default now()
);

-- Events a consumer set aside after failing to apply them again and again while the database answered: published
-- as they were to <topic>.dead-letter, and listed here until an operator deletes the rows (docs/events.md, "Dead
-- letters"); /q/health/well is down while any is here.
create table if not exists consumer_dead_letters (
    id              bigint generated always as identity primary key,
    topic           text        not null,
    kafka_partition int         not null,
    kafka_offset    bigint      not null,
    event_id        text,
    description     text        not null,
    error           text        not null,
    dead_at         timestamptz not null default now()
);
