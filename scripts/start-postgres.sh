#!/usr/bin/env bash
# Starts the local PostgreSQL (Debian's postgresql package) for the store tests and makes sure the
# test role and database exist: jdbc:postgresql://127.0.0.1:5432/vigil_test, user vigil, password
# vigil-test (override with VIGIL_TEST_PG_URL / _USER / _PASSWORD). Needs root; says why when it
# cannot, and the PostgreSQL tests then skip.
set -uo pipefail
if [ -n "${VIGIL_TEST_PG_URL:-}" ]; then exit 0; fi
if ! command -v pg_lsclusters >/dev/null 2>&1; then
  echo "test setup: PostgreSQL is not installed; the PostgreSQL store tests will skip" >&2; exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "test setup: not root, cannot start PostgreSQL; the PostgreSQL store tests will skip unless it runs" >&2; exit 0
fi
ver=$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1)
[ -n "$ver" ] || { echo "test setup: no PostgreSQL server binaries" >&2; exit 0; }
if ! pg_lsclusters -h 2>/dev/null | grep -q .; then
  pg_createcluster "$ver" main >/dev/null 2>&1 || { echo "test setup: pg_createcluster failed" >&2; exit 0; }
fi
cluster=$(pg_lsclusters -h | head -1 | awk '{print $1" "$2}')
status=$(pg_lsclusters -h | head -1 | awk '{print $4}')
if [ "$status" != online ]; then
  pg_ctlcluster $cluster start >/dev/null 2>&1 || { echo "test setup: PostgreSQL did not start (see /var/log/postgresql)" >&2; exit 0; }
fi
port=$(pg_lsclusters -h | head -1 | awk '{print $3}')
psql_() { su postgres -s /bin/sh -c "psql -p $port -qtAc \"$1\"" 2>/dev/null; }
for i in $(seq 1 30); do psql_ "SELECT 1" | grep -q 1 && break; sleep 0.5; done
psql_ "SELECT 1 FROM pg_roles WHERE rolname='vigil'" | grep -q 1 || psql_ "CREATE ROLE vigil LOGIN PASSWORD 'vigil-test'"
psql_ "SELECT 1 FROM pg_database WHERE datname='vigil_test'" | grep -q 1 || psql_ "CREATE DATABASE vigil_test OWNER vigil"
exit 0
