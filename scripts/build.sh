#!/usr/bin/env bash
# Configures (once) and builds ingot in build/: Ninja, Release, clang++-22,
# ccache when present. Used by setup.sh and test.sh; safe to rerun, as ninja
# rebuilds only what changed and reruns CMake when a CMakeLists.txt changes.
#
#   INGOT_BUILD_DIR  build folder (default: <repo>/build)
#   INGOT_JOBS       parallel compile jobs (default: 2)
#   INGOT_BUILD_LOCK lock file that serializes builds on a shared machine
#                    (default: /tmp/ingot-build.lock; two -j2 builds on two
#                    cores only slow each other down)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${INGOT_BUILD_DIR:-$ROOT/build}
JOBS=${INGOT_JOBS:-2}
LOCK=${INGOT_BUILD_LOCK:-/tmp/ingot-build.lock}

# Lets a clone in another folder reuse the objects ccache keeps for this one:
# paths under ROOT are hashed relative to the build folder.
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$ROOT}

# The Python module (python/, for the tests and examples/keras_workflow) with
# the virtual environment's Python, where install-deps.sh put nanobind; a
# build folder configured before the package existed gets it too.
python=()
if [ -x "$ROOT/.venv/bin/python" ]; then
  python=(-DINGOT_BUILD_PYTHON=ON -DPython_EXECUTABLE="$ROOT/.venv/bin/python")
fi

if [ -f "$BUILD/CMakeCache.txt" ] && [ "${#python[@]}" -gt 0 ] &&
  ! grep -q '^INGOT_BUILD_PYTHON:BOOL=ON' "$BUILD/CMakeCache.txt"; then
  cmake -S "$ROOT" -B "$BUILD" "${python[@]}"
fi

if [ ! -f "$BUILD/CMakeCache.txt" ]; then
  launcher=()
  if command -v ccache >/dev/null; then
    launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  fi
  cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 "${launcher[@]}" \
    "${python[@]}"
fi

if command -v flock >/dev/null; then
  flock "$LOCK" ninja -C "$BUILD" -j "$JOBS"
else
  ninja -C "$BUILD" -j "$JOBS"
fi
