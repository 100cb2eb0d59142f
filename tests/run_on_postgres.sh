#!/bin/sh
# tests/run_on_postgres.sh PROGRAM [ARGS...]: runs a gateway test program inside a throw-away PostgreSQL 15
# cluster (pg_virtualenv from postgresql-common; -t: its own temporary folder, also as root) with
# WAYMARK_TEST_GATEWAY_DB pointing at it (tests/common/test_store.h). Two entries starting at the same moment
# can both pick the same free port and one cluster then fails to start: that try is made again, a little
# later, while a failure of the tests themselves is returned as it is.
set -u
marker=$(mktemp -u)
try=1
while [ $try -le 5 ]; do
  pg_virtualenv -t -v 15 -o fsync=off \
    sh -c ': > "$1"; shift; exec env WAYMARK_TEST_GATEWAY_DB=postgresql:// "$@"' sh "$marker" "$@"
  rc=$?
  if [ -e "$marker" ]; then
    rm -f "$marker"
    exit $rc
  fi
  sleep $((try * 2 + $$ % 3))
  try=$((try + 1))
done
echo "run_on_postgres: no PostgreSQL cluster could be started" >&2
exit 1
