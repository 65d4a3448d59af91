#!/usr/bin/env bash
# A PostgreSQL server for the storage tests, on 127.0.0.1:5432 only, with role and password
# "sciatica" and database "sciatica_test" (the default SCIATICA_COACH_TEST_POSTGRES_URL).
# Idempotent and quiet: does nothing when that database already answers, when
# SCIATICA_COACH_TEST_POSTGRES_URL points elsewhere, or when SCIATICA_COACH_SKIP_POSTGRES=1.
# Otherwise installs Debian's postgresql if missing, starts a cluster and creates the role and
# database. Needs root (or passwordless sudo) only for that first setup.
set -euo pipefail

DEFAULT_URL="postgresql+psycopg://sciatica:sciatica@127.0.0.1:5432/sciatica_test"
URL="${SCIATICA_COACH_TEST_POSTGRES_URL:-$DEFAULT_URL}"
[[ "${SCIATICA_COACH_SKIP_POSTGRES:-}" == 1 || "$URL" != "$DEFAULT_URL" ]] && exit 0

LOG="$(mktemp -t sciatica-postgres.XXXXXX)"
trap 'rm -f "$LOG"' EXIT
fail() {
    echo "postgres: $1 (log below; set SCIATICA_COACH_SKIP_POSTGRES=1 to skip those tests)" >&2
    cat "$LOG" >&2
    exit 1
}
answers() {
    command -v psql >/dev/null &&
        PGPASSWORD=sciatica PGCONNECT_TIMEOUT=3 psql -h 127.0.0.1 -p 5432 -U sciatica \
            -d sciatica_test -tAc 'SELECT 1' >>"$LOG" 2>&1
}
as_root() {
    if [[ $(id -u) == 0 ]]; then "$@"; elif sudo -n true 2>/dev/null; then sudo -n "$@"; else
        fail "need root or passwordless sudo to set up PostgreSQL, or set the URL yourself"
    fi
}
as_postgres() { (cd / && as_root runuser -u postgres -- "$@"); }

answers && exit 0

if ! command -v pg_ctlcluster >/dev/null || ! command -v psql >/dev/null; then
    echo "postgres: installing Debian's postgresql for the storage tests (once)"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >>"$LOG" 2>&1 ||
        fail "apt-get update failed"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >>"$LOG" 2>&1 ||
        fail "apt-get install postgresql failed"
fi

# Use a cluster already online on 5432; else the first one (creating it if there is none).
read -r VERSION NAME STATUS < <(pg_lsclusters -h | awk '$3 == 5432 && $4 == "online" {print $1, $2, $4}') || true
if [[ -z "${VERSION:-}" ]]; then
    read -r VERSION NAME STATUS < <(pg_lsclusters -h | awk 'NR == 1 {print $1, $2, $4}') || true
fi
if [[ -z "${VERSION:-}" ]]; then
    VERSION="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
    NAME=main
    as_root pg_createcluster -p 5432 "$VERSION" "$NAME" >>"$LOG" 2>&1 ||
        fail "pg_createcluster failed"
    STATUS=down
fi
if [[ "$STATUS" != online ]]; then
    printf "listen_addresses = '127.0.0.1'\nport = 5432\n" |
        as_root tee "/etc/postgresql/$VERSION/$NAME/conf.d/sciatica-tests.conf" >/dev/null
    as_root pg_ctlcluster "$VERSION" "$NAME" start >>"$LOG" 2>&1 ||
        fail "could not start cluster $VERSION/$NAME"
    echo "postgres: started cluster $VERSION/$NAME on 127.0.0.1:5432"
fi
for _ in $(seq 30); do
    pg_isready -q -h 127.0.0.1 -p 5432 && break
    sleep 1
done

as_postgres psql -p 5432 -v ON_ERROR_STOP=1 -qc "DO \$\$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'sciatica') THEN
        CREATE ROLE sciatica LOGIN PASSWORD 'sciatica';
    ELSE
        ALTER ROLE sciatica LOGIN PASSWORD 'sciatica';
    END IF;
END \$\$;" >>"$LOG" 2>&1 || fail "could not create the role sciatica"
if [[ -z "$(as_postgres psql -p 5432 -tAc "SELECT 1 FROM pg_database WHERE datname = 'sciatica_test'")" ]]; then
    as_postgres createdb -p 5432 -O sciatica sciatica_test >>"$LOG" 2>&1 ||
        fail "could not create the database sciatica_test"
fi
answers || fail "the database sciatica_test does not answer on 127.0.0.1:5432"
