#!/usr/bin/env bash
# Runs a benchmark main class from the engine's test sources, offline, and prints its numbers.
#   bench.sh engine [work-dir]     prefill/decode tokens/s, load time, peak memory
#   bench.sh decode [work-dir] [batches] [fp32|fp16]  batched greedy decoding at Qwen2.5-0.5B shapes vs the hardware limit
#   bench.sh sampling [work-dir] [batches] [questions] [new tokens]  questions/s of sampling at real shapes
#   bench.sh evaluate [work-dir] [batches] [questions] [new tokens]  questions/s of evaluation at real shapes
#   bench.sh sampling-methods [work-dir]  one-pass vs per-prefix amateur scoring, batched vs batch-1 expert
#   bench.sh training [work-dir] [wide|real]  packed vs per-example training: forward tokens, step time, MFU
#                                  (real: the default mode on the full-depth Qwen2.5-0.5B-shaped model)
#   bench.sh memory [work-dir] [new tokens]  peak RSS of sampling with 1.5B/0.5B-shaped BF16 models at batch 8
#   bench.sh peft-fixture DIR      writes the PEFT cross-check fixture (see engine-ejb/src/test/python)
#   bench.sh lab-pair DIR SPEC...  pretrains candidate lab models and prints their synthetic-test accuracy
# BENCH_DEVICE=gpu:0 runs engine, decode, sampling, evaluate and training on a GPU (see gpu-check.sh); the default is cpu.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$here/../.." && pwd)
case "${1:-}" in
  engine) main=dev.lightreasoner.bench.EngineBenchmark ;;
  decode) main=dev.lightreasoner.bench.DecodeBenchmark ;;
  sampling|evaluate) main="dev.lightreasoner.bench.StageBenchmark $1" ;;
  sampling-methods) main=dev.lightreasoner.bench.SamplingBenchmark ;;
  training) main=dev.lightreasoner.bench.TrainingBenchmark ;;
  memory) main=dev.lightreasoner.bench.MemoryBenchmark ;;
  peft-fixture) main=dev.lightreasoner.tools.PeftFixture ;;
  lab-pair) main=dev.lightreasoner.tools.LabPair ;;
  *) echo "usage: bench.sh engine|decode|sampling|evaluate|sampling-methods|training|memory|peft-fixture|lab-pair [dir] [args]" >&2; exit 2 ;;
esac
shift
cd "$REPO"
mvn -q -B -pl engine-ejb -am test-compile -DskipTests >/dev/null
mvn -q -B -pl engine-ejb dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >/dev/null
export DJL_OFFLINE=true OPT_OUT_TRACKING=true DJL_CACHE_DIR=$REPO/engine-ejb/target/djl-cache ENGINE_CACHE_DIR=$REPO/engine-ejb/target/djl-cache
threads=${LIGHTREASONER_TORCH_THREADS:-$(nproc)}
exec java -Xmx${BENCH_HEAP:-8g} -Dlightreasoner.test.device=${BENCH_DEVICE:-cpu} -Dai.djl.offline=true -Dai.djl.default_engine=PyTorch -Dai.djl.pytorch.num_threads=$threads \
  -cp "engine-ejb/target/test-classes:engine-ejb/target/classes:$(cat engine-ejb/target/bench.classpath)" $main "$@"
