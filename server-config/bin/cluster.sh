#!/usr/bin/env bash
# A LightReasoner cluster of N WildFly nodes on this machine, for trying scale-out and for the integration tests.
#   cluster.sh up N     starts nodes 1..N that are not running (a killed node comes back with its own data) and waits
#                       until each answers /lightreasoner/api/system/health/ready
#   cluster.sh status   per node: process, ports, readiness, Artemis cluster topology and JGroups view sizes
#                       (exit 0 when every node is up and ready, 3 otherwise)
#   cluster.sh down     stops every node (graceful :shutdown, SIGKILL for what is left after a timeout); deletes nothing
# Needs PostgreSQL (H2 is one server's file): server-config/bin/postgresql-setup.sh, LIGHTREASONER_PG_* as for the
# datasource. State (env.sh): the data root and the users of $LIGHTREASONER_HOME are shared by all nodes (a new home
# gets generated users, as with demo.sh); each node has its own server base dir $LIGHTREASONER_HOME/cluster/node<k>
# (configuration, data with its Artemis journal and transaction log, log, deployments), kept from one 'up' to the next
# (configuration and EAR are refreshed).
#   LIGHTREASONER_CLUSTER_PORT_OFFSET  node k uses port offset k times this (default 100: http 8180, 8280, ...;
#                                      management 10090, 10190, ...; JGroups 7700, 7800, ...)
#   LIGHTREASONER_CLUSTER_JAVA_OPTS    extra JVM options for every node, e.g. -Dlightreasoner.lease.timeout.seconds=15
#   LIGHTREASONER_CLUSTER_TIMEOUT      seconds to wait for the nodes to be ready (default 300)
#   LIGHTREASONER_HEAP                 heap per node (default 1g here)
#   LIGHTREASONER_TORCH_THREADS        intra-op threads per node (default: cores / N, at least 1)
#   LIGHTREASONER_EAR                  the EAR to deploy (default: the one built by ../../ear)
set -euo pipefail

usage() { echo "usage: cluster.sh up N | down | status" >&2; exit 2; }
command=${1:-}
case "$command" in
  up) [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || usage; size=$2 ;;
  down|status) [ $# -eq 1 ] || usage ;;
  *) usage ;;
esac
# the nodes share the machine's cores and memory (set before env.sh, which defaults them for one server)
if [ "$command" = up ]; then
  threads=$(( $(nproc) / size ))
  export LIGHTREASONER_TORCH_THREADS=${LIGHTREASONER_TORCH_THREADS:-$(( threads > 0 ? threads : 1 ))}
fi
export LIGHTREASONER_HEAP=${LIGHTREASONER_HEAP:-1g}
source "$(dirname "$0")/env.sh"

CLUSTER=$LIGHTREASONER_HOME/cluster
STEP=${LIGHTREASONER_CLUSTER_PORT_OFFSET:-100}
EAR=${LIGHTREASONER_EAR:-$EAR}
TIMEOUT=${LIGHTREASONER_CLUSTER_TIMEOUT:-300}

node_dir() { echo "$CLUSTER/node$1"; }
http_port() { echo $((8080 + STEP * $1)); }
mgmt_port() { echo $((9990 + STEP * $1)); }
jgroups_port() { echo $((7600 + STEP * $1)); }

# The node's JVM pid, if it runs (the pid file standalone.sh writes, checked against the process's command line).
node_pid() {
  local pidfile pid
  pidfile="$(node_dir "$1")/wildfly.pid"
  pid=$(cat "$pidfile" 2>/dev/null) || return 1
  [ -n "$pid" ] && tr '\0' '\n' < "/proc/$pid/cmdline" 2>/dev/null | grep -qxF -- "-Djboss.server.base.dir=$(node_dir "$1")" \
    && echo "$pid"
}

# The HTTP status of the node's readiness check ("-" if nothing answers); bash's /dev/tcp: no curl needed.
ready_status() {
  timeout 10 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf "GET /lightreasoner/api/system/health/ready HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n" >&3
    read -r _ code _ <&3 && echo "$code"' _ "$(http_port "$1")" 2>/dev/null || echo -
}

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

