# Shared settings of the launch scripts (sourced, not run).
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$here/../.." && pwd)
WILDFLY_VERSION=39.0.1.Final
JBOSS_HOME=${JBOSS_HOME:-$REPO/server-config/target/wildfly-$WILDFLY_VERSION}
EAR=$REPO/ear/target/lightreasoner.ear
SERVER_LOG=$REPO/server-config/target/server.log
CLI="$JBOSS_HOME/bin/jboss-cli.sh"
CLIENT="java $here/LrClient.java"
export JBOSS_HOME

# the server runs fully offline; DJL's natives are extracted under the server's data dir
export DJL_OFFLINE=true OPT_OUT_TRACKING=true
export LIGHTREASONER_TORCH_THREADS=${LIGHTREASONER_TORCH_THREADS:-$(nproc)}
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-$LIGHTREASONER_TORCH_THREADS}
# heap for models and batches; WildFly's own default (512m) is too small for real models
export JAVA_OPTS=${JAVA_OPTS:-"-Xms256m -Xmx${LIGHTREASONER_HEAP:-4g} -XX:MetaspaceSize=96M -XX:MaxMetaspaceSize=512m -Djava.net.preferIPv4Stack=true -Djava.awt.headless=true -Djboss.modules.system.pkgs=org.jboss.byteman"}

server_state() {
  "$CLI" -c --command=":read-attribute(name=server-state)" 2>/dev/null | grep -o '"result" => "[a-z-]*"' | cut -d'"' -f4
}
