#!/usr/bin/env bash
# Installs (Debian/Ubuntu, as root) and starts a local PostgreSQL, and creates the role and database the
# server's 'postgresql' datasource uses (user/password/database 'lightreasoner', or LIGHTREASONER_PG_*).
#   postgresql-setup.sh [--fresh]     --fresh drops and recreates the database (integration tests start empty)
# Then build/provision with: mvn -B install -Dlightreasoner.db=postgresql  (or run the tests with it).
set -euo pipefail
USER_NAME=${LIGHTREASONER_PG_USER:-lightreasoner}
PASSWORD=${LIGHTREASONER_PG_PASSWORD:-lightreasoner}
DB=${LIGHTREASONER_PG_DB:-lightreasoner}

if ! command -v pg_ctlcluster > /dev/null; then
  echo "== Installing PostgreSQL (apt-get)"
  apt-get update -q > /dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql > /dev/null
fi
version=$(ls /etc/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | awk '{print $4}' | grep -q online; then
  echo "== Starting PostgreSQL $version"
  pg_ctlcluster "$version" main start
fi
psql_admin() { su postgres -c "psql -v ON_ERROR_STOP=1 -q -c \"$1\""; }
if ! su postgres -c "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname='$USER_NAME'\"" | grep -q 1; then
  psql_admin "CREATE ROLE $USER_NAME LOGIN PASSWORD '$PASSWORD'"
fi
if [ "${1:-}" = "--fresh" ]; then
  psql_admin "DROP DATABASE IF EXISTS $DB"
fi
if ! su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname='$DB'\"" | grep -q 1; then
  su postgres -c "createdb -O $USER_NAME $DB"
fi
echo "PostgreSQL $version ready: database '$DB', user '$USER_NAME' on 127.0.0.1:5432"
