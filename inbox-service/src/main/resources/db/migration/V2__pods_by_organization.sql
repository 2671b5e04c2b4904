-- A pod id is unique within its organization, not across the deployment: every organization has a default pod
-- with the same well-known id (pod_default), and all lookups are by organization anyway.
alter table pods drop constraint pods_pkey;
alter table pods add primary key (organization_id, pod_id);

-- Keyset pagination of an organization's pods (newest first or ascending): each page is one index range.
create index pods_page on pods (organization_id, created_at, pod_id);
