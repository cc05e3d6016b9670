#!/usr/bin/env bash
# The kill -9 proof, full size: runs the 'sample' and 'train' jobs on the shipped lab pair once uninterrupted,
# then N times each with the server JVM killed by SIGKILL at a seeded random moment; after each kill it starts
# the server, checks the execution is shown FAILED with a CRASHED exit status, restarts it from its checkpoint
# and compares the final sample rows (the samples.jsonl export) and the final adapter (bytes) with the
# uninterrupted run. One more training trial halts the JVM while a checkpoint is half written.
#   kill9-proof.sh [N=10] [SEED=1]   prints "sampling: K/K identical (N trials)" and the same for training, where
#                                    K counts the trials the kill hit while the job ran
# Uses the default data root of the provisioned server (the demo's); run the demo (or 'mvn install') first.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$REPO"
N=${1:-10}
RANDOM=${2:-1}
LRCTL="$here/lrctl"
PIDFILE=$JBOSS_HOME/standalone/wildfly.pid
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

field() { grep -o "\"$1\":\"[^\"]*\"\|\"$1\":[0-9]*" | head -1 | sed 's/^"[^"]*"://; s/"//g'; }

"$here/start.sh" > /dev/null
ensure_users
[ -f "$DATA_ROOT/datasets/synthetic/train.jsonl" ] \
  || $LRCTL start synthesize folder=datasets/synthetic seed=1 --wait > /dev/null
$LRCTL start prepare dataset=kill9-questions file=datasets/synthetic/train.jsonl limit=200 --wait > /dev/null
SAMPLE=(dataset=kill9-questions expert=models/lab-expert amateur=models/lab-amateur limit=200 batchSize=4 chunkBatches=1)

kill_at() {   # kill_at SECONDS: SIGKILL the server JVM after that long, then start it again
  sleep "$1"
  kill -9 "$(cat "$PIDFILE")"
  while "$CLI" -c --command=":read-attribute(name=server-state)" > /dev/null 2>&1; do sleep 0.2; done
  "$here/start.sh" > /dev/null
}

resume() {    # resume ID: the crashed execution must say so; restart it to completion; prints the final id
  local id=$1 status exit
  status=$($LRCTL get "executions/$id" | field batchStatus)
  exit=$($LRCTL get "executions/$id" | field exitStatus)
  [[ "$status" = FAILED && "$exit" = CRASHED* ]] || { echo "execution $id: $status $exit (expected a CRASHED failure)" >&2; exit 1; }
  $LRCTL restart "$id" --wait > /dev/null
  $LRCTL get "executions/$id" > /dev/null
}

# the job's own running time (start to end in the repository), not the client's wall time
job_seconds() { $LRCTL get "executions/$1" | python3 -c "import json,sys,datetime as d
e=json.load(sys.stdin); p=lambda t: d.datetime.fromisoformat(t.split('[')[0].replace('Z','+00:00'))
print((p(e['endTime'])-p(e['startTime'])).total_seconds())"; }
seconds() { python3 -c "import random,sys; random.seed($1); print(round(random.uniform(0.1, 0.6) * $2, 2))"; }

run_trials() {  # run_trials LABEL SAME_FN JOB PARAM...: N seeded kills; SAME_FN ID says if the result matches
  local label=$1 same_fn=$2 same=0 killed=0 trial id at r
  shift 2
  for trial in $(seq 1 "$N"); do
    id=$($LRCTL start "$@")
    at=$(seconds "$RANDOM" "$duration")
    kill_at "$at"
    if [ "$($LRCTL get "executions/$id" | field batchStatus)" = COMPLETED ]; then
      echo "  trial $trial: finished before the kill at ${at}s (not counted)"; continue
    fi
    killed=$((killed + 1))
    resume "$id" > /dev/null
    if "$same_fn" "$id"; then same=$((same + 1)); r=identical; else r=DIFFERENT; fi
    echo "  trial $trial: killed after ${at}s -> $r"
  done
  echo "$label: $same/$killed identical ($N trials)"
}
same_samples() {
  $LRCTL get "sampling-runs/$($LRCTL get "executions/$1" | field instanceId)/samples.jsonl" > "$work/trial.jsonl"
  cmp -s "$work/reference.jsonl" "$work/trial.jsonl"
}
same_adapter() { [ "$(sha256sum "$(adapter "$1")" | cut -c1-64)" = "$expected" ]; }

echo "== sampling: reference run"
ref=$($LRCTL start sample "${SAMPLE[@]}" --wait | sed -n 1p)
duration=$(job_seconds "$ref")
run=$($LRCTL get "executions/$ref" | field instanceId)
$LRCTL get "sampling-runs/$run/samples.jsonl" > "$work/reference.jsonl"
run_trials sampling same_samples sample "${SAMPLE[@]}"

EVERY=5                                      # optimizer steps per checkpoint
TRAIN=(samples="$($LRCTL get "executions/$ref" | field instanceId)" maxSteps=100 checkpointEvery=$EVERY batchSize=4 accumulation=2 learningRate=0.001)
echo "== training: reference run"
tref=$($LRCTL start train "${TRAIN[@]}" --wait | sed -n 1p)
duration=$(job_seconds "$tref")
adapter() { echo "$DATA_ROOT/runs/train-$($LRCTL get "executions/$1" | field instanceId)/adapter/adapter_model.safetensors"; }
expected=$(sha256sum "$(adapter "$tref")" | cut -c1-64)
run_trials training same_adapter train "${TRAIN[@]}"

HALT=$((3 * EVERY))                          # must be a checkpoint the run writes
"$CLI" -c --command="/system-property=lightreasoner.fault.haltInCheckpoint:remove" > /dev/null 2>&1 || true  # an interrupted run's
echo "== training: JVM halted while checkpoint $HALT is half written"
"$CLI" -c --command="/system-property=lightreasoner.fault.haltInCheckpoint:add(value=$HALT)" > /dev/null
id=$($LRCTL start train "${TRAIN[@]}")
while kill -0 "$(cat "$PIDFILE" 2> /dev/null)" 2> /dev/null; do
  if [ "$($LRCTL get "executions/$id" 2> /dev/null | field batchStatus)" = COMPLETED ]; then
    echo "checkpoint-write halt: the JVM never halted (no checkpoint $HALT?)" >&2; exit 1
  fi
  sleep 0.5
done
"$here/start.sh" > /dev/null
"$CLI" -c --command="/system-property=lightreasoner.fault.haltInCheckpoint:remove" > /dev/null
resume "$id" > /dev/null
if [ "$(sha256sum "$(adapter "$id")" | cut -c1-64)" = "$expected" ]; then echo "checkpoint-write halt: identical"; else echo "checkpoint-write halt: DIFFERENT"; exit 1; fi
