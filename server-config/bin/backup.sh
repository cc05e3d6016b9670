#!/usr/bin/env bash
# Writes one archive of this home's state (LIGHTREASONER_HOME, see env.sh): the server's data dir (H2 database with
# the job history, users and roles, WildFly's own data) as server/ and the data root (datasets, models, runs) as
# data/. DJL's native cache is left out (the next start extracts it again). Restore with restore.sh.
#   backup.sh [ARCHIVE]     default: ./lightreasoner-backup-<UTC time>.tar.gz; an existing file is never replaced
# The server must be stopped (stop.sh): a copy of a live database file can be torn. With PostgreSQL the database
# is not in the home: back it up with pg_dump beside this archive.
# Exit 0 written; 2 refused (server running, archive exists, nothing to back up); 1 failed (the partial archive is removed).
set -euo pipefail
source "$(dirname "$0")/env.sh"
archive=${1:-lightreasoner-backup-$(date -u +%Y%m%dT%H%M%SZ).tar.gz}
refuse() { echo "backup: $*" >&2; exit 2; }
[ -d "$SERVER_DATA" ] || refuse "no server data dir at $SERVER_DATA (LIGHTREASONER_HOME=$LIGHTREASONER_HOME)"
server_running_on_home && refuse "the server is running on $SERVER_DATA: stop it first (server-config/bin/stop.sh)"
[ -e "$archive" ] && refuse "$archive exists: name a new file"

work=$(mktemp -d "$(dirname "$archive")/.backup-XXXXXX")
trap 'rm -rf "$work"' EXIT
# the data root may lie inside the server data dir (as in the integration tests): it is archived once, as data/
excludes=(--exclude=./djl-cache)
case "$DATA_ROOT/" in "$SERVER_DATA"/*) excludes+=("--exclude=./${DATA_ROOT#"$SERVER_DATA"/}") ;; esac
# S: names are rewritten, symbolic links' targets are kept as they are
tar -cf "$work/state.tar" "${excludes[@]}" --transform='s,^\.,server,S' -C "$SERVER_DATA" .
if [ -d "$DATA_ROOT" ]; then
  tar -rf "$work/state.tar" --transform='s,^\.,data,S' -C "$DATA_ROOT" .
fi
gzip -c "$work/state.tar" > "$work/state.tar.gz"
mv -n "$work/state.tar.gz" "$archive"
[ -f "$archive" ] || { echo "backup: could not write $archive" >&2; exit 1; }
echo "backup: $archive ($(du -h "$archive" | cut -f1)) of $SERVER_DATA and $DATA_ROOT"
