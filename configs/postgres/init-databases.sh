#!/bin/sh
# Runs once, when the PostgreSQL volume is first initialised (docker-entrypoint-initdb.d): one database per
# service plus the shared append-only audit database (ARCHITECTURE §1). Each service migrates its own schema with
# Flyway at start-up.
set -eu
for db in auth chat video storage audit; do
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -c "CREATE DATABASE \"$db\" OWNER \"$POSTGRES_USER\""
done
