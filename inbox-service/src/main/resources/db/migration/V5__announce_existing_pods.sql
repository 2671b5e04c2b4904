-- Pods made before pod events existed are announced once, through the outbox like any event: auth-service and
-- thread-service learn of pods only from inbox.events, and without this a pod that holds no inbox would stay unknown
-- to them (its keys, threads and drafts 404). The payload is the one PodEvents writes (docs/events.md); timestamps
-- carry all six fraction digits where Jackson would drop trailing zeros, which is the same instant.
insert into outbox (event_id, topic, record_key, event_type, payload)
select event_id, 'inbox.events', pod_id, 'pod.created',
       jsonb_build_object(
           'type', 'event', 'event_type', 'pod.created', 'event_id', event_id, 'organization_id', organization_id,
           'pod', jsonb_strip_nulls(jsonb_build_object(
               'pod_id', pod_id, 'name', name, 'client_id', client_id,
               'created_at', to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
               'updated_at', to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))))
from (select 'evt_' || gen_random_uuid() as event_id, * from pods order by created_at, pod_id) as existing
order by created_at, pod_id;
