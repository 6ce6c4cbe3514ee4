#!/bin/sh
# Runs once, when the PostgreSQL volume is first initialised (docker-entrypoint-initdb.d): one database per service,
# each owned by that service's own login, plus the shared append-only audit database with an owner and an
# insert-only writer (roles.sql, issue 18 S13). Each service migrates its own schema with Flyway at start-up; the
# audit schema is migrated by the audit-migrate job as its owner.
set -eu
: "${AUTH_DB_PASSWORD:?}" "${CHAT_DB_PASSWORD:?}" "${VIDEO_DB_PASSWORD:?}" "${STORAGE_DB_PASSWORD:?}"
: "${AUDIT_OWNER_PASSWORD:?}" "${AUDIT_DB_PASSWORD:?}"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres -f /opt/secureconnect/postgres/roles.sql
