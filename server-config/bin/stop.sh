#!/usr/bin/env bash
# Stops the WildFly started by start.sh (or demo.sh). Job history stays in the server's database.
set -euo pipefail
source "$(dirname "$0")/env.sh"
if [ "$(server_state)" = "" ]; then
  echo "WildFly is not running."
  exit 0
fi
"$CLI" -c --command=":shutdown" > /dev/null
echo "WildFly stopped."
