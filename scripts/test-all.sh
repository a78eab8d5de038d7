#!/usr/bin/env bash
# npm run test:all: every suite, as CI runs them. Starts what the suites need and it can:
# - PostgreSQL: a database of its own (argentum_all_<unique>) on the server at TEST_PG_ADMIN_URL
#   (default postgresql://postgres@127.0.0.1:5432/postgres, started with pg_ctlcluster when it is
#   down and this machine has it), dropped at exit; TEST_DATABASE_URL given is used as it is;
# - Redis: a redis-server of its own on a free port (nothing kept on disk), stopped at exit;
#   TEST_REDIS_URL given is used as it is;
# then `npm test` with the arguments given. What it cannot start is said at the end of the run
# (test/helpers/skip-reporter.cjs), unless CI is set, where a missing service fails its suites.
set -euo pipefail
cd "$(dirname "$0")/.."

cleanups=()
cleanup() { for c in "${cleanups[@]}"; do eval "$c" || true; done; }
trap cleanup EXIT

if [[ -z "${TEST_DATABASE_URL:-}" ]]; then
  admin="${TEST_PG_ADMIN_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"
  if ! pg_isready -d "$admin" -q 2>/dev/null && command -v pg_ctlcluster >/dev/null && [[ -d /etc/postgresql ]]; then
    echo "== starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start || true
    for _ in $(seq 1 30); do pg_isready -d "$admin" -q && break; sleep 1; done
  fi
  if pg_isready -d "$admin" -q 2>/dev/null; then
    db="argentum_all_$(date +%s)_$$"
    psql "$admin" -v ON_ERROR_STOP=1 -qc "CREATE DATABASE \"$db\""
    cleanups+=("psql '$admin' -qc 'DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)' >/dev/null 2>&1")
    export TEST_DATABASE_URL="${admin%/*}/$db"
    echo "== PostgreSQL: $TEST_DATABASE_URL"
  else
    echo "== PostgreSQL: none at $admin; its suites run on PGlite only"
  fi
fi

if [[ -z "${TEST_REDIS_URL:-}" ]]; then
  if command -v redis-server >/dev/null; then
    port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
    dir=$(mktemp -d)
    redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --dir "$dir" --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
    cleanups+=("kill \$(cat '$dir/redis.pid') 2>/dev/null; rm -rf '$dir'")
    for _ in $(seq 1 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
    export TEST_REDIS_URL="redis://127.0.0.1:$port"
    echo "== Redis: $TEST_REDIS_URL (its own redis-server)"
  else
    echo "== Redis: no redis-server on this machine; the suites use redis://127.0.0.1:6379 if it answers"
  fi
fi

npm test -- "$@"
