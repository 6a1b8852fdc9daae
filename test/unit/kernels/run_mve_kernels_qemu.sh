#!/usr/bin/env bash
# Builds mve_kernels_qemu.cpp for a Cortex-M55 with the start-up code,
# semihosting and instruction counter of benchmarks/cortex-m (startup.c,
# semihosting.c, counter.c, mps3-an547.ld) and runs it on QEMU's mps3-an547:
# the ingot::mve kernels against the reference kernels with the real MVE
# instructions, then instructions per MAC on layer shapes of the MLPerf Tiny
# models; and again, checks only, built with INGOT_MVE_ASM=0. Exits with 0
# when every check passed, 1 otherwise, or 77 when the cross compiler or QEMU
# is missing.
#
#   bash test/unit/kernels/run_mve_kernels_qemu.sh [OUT_DIR] [-O2|-Os]
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
HARNESS=$ROOT/benchmarks/cortex-m
OUT=${1:-$ROOT/build/cortex-m/mve_kernels}
OPT=${2:--O2}
for tool in arm-none-eabi-g++ arm-none-eabi-gcc qemu-system-arm; do
  if ! command -v "$tool" >/dev/null; then
    echo "skipped: $tool not found" >&2
    exit 77
  fi
done
mkdir -p "$OUT"
CPU=(-mcpu=cortex-m55 -mthumb -mfloat-abi=hard)
WARN=(-Wall -Wextra -Werror -ffunction-sections -fdata-sections)
for c in startup semihosting counter; do
  arm-none-eabi-gcc "${CPU[@]}" -O2 "${WARN[@]}" -c "$HARNESS/$c.c" \
    -o "$OUT/$c.o"
done
# The kernels' assembly, then (checks only) the intrinsics they fall back to.
status=0
for variant in asm intrinsics; do
  defines=()
  if [[ $variant == intrinsics ]]; then
    defines=(-DINGOT_MVE_ASM=0)
  fi
  arm-none-eabi-g++ "${CPU[@]}" "$OPT" -std=c++17 -fno-exceptions -fno-rtti \
    -fno-threadsafe-statics "${WARN[@]}" "${defines[@]}" -I"$HARNESS" \
    -I"$HERE" -I"$ROOT/runtime/include" -c "$HERE/mve_kernels_qemu.cpp" \
    -o "$OUT/mve_kernels_$variant.o"
  arm-none-eabi-g++ "${CPU[@]}" --specs=nano.specs --specs=nosys.specs \
    -nostartfiles -Wl,--gc-sections -L"$HARNESS" -T"$HARNESS/mps3-an547.ld" \
    "$OUT/mve_kernels_$variant.o" "$OUT/startup.o" "$OUT/semihosting.o" \
    "$OUT/counter.o" -o "$OUT/mve_kernels_$variant.elf"
  echo "== ingot::mve kernels, $variant"
  timeout 900 qemu-system-arm -machine mps3-an547 -cpu cortex-m55 \
    -icount shift=0 -semihosting -nographic \
    -kernel "$OUT/mve_kernels_$variant.elf" || status=1
done
exit $status
