#!/usr/bin/env bash
# Installs everything ingot needs to build and test, from Debian's packages only.
# MLIR 22 is named explicitly: Debian allows one libmlir version at a time.
# python3-numpy and dataset-fashion-mnist are for examples/fashion_mnist (the
# model setup.sh trains; the idx files land in /usr/share/datasets/fashion-mnist).
# chromium and python3-pil are for test/report: the report page loaded headless,
# its screenshot read back. python3-dev and git are for the Python package
# (its native module; the pip install test clones the repository).
set -euo pipefail
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
PACKAGES=(
  build-essential cmake ninja-build ccache python3
  llvm-22-dev libmlir-22-dev mlir-22-tools llvm-22-tools clang-22
  libflatbuffers-dev flatbuffers-compiler
  libgtest-dev libgmock-dev libbenchmark-dev
  gcc-arm-none-eabi libnewlib-arm-none-eabi libstdc++-arm-none-eabi-newlib binutils-arm-none-eabi
  qemu-system-arm
  python3-venv python3-dev git libclang-rt-22-dev
  python3-numpy dataset-fashion-mnist
  chromium python3-pil
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Python packages from PyPI (pinned in scripts/requirements-test.txt) in a
# virtual environment of the repository's own, .venv/ (INGOT_VENV to move
# it): TensorFlow Lite Micro's interpreter for the differential tests.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV=${INGOT_VENV:-$ROOT/.venv}
REQUIREMENTS=$ROOT/scripts/requirements-test.txt
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
if ! cmp -s "$REQUIREMENTS" "$VENV/.requirements-installed"; then
  "$VENV/bin/pip" install --quiet -r "$REQUIREMENTS"
  cp "$REQUIREMENTS" "$VENV/.requirements-installed"
fi
