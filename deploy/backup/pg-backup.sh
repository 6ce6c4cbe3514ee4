#!/bin/sh
# One backup run: pg_dump (custom format) of each database into $BACKUP_DIR/<db>/<db>-<UTC timestamp>.dump, each
# dump verified by listing it, then dumps older than $BACKUP_RETENTION_DAYS days deleted. The newest dump of a
# database is never deleted, even when it is old (a run that keeps failing must not leave nothing behind).
# Connection: the usual libpq variables (PGHOST, PGPORT, PGUSER, PGPASSWORD).
#   BACKUP_DIR             where dumps go                       (default /backups)
#   BACKUP_DATABASES       space-separated database names       (default "auth chat video storage audit")
#   BACKUP_RETENTION_DAYS  days to keep                         (default 7)
# Exit status: 0 when every database was dumped, 1 otherwise (the others are still dumped).
set -u

backup_dir=${BACKUP_DIR:-/backups}
databases=${BACKUP_DATABASES:-auth chat video storage audit}
retention_days=${BACKUP_RETENTION_DAYS:-7}
stamp=$(date -u +%Y%m%dT%H%M%SZ)
failed=""

log() { printf '%s pg-backup: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*"; }

for db in $databases; do
  dir="$backup_dir/$db"
  mkdir -p "$dir"
  final="$dir/$db-$stamp.dump"
  partial="$final.partial"
  # written under another name first: a dump that died half-way never looks like a backup
  if pg_dump --format=custom --compress=6 --no-password --dbname="$db" --file="$partial" \
      && pg_restore --list "$partial" >/dev/null; then
    mv "$partial" "$final"
    log "$db: $(wc -c <"$final" | tr -d ' ') bytes -> $final"
  else
    rm -f "$partial"
    log "$db: FAILED" >&2
    failed="$failed $db"
    continue
  fi
  newest=$(ls -1 "$dir"/"$db"-*.dump 2>/dev/null | sort | tail -n 1)
  find "$dir" -name "$db-*.dump" -type f -mtime +"$retention_days" | while read -r old; do
    if [ "$old" != "$newest" ]; then
      rm -f "$old" && log "$db: removed $old (older than $retention_days days)"
    fi
  done
done

if [ -n "$failed" ]; then
  log "failed:$failed" >&2
  exit 1
fi
