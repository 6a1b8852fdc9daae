#!/usr/bin/env bash
# Sets ingot up on a fresh Debian 12 machine and shows it working: installs
# the Debian packages ingot needs, configures and builds it in build/
# (Ninja, clang++-22, ccache), generates the bundled example model, compiles
# it to C++ with `ingot compile`, runs it with `ingot run`, and builds the
# example's main.cpp against the generated code.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${INGOT_BUILD_DIR:-$ROOT/build}
INGOT=$BUILD/bin/ingot
EXAMPLE=$ROOT/examples/tiny_classifier
OUT=$BUILD/examples/tiny_classifier

echo "== installing dependencies (scripts/install-deps.sh)"
bash "$ROOT/scripts/install-deps.sh"
echo "== building in $BUILD (scripts/build.sh)"
bash "$ROOT/scripts/build.sh"

echo "== generating the example model (examples/tiny_classifier/make_model.py)"
python3 "$EXAMPLE/make_model.py" --outdir "$EXAMPLE"
"$INGOT" inspect "$EXAMPLE/model.tflite"

echo "== ingot compile -> $OUT/cpp"
rm -rf "$OUT"
"$INGOT" compile "$EXAMPLE/model.tflite" -o "$OUT/cpp" --name tiny_classifier
(cd "$OUT/cpp" && find . -type f | sort | sed 's|^\./|  |')

echo "== ingot run -> $OUT/run"
"$INGOT" run "$EXAMPLE/model.tflite" --input "$EXAMPLE/input0.bin" --outdir "$OUT/run"
echo "  $OUT/run/output0.bin (int8 probabilities, scale 1/256, zero point -128):"
python3 - "$OUT/run/output0.bin" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
print("   ", [round(((b - 256 if b > 127 else b) + 128) / 256, 4) for b in data])
PY

echo "== the generated code in a program (examples/tiny_classifier/main.cpp)"
c++ -std=c++17 -O2 -I "$OUT/cpp" "$EXAMPLE/main.cpp" "$OUT/cpp/tiny_classifier.cpp" \
  -o "$OUT/tiny_classifier"
"$OUT/tiny_classifier" "$EXAMPLE/input0.bin"

cat <<DONE

ingot is built: $INGOT
  example model:   $EXAMPLE/model.tflite
  generated C++:   $OUT/cpp/tiny_classifier.{h,cpp} and its ingot/runtime/ headers
  run output:      $OUT/run/output0.bin
  example program: $OUT/tiny_classifier
Next: bash scripts/test.sh
DONE
