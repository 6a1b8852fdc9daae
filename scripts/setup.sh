#!/usr/bin/env bash
# Sets ingot up on a fresh Debian 12 machine and shows the whole flow on a
# model the project trains itself: installs the Debian packages ingot needs,
# configures and builds it in build/ (Ninja, clang++-22, ccache), then runs
# examples/fashion_mnist/run_example.sh: trains a small CNN on Fashion-MNIST
# with numpy (about 30 s), quantizes it with `ingot quantize` (dynamic and
# int8), compiles each model to C++ with `ingot compile`, and prints each
# one's size, arena, accuracy and latency.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${INGOT_BUILD_DIR:-$ROOT/build}
OUT=$BUILD/examples/fashion_mnist

echo "== installing dependencies (scripts/install-deps.sh)"
bash "$ROOT/scripts/install-deps.sh"
echo "== building in $BUILD (scripts/build.sh)"
bash "$ROOT/scripts/build.sh"

echo "== the example: train, quantize, compile, run (examples/fashion_mnist/run_example.sh)"
bash "$ROOT/examples/fashion_mnist/run_example.sh" --outdir "$OUT"

echo "== the TensorFlow workflow: Keras, TFLite's converter and ingot's, side by side (examples/keras_workflow)"
PYTHONPATH="$BUILD/python" "$ROOT/.venv/bin/python" \
  "$ROOT/examples/keras_workflow/workflow.py" --outdir "$BUILD/examples/keras_workflow"

cat <<DONE

ingot is built: $BUILD/bin/ingot
  trained model:   $OUT/model.tflite (float32), model_dynamic.tflite, model_int8.tflite
  generated C++:   $OUT/{float,dynamic,int8}/cpp/fashion.{h,cpp} and their ingot/runtime/ headers
  test programs:   $OUT/{float,dynamic,int8}/evaluate (examples/fashion_mnist/evaluate.cpp)
  the table above: $OUT/table.md
  Keras workflow:  $BUILD/examples/keras_workflow/results.json (the last table)
Next: bash scripts/test.sh
DONE
