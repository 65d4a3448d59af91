#!/bin/sh
# A backup of the journal's database every day, the newest BACKUP_KEEP (7) kept, each file
# readable by its owner only (0600): health data. compose.yaml runs it in the "backup"
# service with PGHOST, PGUSER, PGPASSWORD and PGDATABASE set; "backup.sh once" makes one
# and stops (the hosted test runs it so). Restore one with:
#   pg_restore --clean --if-exists -d "$PGDATABASE" /backups/coach-YYYYmmdd-HHMMSS.dump
set -eu

DIR="${BACKUP_DIR:-/backups}"
KEEP="${BACKUP_KEEP:-7}"
EVERY="${BACKUP_EVERY_SECONDS:-86400}"
# PG_DUMP_OPTIONS: more pg_dump options, such as --schema=NAME for a shared database

backup() {
    umask 077
    mkdir -p "$DIR"
    name="$DIR/coach-$(date -u +%Y%m%d-%H%M%S).dump"
    # shellcheck disable=SC2086 # PG_DUMP_OPTIONS is words, e.g. "--schema=coach"
    pg_dump --format=custom --file="$name.part" --no-password ${PG_DUMP_OPTIONS:-}
    chmod 600 "$name.part"
    mv "$name.part" "$name"
    # the newest KEEP stay (names sort by time); older ones and leftovers go
    ls -1 "$DIR"/coach-*.dump | sort -r | tail -n +"$((KEEP + 1))" | while read -r old; do
        rm -f "$old"
    done
    rm -f "$DIR"/*.part
    echo "backup: $name"
}

if [ "${1:-}" = once ]; then
    backup
    exit 0
fi
while :; do
    # each backup in a shell of its own, so that any failing step stops that one (set -e)
    if sh "$0" once; then
        sleep "$EVERY"
    else
        echo "backup: failed, trying again in an hour" >&2
        sleep 3600
    fi
done