node_cli() { local port; port=$(mgmt_port "$1"); shift; "$CLI" --controller="127.0.0.1:$port" -c "$@" 2>/dev/null; }

# Nodes to look at: those of the last 'up', and any node folder beyond (a larger cluster before).
known_nodes() {
  local last=0 k
  [ -f "$CLUSTER/size" ] && last=$(cat "$CLUSTER/size")
  for dir in "$CLUSTER"/node*; do
    [ -d "$dir" ] || continue
    k=${dir##*/node}
    [[ "$k" =~ ^[0-9]+$ ]] && [ "$k" -gt "$last" ] && last=$k
  done
  [ "$last" -gt 0 ] && seq 1 "$last"
  return 0
}

status() {
  local k pid topology view code all=0
  for k in $(known_nodes); do
    if pid=$(node_pid "$k"); then
      code=$(ready_status "$k")
      # Artemis: members of the cluster connection's topology; JGroups: members of the channel's view
      topology=$(node_cli "$k" --commands="/subsystem=messaging-activemq/server=default/cluster-connection=my-cluster:read-attribute(name=topology),/subsystem=jgroups/channel=ee:read-attribute(name=view)" || true)
      view=$(echo "$topology" | grep -o '] ([0-9]*)' | tr -dc '0-9')
      topology=$(echo "$topology" | grep -o 'nodes=[0-9]*' | cut -d= -f2)
      printf 'node%s  running (pid %s)  http %s  management %s  jgroups %s  ready: %s  artemis topology: %s nodes  jgroups view: %s\n' \
        "$k" "$pid" "$(http_port "$k")" "$(mgmt_port "$k")" "$(jgroups_port "$k")" "$code" "${topology:-?}" "${view:-?}"
      [ "$code" = 200 ] || all=3
    else
      printf 'node%s  not running  http %s  management %s  jgroups %s  (%s)\n' \
        "$k" "$(http_port "$k")" "$(mgmt_port "$k")" "$(jgroups_port "$k")" "$(node_dir "$k")"
      all=3
    fi
  done
  [ -n "$(known_nodes)" ] || { echo "No cluster in $CLUSTER."; all=3; }
  return $all
}

down() {
  local k pid running=() left
  for k in $(known_nodes); do
    if pid=$(node_pid "$k"); then
      running+=("$k:$pid")
      # graceful: requests and batch steps get up to 30 s (suspend), then the server stops
      node_cli "$k" --command=":shutdown(suspend-timeout=30)" > /dev/null || true
    fi
  done
  [ ${#running[@]} -gt 0 ] || { echo "No cluster node is running."; return 0; }
  for _ in $(seq 1 60); do
    left=0
    for entry in "${running[@]}"; do [ -d "/proc/${entry#*:}" ] && left=1; done
    [ $left = 0 ] && break
    sleep 1
  done
  for entry in "${running[@]}"; do
    if [ -d "/proc/${entry#*:}" ]; then
      echo "node${entry%%:*} did not stop within 60 s: killing it (SIGKILL)"
      kill -9 "${entry#*:}" 2>/dev/null || true
    fi
  done
  echo "Stopped: $(for entry in "${running[@]}"; do printf 'node%s ' "${entry%%:*}"; done)"
}

# The cluster configuration, built from the provisioned standalone.xml (never changed itself) in a base dir of its
# own: the PostgreSQL datasource, clustering, no deployment. Rebuilt when the provisioned configuration or a script is
# newer than it.
build_configuration() {
  local template=$CLUSTER/template config=$JBOSS_HOME/standalone/configuration script stale=0
  local scripts=("$REPO/server-config/cli/datasource-postgresql.cli" "$REPO/server-config/cli/cluster.cli"
                 "$REPO/server-config/cli/remove-deployment.cli")
  [ -f "$template/configuration/standalone.xml" ] || stale=1
  for script in "$config/standalone.xml" "${scripts[@]}"; do
    [ "$script" -nt "$template/configuration/standalone.xml" ] && stale=1
  done
  [ $stale = 1 ] || return 0
  echo "Building the cluster configuration ($template/configuration) ..."
  mkdir -p "$template/configuration"
  cp "$config"/standalone.xml "$config"/logging.properties "$config"/*-users.properties "$config"/*-roles.properties \
     "$config"/mgmt-groups.properties "$template/configuration/"
  for script in "${scripts[@]}"; do
    # the embedded server works on the base dir named by this system property (the scripts name standalone.xml)
    JAVA_OPTS="$JAVA_OPTS -Djboss.server.base.dir=$template" "$CLI" --file="$script" > "$template/cli.log" 2>&1 \
      || { echo "Applying $script failed; see $template/cli.log" >&2; rm -f "$template/configuration/standalone.xml"; exit 1; }
  done
}

# One node: refresh its configuration and EAR (its data stays), then launch it in the background.
start_node() {
  local k=$1 dir hosts
  dir=$(node_dir "$k")
  mkdir -p "$dir/configuration" "$dir/data" "$dir/log" "$dir/tmp" "$dir/deployments"
  cp "$CLUSTER/template/configuration"/*.xml "$CLUSTER/template/configuration"/*.properties "$dir/configuration/"
  # one set of users for the cluster: lr-user.sh's changes reach every node at its next login, as on one server
  ln -sf "$SERVER_DATA/lightreasoner-users.properties" "$SERVER_DATA/lightreasoner-roles.properties" "$dir/data/"
  # one DJL native cache for all nodes (see 'up'); a node's own cache from before is kept
  [ -e "$dir/data/djl-cache" ] || ln -s "$CLUSTER/djl-cache" "$dir/data/djl-cache"
  # the deployment scanner deploys the EAR while the server boots; its markers from a previous run would skip it
  rm -f "$dir/deployments/lightreasoner.ear".*
  cp "$EAR" "$dir/deployments/lightreasoner.ear"
  hosts=$(for i in $(seq 1 "$size"); do printf '127.0.0.1[%d],' "$(jgroups_port "$i")"; done)
  JAVA_OPTS="$JAVA_OPTS ${LIGHTREASONER_CLUSTER_JAVA_OPTS:-}" LAUNCH_JBOSS_IN_BACKGROUND=1 JBOSS_PIDFILE="$dir/wildfly.pid" \
    setsid nohup "$JBOSS_HOME/bin/standalone.sh" -b 127.0.0.1 -Djboss.server.base.dir="$dir" \
    -Djboss.node.name="node$k" -Djboss.tx.node.id="node$k" -Djboss.socket.binding.port-offset=$((STEP * k)) \
    -Djboss.cluster.tcp.initial_hosts="${hosts%,}" --properties="$CLUSTER/cluster.properties" \
    > "$dir/log/console.log" 2>&1 < /dev/null &
  # standalone.sh writes the JVM's pid right after launching it
  for _ in $(seq 1 50); do [ -s "$dir/wildfly.pid" ] && break; sleep 0.2; done
  echo "  node$k: http $(http_port "$k"), management $(mgmt_port "$k"), log $dir/log/server.log"
}

# Waits until the nodes answer ready (200); fails naming the first node that died or is late.
await_ready() {
  local k pending deadline=$((SECONDS + TIMEOUT))
  while :; do
    pending=()
    for k in "$@"; do
      [ "$(ready_status "$k")" = 200 ] && continue
      node_pid "$k" > /dev/null || fail_node "$k" "its JVM exited"
      pending+=("$k")
    done
    [ ${#pending[@]} -eq 0 ] && return 0
    [ $SECONDS -lt $deadline ] || fail_node "${pending[0]}" "it is not ready after ${TIMEOUT} s"
    sleep 2
  done
}

fail_node() {
  local log
  log="$(node_dir "$1")/log/server.log"
  [ -f "$log" ] || log="$(node_dir "$1")/log/console.log"
  { echo "node$1 did not come up: $2; see $log (cluster.sh down stops the others). Its log ends:"
    tail -n 20 "$log" 2>/dev/null; } >&2
  exit 1
}

up() {
  local k to_start=() running=()
  [ -x "$JBOSS_HOME/bin/standalone.sh" ] || { echo "No provisioned server in $JBOSS_HOME: run 'mvn -B install -DskipTests' first." >&2; exit 1; }
  [ -f "$EAR" ] || { echo "No $EAR: run 'mvn -B install -DskipTests' first (or set LIGHTREASONER_EAR)." >&2; exit 1; }
  local pg_host=${LIGHTREASONER_PG_HOST:-127.0.0.1} pg_port=${LIGHTREASONER_PG_PORT:-5432}
  if ! (exec 3<>"/dev/tcp/$pg_host/$pg_port") 2>/dev/null; then
    echo "A cluster needs PostgreSQL (H2 is a file one server owns); none answers on $pg_host:$pg_port." >&2
    echo "Start one with server-config/bin/postgresql-setup.sh, or set LIGHTREASONER_PG_HOST/_PORT/_DB/_USER/_PASSWORD." >&2
    exit 1
  fi
  for k in $(known_nodes); do
    if node_pid "$k" > /dev/null; then
      [ "$k" -le "$size" ] || { echo "node$k runs, beyond the $size nodes asked for: 'cluster.sh down' first." >&2; exit 1; }
      running+=("$k")
    fi
  done
  for k in $(seq 1 "$size"); do
    node_pid "$k" > /dev/null || to_start+=("$k")
  done
  if [ ${#to_start[@]} -eq 0 ]; then
    echo "All $size nodes are already running (cluster.sh status; cluster.sh down to stop them)."
    exit 0
  fi
  for k in "${to_start[@]}"; do
    for port in "$(http_port "$k")" "$(mgmt_port "$k")" "$(jgroups_port "$k")"; do
      port_taken "$port" && { echo "Port $port (node$k) is in use by another process: choose LIGHTREASONER_CLUSTER_PORT_OFFSET." >&2; exit 1; }
    done
  done

  mkdir -p "$CLUSTER" "$DATA_ROOT"
  ensure_realm_files "$SERVER_DATA"
  # a new home gets its first users (as demo.sh does); existing users are left as they are
  grep -q '^[^#]' "$SERVER_DATA/lightreasoner-users.properties" || ensure_users
  seed_data_root
  build_configuration
  # The nodes' shared secret (Artemis refuses to cluster with its default password), generated once, readable by
  # the owner only, passed as a properties file so that it does not show in the process list.
  if [ ! -f "$CLUSTER/cluster.properties" ]; then
    (umask 077; printf 'jboss.messaging.cluster.password=%s\n' "$(generate_password)" > "$CLUSTER/cluster.properties")
  fi
  echo "$size" > "$CLUSTER/size"
  # DJL's natives (~450 MB) are extracted once into one cache that all nodes link to (DJL extracts into a temporary
  # folder and renames it, so a shared cache is safe): copied from the single server's cache if there is one (a link
  # stays a link, to the same cache), else the first node extracts it alone before the others start (three
  # extractions at once would slow every boot).
  if [ ! -d "$CLUSTER/djl-cache" ] && [ -d "$SERVER_DATA/djl-cache/pytorch" ]; then
    rm -rf "$CLUSTER/djl-cache.tmp"   # an interrupted copy of ours
    cp -a "$SERVER_DATA/djl-cache" "$CLUSTER/djl-cache.tmp" && mv "$CLUSTER/djl-cache.tmp" "$CLUSTER/djl-cache"
  fi
  mkdir -p "$CLUSTER/djl-cache"
  [ ${#running[@]} -eq 0 ] || echo "Running already: $(printf 'node%s ' "${running[@]}")"
  echo "Starting $(printf 'node%s ' "${to_start[@]}")(WildFly $WILDFLY_VERSION, state in $LIGHTREASONER_HOME) ..."
  # The first node starts alone when none runs yet (it creates the tables of a new database — JBeret's job
  # repository and the migrations — which several servers creating at once could collide on) or when the cache is empty.
  if { [ ${#running[@]} -eq 0 ] || [ ! -d "$CLUSTER/djl-cache/pytorch" ]; } && [ ${#to_start[@]} -gt 1 ]; then
    start_node "${to_start[0]}"
    await_ready "${to_start[0]}"
    to_start=("${to_start[@]:1}")
  fi
  for k in "${to_start[@]}"; do start_node "$k"; done
  await_ready $(seq 1 "$size")
  echo "The LightReasoner cluster is up:"
  status || true
}

case "$command" in
  up) up ;;
  down) down ;;
  status) status ;;
esac
