-- The server's periodic jobs (session sweep, expiry notices): when each may run next. Several
-- instances on one database each tick; the one whose claim moves `next_at` runs the job that
-- time, so a job runs once per period however many instances there are.
CREATE TABLE job_runs (
    name     TEXT PRIMARY KEY,
    next_at  BIGINT NOT NULL
);
