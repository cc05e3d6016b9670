#!/usr/bin/env bash
# The demo: the whole LightReasoner method in miniature, on a CPU, with nothing downloaded at run time.
# Builds what is missing, provisions and starts WildFly with the app, writes the synthetic math task
# (job 'synthesize'), then runs the 'lightreasoner' pipeline on the shipped tiny expert/amateur pair:
# prepare -> sample (KL-selected steps) -> LoRA train -> merge -> SFT baseline (rejection sampling + LoRA)
# -> evaluate baseline, +SFT and +LightR on the synthetic test set -> run report. Prints the report's
# accuracy and efficiency tables and leaves the server (and its console) running.
#
# Every parameter is below; DEMO_QUESTIONS / DEMO_TEST override the two sizes (smaller = faster). The method
# settings are the ones chosen on the VALIDATION split by server-config/bin/sweep.sh (docs/jobs.md, miniature
# reproduction); the test split is evaluated here, once, with that choice.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$REPO"
QUESTIONS=${DEMO_QUESTIONS:-1000}
TEST=${DEMO_TEST:-2000}
BETA=0.4                      # LightR: KL threshold
LIGHTR_LR=1e-3 LIGHTR_STEPS=100
SFT_LR=1e-3 SFT_STEPS=100
began=$(date +%s)

if [ ! -f "$EAR" ] || [ ! -f "$JBOSS_HOME/modules/ai/djl/main/module.xml" ]; then
  echo "== Building (the first build downloads WildFly, DJL and PyTorch from Maven Central) =="
  mvn -B -q install -DskipTests
fi

echo "== Starting the server =="
"$here/start.sh"

ensure_users

run() {   # run JOB k=v...: start, show live progress, stop the demo if it does not complete
  local id
  id=$($CLIENT start "$@")
  $CLIENT watch "$id" || { echo "job '$1' (execution $id) did not complete; see $SERVER_LOG" >&2; exit 3; }
  LAST_EXECUTION=$id
}

echo "== 1. Synthetic grade-school math (seed 1: 5,000 train / 1,000 validation / 2,000 test problems; the pair was trained on this train split) =="
if [ -f "$DATA_ROOT/datasets/synthetic/test.jsonl" ]; then
  # jobs never write into an existing folder; the same seed wrote the same files on an earlier run
  echo "datasets/synthetic exists from an earlier run: kept"
else
  run synthesize folder=datasets/synthetic train=5000 validation=1000 test=2000 seed=1
fi

echo "== 2. The lightreasoner pipeline on the shipped pair (models/lab-expert, models/lab-amateur) =="
run lightreasoner \
  dataset=synthetic-train file=datasets/synthetic/train.jsonl questions="$QUESTIONS" \
  expert=models/lab-expert amateur=models/lab-amateur \
  benchmarks=synthetic=datasets/synthetic/test.jsonl:gsm8k sft=true \
  sample.alpha=0.2 sample.beta="$BETA" sample.maxNewTokens=128 sample.batchSize=16 \
  train.rank=8 train.loraAlpha=16 train.dropout=0.05 train.learningRate="$LIGHTR_LR" train.maxSteps="$LIGHTR_STEPS" \
  train.batchSize=8 train.accumulation=2 train.checkpointEvery=100 \
  sftSample.samples=4 sftSample.temperature=0.7 sftSample.topP=0.95 sftSample.maxNewTokens=128 \
  sftTrain.rank=8 sftTrain.loraAlpha=16 sftTrain.dropout=0.05 sftTrain.learningRate="$SFT_LR" sftTrain.maxSteps="$SFT_STEPS" \
  sftTrain.batchSize=8 sftTrain.accumulation=2 sftTrain.checkpointEvery=100 \
  evaluate.limit="$TEST" evaluate.maxNewTokens=128 evaluate.batchSize=16
pipeline=$(java "$here/LrClient.java" get "executions/$LAST_EXECUTION" | grep -o '"instanceId":[0-9]*' | cut -d: -f2)

echo
echo "== Run report (runs/pipeline-$pipeline/report.md) =="
java "$here/LrClient.java" get "pipelines/$pipeline/report.md"
echo
echo "Demo finished in $(( $(date +%s) - began )) s. The server keeps running: http://127.0.0.1:8080/lightreasoner/"
echo "Stop it with: server-config/bin/stop.sh"
