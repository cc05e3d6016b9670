#!/usr/bin/env bash
# Restores an archive written by backup.sh into this home (LIGHTREASONER_HOME, see env.sh): server/ becomes the
# server's data dir, data/ the data root. Both must be missing or empty: nothing that exists is overwritten.
#   restore.sh ARCHIVE
# The server must be stopped. Exit 0 restored; 2 refused (server running, a target holds files, not an archive of
# backup.sh); 1 failed (the targets are left as they were).
set -euo pipefail
source "$(dirname "$0")/env.sh"
refuse() { echo "restore: $*" >&2; exit 2; }
[ $# -eq 1 ] || refuse "usage: restore.sh ARCHIVE"
archive=$1
[ -f "$archive" ] || refuse "$archive is not a file"
server_running_on_home && refuse "a server is running on $SERVER_DATA: stop it first (server-config/bin/stop.sh)"
empty_or_missing() { [ ! -e "$1" ] || { [ -d "$1" ] && [ -z "$(ls -A "$1")" ]; }; }
empty_or_missing "$SERVER_DATA" || refuse "$SERVER_DATA holds files: restore into a new LIGHTREASONER_HOME, or move it away first"
empty_or_missing "$DATA_ROOT" || refuse "$DATA_ROOT holds files: restore into a new LIGHTREASONER_HOME, or move it away first"

parent=$(dirname "$SERVER_DATA")
mkdir -p "$parent"
work=$(mktemp -d "$parent/.restore-XXXXXX")
trap 'rm -rf "$work"' EXIT
tar -xzf "$archive" -C "$work" || { echo "restore: $archive cannot be read" >&2; exit 1; }
[ -d "$work/server" ] || refuse "$archive has no server/ folder: not an archive of backup.sh"
# into place by renames (an empty target folder is replaced by the restored one)
place() {
  [ -d "$1" ] || return 0
  if [ -d "$2" ]; then rmdir "$2"; fi
  mkdir -p "$(dirname "$2")"
  mv "$1" "$2"
}
place "$work/server" "$SERVER_DATA"
place "$work/data" "$DATA_ROOT"
echo "restore: $archive into $SERVER_DATA and $DATA_ROOT"
