#!/usr/bin/env bash
# Coverage-guided fuzzing of the importer and the whole pipeline with
# libFuzzer, AddressSanitizer and UndefinedBehaviorSanitizer on every ingot
# library (INGOT_BUILD_FUZZERS), in its own build folder build-fuzz/.
# Seeds: every model of ../shared/conformance (the single-operator corpus
# included). Needs libclang-rt-22-dev (scripts/install-deps.sh).
#
#   bash scripts/fuzz.sh [RUNS]     default 1000000 inputs; -1 runs forever
#
# ASan against Debian's uninstrumented MLIR needs allow_user_poisoning=0:
# MLIR's BumpPtrAllocator poisons memory that instrumented code then reads
# through uninstrumented paths, a false use-after-poison. malloc_context_size=0
# stops ASan from recording a stack for every allocation (MLIR allocates a
# lot): on the same corpus 454 inputs/s became 700-800 per process; reports
# then lack the allocation's stack, which a rerun of the kept input gives.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${INGOT_FUZZ_BUILD_DIR:-$ROOT/build-fuzz}
RUNS=${1:-1000000}
if [ ! -f "$BUILD/CMakeCache.txt" ]; then
  cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
    -DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DINGOT_BUILD_FUZZERS=ON \
    -DINGOT_BUILD_BENCHMARKS=OFF
fi
flock "${INGOT_BUILD_LOCK:-/tmp/ingot-build.lock}" \
  ninja -C "$BUILD" -j "${INGOT_JOBS:-2}" ingot-import-fuzzer
CORPUS=$BUILD/fuzz-corpus
mkdir -p "$CORPUS"
SEEDS=$ROOT/../shared/conformance
export ASAN_OPTIONS=${ASAN_OPTIONS:-allow_user_poisoning=0:detect_leaks=0:malloc_context_size=0}
# A mutated WHILE can unroll to tens of thousands of operators within the
# importer's budgets (4,096 iterations, 200,000 operators): one such input of
# 41,364 operators takes about 20 s under ASan, so the timeout leaves room for
# the budgets' worst case, and slow inputs get less fuzzing energy so that they
# do not drag the rate down (it fell from about 1,190 to 400 inputs/s without).
exec "$BUILD/bin/ingot-import-fuzzer" -runs="$RUNS" -max_len=65536 \
  -timeout=300 -entropic_scale_per_exec_time=1 -rss_limit_mb=4096 \
  "$CORPUS" "$SEEDS"/*/ "$SEEDS"/ops/*/
