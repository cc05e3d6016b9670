#!/usr/bin/env bash
# One-shot GPU check, at most 8 minutes: on a node with an NVIDIA GPU and a CUDA libtorch 2.7.1 (docs/operations.md, "GPU"),
# runs the Hugging Face parity, batched-engine and fp16 tests on gpu:0, then bench.sh decode (fp32 and fp16),
# sampling, evaluate and training (real shape) on gpu:0, and prints their numbers (the parts' limits sum to 7.6 min).
# Everything is also written to $OUT/gpu-check.log (default target/gpu-check).
# Needs a built checkout (mvn -B install -DskipTests, done once with network) and, for libtorch, either
# PYTORCH_LIBRARY_PATH=<libtorch 2.7.1 cu12x>/lib or a python3 whose torch is 2.7.1+cu12x (its lib folder is used).
# Exit 0 when every part passed; 1 when one failed; 2 when the node lacks a prerequisite.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$here/../.." && pwd)
out=${OUT:-$REPO/target/gpu-check}
mkdir -p "$out"
exec > >(tee "$out/gpu-check.log") 2>&1

missing() { echo "gpu-check: $*" >&2; exit 2; }
command -v nvidia-smi >/dev/null || missing "no nvidia-smi: this node has no NVIDIA driver"
command -v java >/dev/null && command -v mvn >/dev/null || missing "java 17+ and mvn are needed"
if [ -z "${PYTORCH_LIBRARY_PATH:-}" ] && command -v python3 >/dev/null; then
  torch=$(python3 -c 'import torch, os; print(torch.__version__, os.path.join(os.path.dirname(torch.__file__), "lib"))' 2>/dev/null || true)
  case "$torch" in
    2.7.1+cu12*) PYTORCH_LIBRARY_PATH=${torch#* }; PYTORCH_FLAVOR=cu128 ;;
    "") ;;
    *) echo "gpu-check: python3's torch is ${torch%% *}, not 2.7.1+cu12x (DJL 0.36's JNI is built for 2.7.1): not used" ;;
  esac
fi
[ -n "${PYTORCH_LIBRARY_PATH:-}" ] && [ -f "$PYTORCH_LIBRARY_PATH/libtorch_cuda.so" ] \
  || missing "set PYTORCH_LIBRARY_PATH to the lib folder of a CUDA libtorch 2.7.1 (it must hold libtorch_cuda.so)"
export PYTORCH_LIBRARY_PATH PYTORCH_VERSION=2.7.1 PYTORCH_FLAVOR=${PYTORCH_FLAVOR:-cu128} BENCH_DEVICE=gpu:0
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader
echo "libtorch: $PYTORCH_LIBRARY_PATH ($PYTORCH_FLAVOR)"

failed=0
part() {  # part NAME SECONDS COMMAND...: runs one part under its own time limit, records whether it passed
  local name=$1 limit=$2 start rc
  shift 2
  echo "== $name (at most $limit s)"
  start=$(date +%s)
  timeout "$limit" "$@"
  rc=$?
  echo "== $name: exit $rc after $(( $(date +%s) - start )) s"
  [ "$rc" -eq 0 ] || failed=1
}
cd "$REPO"
part "parity and batched-engine tests on gpu:0" 90 mvn -B -o -q -pl engine-ejb test \
  -Dtest='HfParityTest,BatchedEngineTest' -Dsurefire.failIfNoSpecifiedTests=false -Dlightreasoner.test.device=gpu:0
part "fp16 against fp32 on gpu:0" 45 mvn -B -o -q -pl engine-ejb test \
  -Dtest='HalfPrecisionTest' -Dsurefire.failIfNoSpecifiedTests=false -Dlightreasoner.test.device=gpu:0
part "bench.sh decode on gpu:0" 100 "$here/bench.sh" decode "$REPO/target/gpu-bench" 1,8,32
part "bench.sh decode on gpu:0, fp16" 50 "$here/bench.sh" decode "$REPO/target/gpu-bench" 1,8,32 fp16
part "bench.sh sampling on gpu:0" 55 "$here/bench.sh" sampling "$REPO/target/gpu-bench" 1,8,32 64 64
part "bench.sh evaluate on gpu:0" 55 "$here/bench.sh" evaluate "$REPO/target/gpu-bench" 1,8,32 64 256
part "bench.sh training on gpu:0, real shape" 60 "$here/bench.sh" training "$REPO/target/gpu-bench" real
echo "gpu-check: $([ $failed -eq 0 ] && echo 'every part passed' || echo 'a part failed'); log in $out/gpu-check.log"
exit $failed
