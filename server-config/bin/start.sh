#!/usr/bin/env bash
# Starts the provisioned WildFly in the background (if it is not running) and deploys the LightReasoner EAR.
#   LIGHTREASONER_HOME        all state: database, users, data root, logs (default ~/.lightreasoner; see env.sh)
#   LIGHTREASONER_DATA_ROOT   folder for datasets, models and runs (default: $LIGHTREASONER_HOME/data)
#   LIGHTREASONER_HEAP        JVM heap (default 4g); LIGHTREASONER_TORCH_THREADS  intra-op threads (default: cores)
set -euo pipefail
source "$(dirname "$0")/env.sh"

[ -x "$JBOSS_HOME/bin/standalone.sh" ] || { echo "No provisioned server in $JBOSS_HOME: run 'mvn -B install -DskipTests' first." >&2; exit 1; }
[ -f "$EAR" ] || { echo "No $EAR: run 'mvn -B install -DskipTests' first." >&2; exit 1; }

ensure_realm_files "$SERVER_DATA"
mkdir -p "$DATA_ROOT" "$LOG_DIR"
seed_data_root
old="$JBOSS_HOME/standalone/data/lightreasoner-db.mv.db"
if [ -f "$old" ] && [ ! -f "$SERVER_DATA/lightreasoner-db.mv.db" ]; then
  echo "Note: state from before LIGHTREASONER_HOME is still in $JBOSS_HOME/standalone/data (database, users) and"
  echo "      .../standalone/data/lightreasoner (data root). To keep it, stop the server and move it into $LIGHTREASONER_HOME"
  echo "      (server/ and data/); this start uses $LIGHTREASONER_HOME."
fi

if [ "$(server_state)" = "running" ]; then
  echo "WildFly is already running."
else
  "$CLI" --file="$REPO/server-config/cli/remove-deployment.cli" > /dev/null
  echo "Starting WildFly $WILDFLY_VERSION (state in $LIGHTREASONER_HOME, log: $SERVER_LOG) ..."
  LAUNCH_JBOSS_IN_BACKGROUND=1 JBOSS_PIDFILE="$JBOSS_HOME/standalone/wildfly.pid" \
    setsid nohup "$JBOSS_HOME/bin/standalone.sh" -b 127.0.0.1 -Djboss.server.data.dir="$SERVER_DATA" \
    -Djboss.server.log.dir="$LOG_DIR" > "$SERVER_LOG" 2>&1 < /dev/null &
  for _ in $(seq 1 120); do
    [ "$(server_state)" = "running" ] && break
    sleep 1
  done
  [ "$(server_state)" = "running" ] || { echo "WildFly did not start; see $SERVER_LOG" >&2; exit 1; }
fi

echo "Deploying $(basename "$EAR") ..."
"$CLI" -c --command="deploy --force $EAR" > /dev/null
for _ in $(seq 1 60); do
  $CLIENT health && break
  sleep 1
done
$CLIENT health || { echo "The application did not come up; see $SERVER_LOG" >&2; exit 1; }
echo "LightReasoner is up: http://127.0.0.1:8080/lightreasoner/  (API: /lightreasoner/api/)"
