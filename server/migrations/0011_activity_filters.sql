-- The activity log's filters (issue 18): one index per filter, each beginning with the
-- organization and ending in the log's order, so that a filtered page reads its rows in order
-- (keyset paging stays as cheap as the unfiltered first page) instead of scanning the log.
CREATE INDEX activity_by_action ON activity_entries (organization_id, action, at DESC, id DESC);
CREATE INDEX activity_by_user ON activity_entries (organization_id, actor_user_id, at DESC, id DESC);
-- Between organizations the subject is the other organization's legal name.
CREATE INDEX activity_by_subject ON activity_entries (organization_id, subject, at DESC, id DESC);
