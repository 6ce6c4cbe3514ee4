-- The audit trail shared by all services: append-only, partitioned by month, one hash chain per service instance.
-- The primary key includes the partition key (PostgreSQL requires it); an event id has one timestamp, so
-- (event_id, occurred_at) is as unique as event_id and makes replays idempotent (ON CONFLICT DO NOTHING).
CREATE TABLE audit_events (
    event_id     uuid        NOT NULL,
    occurred_at  timestamptz NOT NULL,
    service      text        NOT NULL,
    instance_id  text        NOT NULL,
    seq          bigint      NOT NULL,
    user_id      text,
    resource     text,
    action       text        NOT NULL,
    result       text        NOT NULL,
    reason       text,
    client_ip    text,
    request_id   text,
    prev_hash    text        NOT NULL,
    hash         text        NOT NULL,
    recorded_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (event_id, occurred_at)
) PARTITION BY RANGE (occurred_at);

CREATE INDEX audit_events_time_idx ON audit_events (occurred_at, event_id);
CREATE INDEX audit_events_user_idx ON audit_events (user_id, occurred_at);
CREATE INDEX audit_events_action_idx ON audit_events (action, occurred_at);
CREATE INDEX audit_events_chain_idx ON audit_events (service, instance_id, seq);

-- Rows are never changed or removed one by one; only the retention job drops whole partitions. This holds even for
-- a superuser login (as locally), unless triggers are deliberately switched off, which the hash chain then reveals.
CREATE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();

-- The role services should log in with (GRANT audit_writer TO <service login>): it can add and read rows, nothing
-- else. Skipped with a notice when the migrating login may not create roles.
DO $$
BEGIN
    CREATE ROLE audit_writer NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation OR insufficient_privilege THEN
    NULL; -- exists already (roles are per server), or this login may not create roles
END
$$;

DO $$
BEGIN
    GRANT SELECT, INSERT ON audit_events TO audit_writer;
EXCEPTION WHEN undefined_object OR insufficient_privilege THEN
    RAISE NOTICE 'audit_writer role not set up: %', SQLERRM;
END
$$;
