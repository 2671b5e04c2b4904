-- The inboxes this service delivers to and sends from, kept from inbox.events so that routing a message never
-- calls inbox-service. inbox_id is the inbox's lowercase address.
create table inbox_directory (
    inbox_id        text primary key,
    organization_id text not null,
    pod_id          text not null
);
