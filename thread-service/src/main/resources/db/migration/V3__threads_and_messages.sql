-- A conversation within one inbox. Messages join a thread by In-Reply-To / References (thread.Threading); the
-- fields below summarize its messages and are recomputed from them, in the same transaction, whenever a message of
-- the thread is added, relabelled or deleted (thread.ThreadSummary), so lists read one row per thread.
create table threads (
    thread_id          text primary key,
    inbox_id           text        not null,
    organization_id    text        not null,
    pod_id             text        not null,
    labels             jsonb       not null default '[]', -- the union of its messages' labels, sorted
    last_message_at    timestamptz not null,             -- AgentMail's "timestamp": its latest message's
    received_at        timestamptz,                      -- its latest received message's
    sent_at            timestamptz,                      -- its latest sent message's
    senders            jsonb       not null default '[]',
    recipients         jsonb       not null default '[]',
    subject            text,
    preview            text,
    attachments        jsonb,
    last_message_id    text        not null,
    message_count      integer     not null,
    size               bigint      not null,
    created_at         timestamptz not null,
    updated_at         timestamptz not null
);
-- Keyset pages of an inbox's, a pod's and an organization's threads, latest activity first.
create index threads_inbox_page on threads (inbox_id, last_message_at, thread_id);
create index threads_pod_page on threads (organization_id, pod_id, last_message_at, thread_id);
create index threads_organization_page on threads (organization_id, last_message_at, thread_id);
create index threads_labels on threads using gin (labels jsonb_path_ops);

-- A message as one inbox holds it. message_id is the RFC 5322 Message-ID (with its angle brackets); the same
-- message sent from one of our inboxes to another is held by both, so the key is (inbox_id, message_id).
create table messages (
    inbox_id        text        not null,
    message_id      text        not null,
    organization_id text        not null,
    pod_id          text        not null,
    thread_id       text        not null references threads (thread_id) on delete cascade,
    labels          jsonb       not null,
    sent_at         timestamptz not null, -- AgentMail's "timestamp": when it was sent or received
    from_address    text        not null,
    reply_to        jsonb,
    to_addresses    jsonb       not null default '[]',
    cc              jsonb,
    bcc             jsonb,
    subject         text,
    preview         text,
    text_body       text,
    html_body       text,
    in_reply_to     text,
    reference_ids   jsonb,
    headers         jsonb,
    attachments     jsonb,                 -- [{attachmentId, ordinal, filename, contentType, ...}], ordinal = MIME leaf part
    size            bigint      not null,  -- of the raw message, in bytes
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    primary key (inbox_id, message_id)
);
create index messages_inbox_page on messages (inbox_id, sent_at, message_id);
create index messages_thread on messages (thread_id, sent_at);
create index messages_labels on messages using gin (labels jsonb_path_ops);
create index messages_attachments on messages using gin (attachments jsonb_path_ops);

-- The RFC 5322 message as sent or received, byte for byte. Kept apart so that reading messages never reads it.
create table raw_messages (
    inbox_id   text  not null,
    message_id text  not null,
    content    bytea not null,
    primary key (inbox_id, message_id),
    foreign key (inbox_id, message_id) references messages (inbox_id, message_id) on delete cascade
);

-- Recipients outside our inboxes wait here for the SMTP relay (a later issue hands them over and records the
-- outcome as message.delivered / message.bounced).
create table outgoing_queue (
    id              bigint generated always as identity primary key,
    inbox_id        text        not null,
    message_id      text        not null,
    recipient       text        not null,
    status          text        not null default 'queued',
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null default now(),
    created_at      timestamptz not null default now(),
    foreign key (inbox_id, message_id) references messages (inbox_id, message_id) on delete cascade
);
create index outgoing_queue_due on outgoing_queue (next_attempt_at) where status = 'queued';
