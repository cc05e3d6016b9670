#!/usr/bin/env bash
# The miniature lab's hyperparameter sweep, on the VALIDATION split only (the test split is for the chosen
# configuration, once: demo.sh). Runs on the server (started here if needed) as an operator would, job by job:
#   prepare the training questions -> evaluate the baseline expert on validation
#   -> for each beta: sample; for each learning rate x step count: train, merge, evaluate on validation
#   -> SFT: sft-sample once; for each learning rate x step count: train objective=sft, merge, evaluate
# and prints one table (accuracy with n and a 95 % Wilson interval, difference to the baseline), also written to
# runs/sweep-<stamp>.tsv under the data root. Every setting is an environment variable below.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$REPO"
QUESTIONS=${SWEEP_QUESTIONS:-1000}          # training questions sampled (the first N of train.jsonl)
VALIDATION=${SWEEP_VALIDATION:-1000}        # validation problems evaluated
BETAS=${SWEEP_BETAS:-"0.2 0.4 0.8"}
LRS=${SWEEP_LRS:-"1e-3 3e-3"}
STEPS=${SWEEP_STEPS:-"100 300"}
EXPERT=${SWEEP_EXPERT:-models/lab-expert}
AMATEUR=${SWEEP_AMATEUR:-models/lab-amateur}
LRCTL="$here/lrctl"
stamp=$(date +%Y%m%d-%H%M%S)
table="$DATA_ROOT/runs/sweep-$stamp.tsv"

"$here/start.sh" > /dev/null
ensure_users
[ -f "$DATA_ROOT/datasets/synthetic/validation.jsonl" ] \
  || $LRCTL start synthesize folder=datasets/synthetic seed=1 --wait > /dev/null

field() { grep -o "\"$1\":\"[^\"]*\"\|\"$1\":[0-9.eE+-]*" | head -1 | sed 's/^"[^"]*"://; s/"//g'; }

run() {   # run JOB k=v...: start, wait, fail loudly unless COMPLETED; prints the job instance id
  local id
  id=$($LRCTL start "$@")
  if ! $LRCTL watch "$id" > /dev/null; then
    echo "job '$1' (execution $id) did not complete: $($LRCTL status "$id" || true)" >&2
    exit 3
  fi
  $LRCTL get "executions/$id" | field instanceId
}

# accuracy on validation, as "correct n" of an evaluate run
validate() {   # validate MODEL NAME
  local run json
  run=$(run evaluate model="$1" file=datasets/synthetic/validation.jsonl format=gsm8k benchmark="$2" \
    limit="$VALIDATION" maxNewTokens=128 batchSize=16)
  json=$($LRCTL get "evaluation-runs/$run")
  echo "$(echo "$json" | field correct) $(echo "$json" | field items)"
}

row() {   # row METHOD BETA LR STEPS TUNED CORRECT N
  local line
  line=$(awk -v m="$1" -v b="$2" -v lr="$3" -v s="$4" -v t="$5" -v c="$6" -v n="$7" -v bc="$base_correct" 'BEGIN {
    z = 1.959963984540054; p = c / n; z2 = z * z
    centre = (p + z2 / (2 * n)) / (1 + z2 / n); half = z * sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    printf "%s\t%s\t%s\t%s\t%s\t%d/%d\t%.1f\t%.1f-%.1f\t%+.1f\n", m, b, lr, s, t, c, n, 100 * p,
      100 * (centre - half), 100 * (centre + half), 100 * (c - bc) / n }')
  echo "$line" | tee -a "$table"
}

mkdir -p "$(dirname "$table")"
printf 'method\tbeta\tlr\tsteps\tkept steps / accepted solutions\tcorrect/n\tacc %%\t95%% interval\tvs baseline\n' | tee "$table"
dataset="sweep-$stamp"
run prepare dataset="$dataset" file=datasets/synthetic/train.jsonl limit="$QUESTIONS" > /dev/null
read -r base_correct base_n < <(validate "$EXPERT" validation-baseline)
row baseline - - - - "$base_correct" "$base_n"

train_and_validate() {   # METHOD BETA SAMPLES_RUN TUNED objective=...
  local method=$1 beta=$2 samples=$3 tuned=$4 objective=$5 lr steps train correct n
  for lr in $LRS; do
    for steps in $STEPS; do
      train=$(run train samples="$samples" objective="$objective" learningRate="$lr" maxSteps="$steps" rank=8 \
        loraAlpha=16 dropout=0.05 batchSize=8 accumulation=2 checkpointEvery="$steps")
      run merge adapter="runs/train-$train/adapter" output="runs/sweep-$stamp/$method-b$beta-lr$lr-s$steps" > /dev/null
      read -r correct n < <(validate "runs/sweep-$stamp/$method-b$beta-lr$lr-s$steps" "validation-$method")
      row "$method" "$beta" "$lr" "$steps" "$tuned" "$correct" "$n"
    done
  done
}

for beta in $BETAS; do
  samples=$(run sample dataset="$dataset" expert="$EXPERT" amateur="$AMATEUR" alpha=0.2 beta="$beta" \
    maxNewTokens=128 batchSize=16)
  kept=$($LRCTL get "sampling-runs/$samples" | field stepsKept)
  train_and_validate lightr "$beta" "$samples" "$kept" lightr
done
sft=$(run sft-sample dataset="$dataset" expert="$EXPERT" samples=4 temperature=0.7 topP=0.95 maxNewTokens=128)
accepted=$($LRCTL get "sampling-runs/$sft" | field stepsKept)
train_and_validate sft - "$sft" "$accepted" sft
echo "Written to runs/sweep-$stamp.tsv under the data root. Choose on validation; evaluate the choice on test once."
