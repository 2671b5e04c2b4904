-- The transactional outbox: an event is inserted here in the same transaction as the change it reports, so both
-- commit or neither does. The relay (dev.agentmail.runtime.outbox.OutboxRelay) publishes the rows to Kafka in id order
-- and deletes each one once the broker has acknowledged its record; a row here is an event not yet published.
--
-- A Flyway callback, not a migration: it runs before every migrate, so the table exists before any service's own
-- migration appends an event (inbox-service's V5 does). A database made before this file existed got the same table
-- from the service's own V3 or V4 (since removed); there this changes nothing.
--
-- Checked first rather than "create table if not exists", whose notice Flyway would log as a WARN at every start.
do $$
begin
    if to_regclass('outbox') is null then
        create table outbox (
            id         bigint generated always as identity primary key,
            event_id   text        not null unique, -- CloudEvents id (ce_id): consumers deduplicate by it
            topic      text        not null,
            record_key text        not null,        -- Kafka record key: events of one key keep their order
            event_type text        not null,        -- CloudEvents type (ce_type), e.g. inbox.created
            payload    jsonb       not null,        -- the record value
            created_at timestamptz not null default now() -- CloudEvents time (ce_time): the transaction's time
        );
    end if;
end $$;
