#!/usr/bin/env bash
# What the test suite needs beyond Python, for one run of `make test`:
#
#   start  Chromium and PostgreSQL are Debian packages; when one is missing and we are root,
#          it is installed with apt-get (said on stderr). Then a throwaway PostgreSQL cluster is
#          created for this run only: a new data directory under /tmp, a free port, listening on
#          127.0.0.1 only (its socket in that directory), and a test role `lagebild` that is not a
#          superuser (it may create databases and end sessions on them; autovacuum is off, so no
#          superuser worker holds a test database open) with a random password. Writes .test-env with
#          LAGEBILD_TEST_PG for the tests.
#   stop   Stops that cluster and deletes its data directory and .test-env.
#
# Runs of `make test` in other checkouts at the same time each get their own cluster and port;
# a PostgreSQL server already running on the machine is never touched.
set -euo pipefail
cd "$(dirname "$0")/.."
ENV_FILE=.test-env

log() { echo "test-services: $*" >&2; }

as_postgres() { if [ "$(id -u)" = "0" ]; then su postgres -s /bin/bash -c "$1"; else bash -c "$1"; fi; }

install_missing() {
  local need=()
  command -v chromium >/dev/null || need+=(chromium)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
  [ ${#need[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != "0" ]; then
    log "missing ${need[*]} and not root: those tests will be skipped"
    return 0
  fi
  log "installing ${need[*]} (Debian packages, apt-get)…"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
}

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

start() {
  install_missing
  : > "$ENV_FILE"
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -z "$bin" ]; then log "no PostgreSQL: its tests will be skipped"; return 0; fi
  local dir port password
  dir=$(mktemp -d /tmp/lagebild-pg.XXXXXX)
  port=$(free_port)
  password=$(python3 -c 'import secrets; print(secrets.token_urlsafe(24))')
  [ "$(id -u)" = "0" ] && chown postgres "$dir"
  as_postgres "'$bin/initdb' -D '$dir/data' -U postgres --auth-local=peer --auth-host=scram-sha-256 -E UTF8 >'$dir/initdb.log'"
  as_postgres "'$bin/pg_ctl' -D '$dir/data' -l '$dir/server.log' -w -o \"-c listen_addresses=127.0.0.1 -c autovacuum=off -p $port -k '$dir'\" start >/dev/null"
  as_postgres "'$bin/psql' -h '$dir' -p $port -U postgres -q -c \"CREATE ROLE lagebild LOGIN CREATEDB NOSUPERUSER PASSWORD '$password'\" -c 'GRANT pg_signal_backend TO lagebild' -c 'CREATE DATABASE lagebild_test OWNER lagebild'"
  {
    echo "export LAGEBILD_TEST_PG=postgresql://lagebild:${password}@127.0.0.1:${port}/lagebild_test"
    echo "export LAGEBILD_REQUIRE_PG=1"
    echo "export LAGEBILD_TEST_PG_DIR=$dir"
  } > "$ENV_FILE"
  log "PostgreSQL for this run on 127.0.0.1:$port (data in $dir; role lagebild, not a superuser)"
}

stop() {
  [ -f "$ENV_FILE" ] || return 0
  local dir bin
  dir=$(sed -n 's/^export LAGEBILD_TEST_PG_DIR=//p' "$ENV_FILE")
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -n "$dir" ] && [ -d "$dir/data" ]; then
    as_postgres "'$bin/pg_ctl' -D '$dir/data' -m fast -w stop >/dev/null" || true
    rm -rf "$dir"
    log "stopped the test PostgreSQL and removed $dir"
  fi
  rm -f "$ENV_FILE"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
