#!/bin/sh
# Restores one dump made by pg-backup.sh into a database.
#   pg-restore.sh DUMP_FILE TARGET_DB [--replace]
# Without --replace the target must not exist yet (restore next to the live database, check it, then switch the
# service's SC_DB_URL or rename). With --replace an existing target is dropped first: its connections are
# terminated, so stop the service that owns it before.
# Connection: the usual libpq variables (PGHOST, PGPORT, PGUSER, PGPASSWORD); the user needs CREATEDB.
set -eu

if [ $# -lt 2 ]; then
  echo "usage: $0 DUMP_FILE TARGET_DB [--replace]" >&2
  exit 2
fi
dump=$1
target=$2
replace=${3:-}

[ -r "$dump" ] || { echo "pg-restore: cannot read $dump" >&2; exit 1; }
pg_restore --list "$dump" >/dev/null || { echo "pg-restore: $dump is not a pg_dump custom-format file" >&2; exit 1; }

exists=$(psql --no-password -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$(printf %s "$target" | sed "s/'/''/g")'")
if [ "$exists" = "1" ]; then
  if [ "$replace" != "--replace" ]; then
    echo "pg-restore: database $target exists; restore under another name or pass --replace" >&2
    exit 1
  fi
  psql --no-password -q -d postgres -v ON_ERROR_STOP=1 -v db="$target" >/dev/null <<'SQL'
SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :'db' AND pid <> pg_backend_pid();
DROP DATABASE :"db";
SQL
fi

# (psql interpolates :"db" only in scripts read from stdin, never in -c)
psql --no-password -q -d postgres -v ON_ERROR_STOP=1 -v db="$target" <<'SQL'
CREATE DATABASE :"db";
SQL
# one transaction: a failed restore leaves an empty database, never a half-restored one
pg_restore --no-password --exit-on-error --single-transaction --no-owner --dbname="$target" "$dump"
echo "pg-restore: $dump restored into $target"
