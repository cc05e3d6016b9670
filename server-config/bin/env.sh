# Shared settings of the launch scripts (sourced, not run).
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$here/../.." && pwd)
WILDFLY_VERSION=39.0.1.Final
JBOSS_HOME=${JBOSS_HOME:-$REPO/server-config/target/wildfly-$WILDFLY_VERSION}
EAR=$REPO/ear/target/lightreasoner.ear
# All state lives in one home outside the build tree, so mvn clean, a rebuild or a redeploy loses nothing:
#   $LIGHTREASONER_HOME/server  the server's data dir: the H2 database (job history, runs), users and roles, DJL's
#                               native cache, WildFly's own data (LIGHTREASONER_SERVER_DATA overrides)
#   $LIGHTREASONER_HOME/data    the data root: datasets, models, runs (LIGHTREASONER_DATA_ROOT overrides)
#   $LIGHTREASONER_HOME/log     the server's logs
# Default ~/.lightreasoner; for a service, e.g. LIGHTREASONER_HOME=/var/lib/lightreasoner. Backup: bin/backup.sh.
LIGHTREASONER_HOME=${LIGHTREASONER_HOME:-$HOME/.lightreasoner}
SERVER_DATA=${LIGHTREASONER_SERVER_DATA:-$LIGHTREASONER_HOME/server}
DATA_ROOT=${LIGHTREASONER_DATA_ROOT:-$LIGHTREASONER_HOME/data}
LOG_DIR=$LIGHTREASONER_HOME/log
SERVER_LOG=$LOG_DIR/console.log
# the server reads the data root from this variable (DataRoot.ENV)
export LIGHTREASONER_HOME LIGHTREASONER_DATA_ROOT=$DATA_ROOT
CLI="$JBOSS_HOME/bin/jboss-cli.sh"
CLIENT="java $here/LrClient.java"
export JBOSS_HOME

# the server runs fully offline; DJL's natives are extracted under the server's data dir
export DJL_OFFLINE=true OPT_OUT_TRACKING=true
export LIGHTREASONER_TORCH_THREADS=${LIGHTREASONER_TORCH_THREADS:-$(nproc)}
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-$LIGHTREASONER_TORCH_THREADS}
# heap for batches and requests; WildFly's own default (512m) is too small. Model weights live outside the heap:
# BF16/F16 checkpoints are converted into direct buffers, whose JVM default cap is the heap size (a 1.5B BF16 model
# would not load), so the cap is the machine's memory unless LIGHTREASONER_DIRECT_MEMORY says otherwise.
direct_memory=${LIGHTREASONER_DIRECT_MEMORY:-$(awk '/^MemTotal:/ {print $2 "k"}' /proc/meminfo 2>/dev/null || echo 64g)}
export JAVA_OPTS=${JAVA_OPTS:-"-Xms256m -Xmx${LIGHTREASONER_HEAP:-4g} -XX:MaxDirectMemorySize=$direct_memory -XX:MetaspaceSize=96M -XX:MaxMetaspaceSize=512m -Djava.net.preferIPv4Stack=true -Djava.awt.headless=true -Djboss.modules.system.pkgs=org.jboss.byteman"}

server_state() {
  "$CLI" -c --command=":read-attribute(name=server-state)" 2>/dev/null | grep -o '"result" => "[a-z-]*"' | cut -d'"' -f4
}

# The LightReasoner realm's users files must exist before the server starts (configure.cli names them).
ensure_realm_files() {
  mkdir -p "$1"
  touch "$1/lightreasoner-users.properties" "$1/lightreasoner-roles.properties"
  chmod 600 "$1/lightreasoner-users.properties"
}

# 20 characters from a 56-letter alphabet without look-alikes (~116 bits)
generate_password() {
  # (tr ends by SIGPIPE when head has enough: not a failure)
  LC_ALL=C tr -dc 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789' < /dev/urandom | head -c 20 || true
}

# lrctl's credentials: the file the demo writes (user:password of its operator), unless set otherwise
export LIGHTREASONER_CREDENTIALS=${LIGHTREASONER_CREDENTIALS:-$LIGHTREASONER_HOME/lrctl.credentials}

# First use: creates the users admin, operator and viewer (roles lr-admin, lr-operator, lr-viewer) with generated
# passwords, shown only this once, and stores the operator's for lrctl in $LIGHTREASONER_CREDENTIALS (mode 600).
ensure_users() {
  local users="$SERVER_DATA/lightreasoner-users.properties" role password
  if ! grep -q '^[^#]' "$users" 2>/dev/null; then
    echo "== Users (passwords generated now and shown only this once; add or reset with server-config/bin/lr-user.sh) =="
    for role in admin operator viewer; do
      password=$(generate_password)
      "$here/lr-user.sh" "$role" "lr-$role" "$password" > /dev/null
      printf '  %-9s role lr-%-9s password %s\n' "$role" "$role" "$password"
      if [ "$role" = operator ]; then
        (umask 077; printf 'operator:%s\n' "$password" > "$LIGHTREASONER_CREDENTIALS")
      fi
    done
    echo "  (lrctl uses the operator's, stored in $LIGHTREASONER_CREDENTIALS, readable by you only)"
  elif [ ! -r "$LIGHTREASONER_CREDENTIALS" ] && [ -z "${LIGHTREASONER_USER:-}" ]; then
    echo "Users exist but $LIGHTREASONER_CREDENTIALS does not: set LIGHTREASONER_USER and LIGHTREASONER_PASSWORD" >&2
    exit 2
  fi
}

# The shipped datasets and lab models (server-config/src/main/data) go into the data root once each: a dataset or
# model folder that already exists there is never touched.
seed_data_root() {
  local shipped=$REPO/server-config/src/main/data entry
  for entry in "$shipped"/datasets/* "$shipped"/models/*; do
    [ -e "$entry" ] || continue
    local target=$DATA_ROOT/${entry#"$shipped"/}
    if [ ! -e "$target" ]; then
      mkdir -p "$(dirname "$target")"
      cp -R "$entry" "$target"
    fi
  done
}

# True while a process (WildFly) runs with this home's server data dir on its command line.
server_running_on_home() {
  local cmdline
  for cmdline in /proc/[0-9]*/cmdline; do
    tr '\0' '\n' < "$cmdline" 2>/dev/null | grep -qxF -- "-Djboss.server.data.dir=$SERVER_DATA" && return 0
  done
  return 1
}
