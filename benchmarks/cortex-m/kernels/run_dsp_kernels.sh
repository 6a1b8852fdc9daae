#!/usr/bin/env bash
# Builds dsp_kernels.cpp for a Cortex-M4 or M7 with the benchmark harness's
# startup, semihosting and counter (../startup.c, ../semihosting.c,
# ../counter.c, ../mps2.ld) and runs it on QEMU's mps2-an386 or mps2-an500:
# every ingot::dsp kernel against its reference on randomized shapes, then
# instructions per MAC on typical layers. Exits with the program's status
# (0: all bit-exact), or 77 when the cross compiler or QEMU is missing.
#
#   bash benchmarks/cortex-m/kernels/run_dsp_kernels.sh [OUT_DIR] [-O2|-Os] \
#     [cortex-m4|cortex-m7]
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
HARNESS=$(dirname "$HERE")
ROOT=$(cd "$HARNESS/../.." && pwd)
OUT=${1:-$ROOT/build/cortex-m/dsp_kernels}
OPT=${2:--O2}
TARGET=${3:-cortex-m4}
case "$TARGET" in
  cortex-m4)
    CPU=(-mcpu=cortex-m4 -mthumb -mfpu=fpv4-sp-d16 -mfloat-abi=hard)
    MACHINE=mps2-an386 ;;
  cortex-m7)
    CPU=(-mcpu=cortex-m7 -mthumb -mfpu=fpv5-d16 -mfloat-abi=hard)
    MACHINE=mps2-an500 ;;
  *)
    echo "unknown target $TARGET (cortex-m4 or cortex-m7)" >&2
    exit 2 ;;
esac
for tool in arm-none-eabi-g++ arm-none-eabi-gcc qemu-system-arm; do
  if ! command -v "$tool" >/dev/null; then
    echo "skipped: $tool not found" >&2
    exit 77
  fi
done
mkdir -p "$OUT"
WARN=(-Wall -Wextra -Werror -ffunction-sections -fdata-sections)
for c in startup semihosting counter; do
  arm-none-eabi-gcc "${CPU[@]}" -O2 "${WARN[@]}" -c "$HARNESS/$c.c" \
    -o "$OUT/$c.o"
done
arm-none-eabi-g++ "${CPU[@]}" "$OPT" -std=c++17 -fno-exceptions -fno-rtti \
  "${WARN[@]}" -I"$HARNESS" -I"$ROOT/runtime/include" \
  -c "$HERE/dsp_kernels.cpp" -o "$OUT/dsp_kernels.o"
arm-none-eabi-g++ "${CPU[@]}" --specs=nano.specs --specs=nosys.specs \
  -nostartfiles -Wl,--gc-sections -L"$HARNESS" -T"$HARNESS/mps2.ld" \
  "$OUT/dsp_kernels.o" "$OUT/startup.o" "$OUT/semihosting.o" \
  "$OUT/counter.o" -o "$OUT/dsp_kernels.elf"
exec timeout 600 qemu-system-arm -machine "$MACHINE" -cpu "$TARGET" \
  -icount shift=0 -semihosting -nographic -kernel "$OUT/dsp_kernels.elf"
