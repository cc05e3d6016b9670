#!/usr/bin/env bash
# Adds a console/API user to the LightReasoner realm, or changes an existing user's password and role.
#   lr-user.sh NAME ROLE [PASSWORD]    ROLE: lr-admin | lr-operator | lr-viewer
# Without PASSWORD a random one is generated and printed once (it is stored only as a digest:
# HEX(MD5(name:LightReasoner:password)) in <server data dir>/lightreasoner-users.properties). A running
# server picks the change up at the next login.
#   LIGHTREASONER_HOME / LIGHTREASONER_SERVER_DATA   where the users files are (default: ~/.lightreasoner/server)
set -euo pipefail
source "$(dirname "$0")/env.sh"

usage() { echo "usage: lr-user.sh NAME lr-admin|lr-operator|lr-viewer [PASSWORD]" >&2; exit 2; }
[ $# -ge 2 ] || usage
name=$1 role=$2 password=${3:-}
[[ "$name" =~ ^[A-Za-z0-9._-]{1,64}$ ]] || { echo "user name '$name': letters, digits, . _ - only" >&2; exit 2; }
case "$role" in lr-admin|lr-operator|lr-viewer) ;; *) usage ;; esac
generated=false
if [ -z "$password" ]; then
  password=$(generate_password)
  generated=true
fi
data=$SERVER_DATA
ensure_realm_files "$data"
# WildFly's own tool writes both files (and replaces an existing user's entry)
"$JBOSS_HOME/bin/add-user.sh" -a -s -r LightReasoner -up "$data/lightreasoner-users.properties" \
  -gp "$data/lightreasoner-roles.properties" -u "$name" -p "$password" -g "$role" > /dev/null
if $generated; then
  echo "$name ($role): password $password"
else
  echo "$name ($role): password set"
fi
