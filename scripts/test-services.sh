#!/usr/bin/env bash
# Install and start what the test suite needs beyond Python: Chromium (Debian package,
# for the browser tests; never a downloaded browser) and a PostgreSQL server on 127.0.0.1. Writes .test-env with LAGEBILD_TEST_PG for the tests. Safe to run twice.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" != "0" ] && ! command -v pg_ctlcluster >/dev/null; then
  echo "test-services: not root and no PostgreSQL installed; PostgreSQL tests will be skipped" >&2
  : > .test-env
  exit 0
fi
if ! command -v pg_ctlcluster >/dev/null; then
  echo "test-services: installing PostgreSQL (Debian package)…" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
if ! command -v chromium >/dev/null; then
  echo "test-services: installing Chromium (Debian package) for the browser tests…" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | grep -q "^$version main"; then
  pg_createcluster "$version" main >/dev/null
fi
pg_ctlcluster "$version" main start 2>/dev/null || true
for _ in $(seq 1 30); do
  pg_isready -h 127.0.0.1 -q && break
  sleep 1
done
su postgres -c "psql -q -tAc \"SELECT 1 FROM pg_roles WHERE rolname='lagebild'\"" | grep -q 1 \
  || su postgres -c "psql -q -c \"CREATE ROLE lagebild LOGIN SUPERUSER PASSWORD 'lagebild'\""
su postgres -c "psql -q -tAc \"SELECT 1 FROM pg_database WHERE datname='lagebild_test'\"" | grep -q 1 \
  || su postgres -c "createdb -O lagebild lagebild_test"
port=$(pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $3}')
echo "export LAGEBILD_TEST_PG=postgresql://lagebild:lagebild@127.0.0.1:${port}/lagebild_test" > .test-env
echo "export LAGEBILD_REQUIRE_PG=1" >> .test-env
echo "test-services: PostgreSQL $version on 127.0.0.1:$port" >&2
