#!/usr/bin/env bash
# The demo: builds what is missing, provisions and starts WildFly with the app, runs the prepare job over
# the shipped GSM8K train set with live progress, prints the outcome, and leaves the server running.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$REPO"

if [ ! -f "$EAR" ] || [ ! -f "$JBOSS_HOME/modules/ai/djl/main/module.xml" ]; then
  echo "== Building (the first build downloads WildFly, DJL and PyTorch from Maven Central) =="
  mvn -B -q install -DskipTests
fi

echo "== Starting the server =="
"$here/start.sh"

echo "== Running job 'prepare' on the shipped GSM8K train set (7,473 questions) =="
id=$($CLIENT start prepare dataset=gsm8k-train file=datasets/gsm8k/train.jsonl)
set +e
$CLIENT watch "$id"
outcome=$?
set -e

echo "== Prepared datasets (questions per dataset) =="
$CLIENT get datasets
echo
echo "First prepared question: $(java "$here/LrClient.java" get 'datasets/gsm8k-train/questions?limit=1' | head -c 300)..."
echo
echo "The server keeps running: http://127.0.0.1:8080/lightreasoner/  (execution: /lightreasoner/api/executions/$id)"
echo "Stop it with: server-config/bin/stop.sh"
exit $outcome
