#!/usr/bin/env bash
# Runs the whole ingot flow on a model the project trains itself, and prints
# what each quantization mode costs and keeps:
#
#   train.py (numpy)           -> model.tflite (float32) + test and calibration data
#   ingot quantize dynamic     -> model_dynamic.tflite (int8 weights, float activations)
#   ingot quantize int8        -> model_int8.tflite (calibrated on calibration_f32.npy)
#   for each: ingot compile -> C++, built with evaluate.cpp for this machine
#             (accuracy and latency on the test set) and for a Cortex-M4 (flash)
#
# Usage: bash examples/fashion_mnist/run_example.sh [options] [-- train.py options]
#   --outdir DIR    where everything goes (default: build/examples/fashion_mnist)
#   --count N       evaluate the first N test images (default: all 10,000)
#   --reuse-model   skip training if DIR/model.tflite exists
#   --check A       exit 1 if any mode's accuracy is below A, or if (with all
#                   test images) the float model's is not within 0.005 of numpy's
# Needs a built ingot (scripts/build.sh), /usr/bin/python3 with numpy,
# dataset-fashion-mnist, flatc, c++ and arm-none-eabi-g++ (scripts/install-deps.sh).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUILD=${INGOT_BUILD_DIR:-$ROOT/build}
INGOT=${INGOT:-$BUILD/bin/ingot}
PYTHON=${NUMPY_PYTHON:-/usr/bin/python3}   # Debian's python, which has numpy
CXX=${CXX:-c++}
OUT=$BUILD/examples/fashion_mnist
COUNT=""
REUSE=0
CHECK=""
while [ $# -gt 0 ]; do
  case $1 in
    --outdir) OUT=$2; shift 2 ;;
    --count) COUNT=$2; shift 2 ;;
    --reuse-model) REUSE=1; shift ;;
    --check) CHECK=$2; shift 2 ;;
    --) shift; break ;;
    *) echo "error: unknown option $1 (see the comment at the top of $0)" >&2; exit 2 ;;
  esac
done
# The same flags as scripts/measure.py: code and weights for a Cortex-M4.
CORTEX_M4=(-std=c++17 -mcpu=cortex-m4 -mthumb -Os -fno-exceptions -fno-rtti)

mkdir -p "$OUT"
if [ "$REUSE" -eq 1 ] && [ -f "$OUT/model.tflite" ]; then
  echo "== reusing $OUT/model.tflite"
else
  echo "== training (examples/fashion_mnist/train.py)"
  "$PYTHON" "$HERE/train.py" --outdir "$OUT" "$@"
fi

echo "== ingot quantize --quantize=dynamic"
"$INGOT" quantize "$OUT/model.tflite" --quantize=dynamic -o "$OUT/model_dynamic.tflite"
echo "== ingot quantize --quantize=int8 --calibration=calibration_f32.npy"
"$INGOT" quantize "$OUT/model.tflite" --quantize=int8 \
  --calibration="$OUT/calibration_f32.npy" -o "$OUT/model_int8.tflite"

rows=()
failed=0
for mode in float dynamic int8; do
  case $mode in
    float) model=$OUT/model.tflite ;;
    *) model=$OUT/model_$mode.tflite ;;
  esac
  dir=$OUT/$mode
  rm -rf "$dir"
  echo "== $mode: ingot compile -> $dir/cpp, evaluate.cpp, Cortex-M4 object"
  "$INGOT" compile "$model" -o "$dir/cpp" --name fashion
  "$CXX" -std=c++17 -O2 -I "$dir/cpp" "$HERE/evaluate.cpp" "$dir/cpp/fashion.cpp" \
    -o "$dir/evaluate"
  result=$("$dir/evaluate" "$OUT/test_f32.npy" "$OUT/test_labels.csv" $COUNT)
  echo "$result" | sed 's/^/  /'
  accuracy=$(echo "$result" | sed -n 's/^accuracy: \([0-9.]*\).*/\1/p')
  latency=$(echo "$result" | sed -n 's/^latency_us: //p')
  arm-none-eabi-g++ "${CORTEX_M4[@]}" -I "$dir/cpp" -c "$dir/cpp/fashion.cpp" \
    -o "$dir/fashion_m4.o"
  flash=$(arm-none-eabi-size -A "$dir/fashion_m4.o" |
    awk '$1 ~ /^\.(text|rodata)/ { bytes += $2 } END { print bytes }')
  arena=$("$INGOT" inspect --json "$model" |
    sed -n 's/.*"arena_bytes": *\([0-9]*\).*/\1/p')
  rows+=("| $mode | $(stat -c %s "$model") | $flash | $arena | $accuracy | $latency |")
  if [ -n "$CHECK" ] && awk -v a="$accuracy" -v m="$CHECK" 'BEGIN { exit !(a < m) }'; then
    echo "  FAIL: accuracy $accuracy is below $CHECK"
    failed=1
  fi
  if [ "$mode" = float ]; then float_accuracy=$accuracy; fi
done

numpy_accuracy=$(sed -n 's/.*"numpy_test_accuracy": *\([0-9.]*\).*/\1/p' "$OUT/training.json")
if [ -n "$CHECK" ] && [ -z "$COUNT" ] &&
  awk -v a="$float_accuracy" -v n="$numpy_accuracy" 'BEGIN { d = a - n; exit !(d > 0.005 || d < -0.005) }'; then
  echo "FAIL: the compiled float model's accuracy $float_accuracy is not numpy's $numpy_accuracy"
  failed=1
fi

images=$(echo "$result" | sed -n 's/^accuracy: .*\/\([0-9]*\))$/\1/p')
{
  echo "| mode | model bytes (.tflite) | flash bytes (M4 -Os .text+.rodata) | arena bytes | accuracy ($images test images) | latency µs (host, -O2) |"
  echo "|---|---:|---:|---:|---:|---:|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "numpy's float accuracy on all 10,000 test images: $numpy_accuracy" \
    "(training: $(sed -n 's/.*"seconds": *\([0-9.]*\).*/\1/p' "$OUT/training.json") s)."
  echo "Measured $(date +%F) on $(uname -m) Linux, $(nproc) cores (shared: latency is noisy)."
} > "$OUT/table.md"
echo
cat "$OUT/table.md"
exit $failed
