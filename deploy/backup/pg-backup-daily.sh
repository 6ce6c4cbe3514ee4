#!/bin/sh
# Container entry point of the compose `backup` service: runs pg-backup.sh once a day at $BACKUP_AT (HH:MM, UTC).
set -u
at=${BACKUP_AT:-02:00}
last=""
echo "pg-backup-daily: backups every day at $at UTC into ${BACKUP_DIR:-/backups}"
while true; do
  today=$(date -u +%Y-%m-%d)
  if [ "$(date -u +%H:%M)" = "$at" ] && [ "$last" != "$today" ]; then
    sh "$(dirname "$0")/pg-backup.sh" || echo "pg-backup-daily: backup run failed (see above)" >&2
    last=$today
  fi
  sleep 20
done
