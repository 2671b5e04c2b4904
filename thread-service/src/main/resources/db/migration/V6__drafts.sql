-- Drafts: a message being written in an inbox, sent later by hand or at send_at. A scheduled draft is only this row
-- (send_status 'scheduled', send_at), so the schedule survives restarts: any replica's DraftScheduler sends it once
-- it is due, claiming it with FOR UPDATE SKIP LOCKED so that two replicas never send it twice.
create table drafts (
    draft_id        text primary key,
    inbox_id        text        not null,
    organization_id text        not null,
    pod_id          text        not null,
    client_id       text,
    labels          jsonb       not null default '[]',
    reply_to        jsonb,
    to_addresses    jsonb,
    cc              jsonb,
    bcc             jsonb,
    subject         text,
    text_body       text,
    html_body       text,
    in_reply_to     text,
    forward_of      text,
    reply_all       boolean     not null default false,
    reference_ids   jsonb,
    send_status     text,       -- null, 'scheduled', 'sending' or 'failed'
    send_at         timestamptz,
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);
create index drafts_inbox_page on drafts (inbox_id, updated_at, draft_id);
create index drafts_pod_page on drafts (organization_id, pod_id, updated_at, draft_id);
create index drafts_organization_page on drafts (organization_id, updated_at, draft_id);
create unique index drafts_client_id on drafts (inbox_id, client_id) where client_id is not null;
create index drafts_due on drafts (send_at) where send_status = 'scheduled';

-- A draft's attachments, decoded, until it is sent.
create table draft_attachments (
    attachment_id text primary key,
    draft_id      text    not null references drafts (draft_id) on delete cascade,
    position      integer not null,
    filename      text,
    content_type  text,
    disposition   text,
    content_id    text,
    size          bigint  not null,
    content       bytea   not null
);
create index draft_attachments_draft on draft_attachments (draft_id, position);
