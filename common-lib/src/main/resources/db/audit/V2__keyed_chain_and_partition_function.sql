-- S13: the chain becomes an HMAC keyed outside the database. Rows already written keep their plain SHA-256 and say
-- so; every new row names its form explicitly (no default), so a row cannot silently claim the weaker one.
ALTER TABLE audit_events ADD COLUMN chain text NOT NULL DEFAULT 'sha256';
ALTER TABLE audit_events ALTER COLUMN chain DROP DEFAULT;

-- The writer's login may add rows but owns nothing, so it cannot create the monthly partitions itself: this function
-- runs as the table's owner and can do exactly that, for one whole month, and nothing else.
CREATE FUNCTION audit_create_partition(month date) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    first_day date := date_trunc('month', month)::date;
BEGIN
    PERFORM pg_advisory_xact_lock(97127703); -- AuditTrailStore.PARTITION_LOCK: one partition DDL at a time
    EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF audit_events FOR VALUES FROM (%L) TO (%L)',
                   to_char(first_day, '"audit_events_y"YYYY"m"MM'), first_day::text || 'T00:00:00Z',
                   (first_day + interval '1 month')::date::text || 'T00:00:00Z');
END
$$;
REVOKE ALL ON FUNCTION audit_create_partition(date) FROM PUBLIC;

DO $$
BEGIN
    GRANT EXECUTE ON FUNCTION audit_create_partition(date) TO audit_writer;
    -- Flyway, run by the writer's login on a schema its owner already migrated, only reads its history
    GRANT SELECT ON audit_schema_history TO audit_writer;
EXCEPTION WHEN undefined_object OR insufficient_privilege THEN
    RAISE NOTICE 'audit_writer role not set up: %', SQLERRM;
END
$$;
