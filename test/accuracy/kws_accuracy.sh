#!/usr/bin/env bash
# Top-1 accuracy of a keyword-spotting model compiled by ingot.
#
#   test/accuracy/kws_accuracy.sh MODEL.tflite [even|odd|all] [compile flags]
#
# Compiles MODEL with `ingot compile --name kws` into a temporary folder,
# builds kws_accuracy.cpp against the generated kws.h/kws.cpp and runs it on
# datasets/kws, printing e.g. "accuracy: 0.911 (911/1000)". The subset picks
# the samples by index (even indices, odd indices or all of them), so that a
# model calibrated on one half can be measured on the other.
#
# Environment overrides:
#   INGOT        the ingot binary          (default: build/bin/ingot)
#   KWS_DATASET  folder with mfcc_f32.npy and labels.csv
#                                          (default: ../shared/datasets/kws)
#   CXX          the C++ compiler          (default: c++)
set -euo pipefail

if [[ $# -lt 1 ]]; then
  echo "usage: $0 MODEL.tflite [even|odd|all] [ingot compile flags...]" >&2
  exit 2
fi
model=$1
subset=${2:-all}
shift $(($# < 2 ? $# : 2))
# The rest goes to `ingot compile`, e.g. --quantize=int8 --calibration=...
case $subset in
  even | odd | all) ;;
  *)
    echo "error: subset must be even, odd or all, not '$subset'" >&2
    exit 2
    ;;
esac

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
ingot=${INGOT:-$root/build/bin/ingot}
dataset=${KWS_DATASET:-$root/../shared/datasets/kws}
cxx=${CXX:-c++}

for file in "$model" "$ingot" "$dataset/mfcc_f32.npy" "$dataset/labels.csv"; do
  if [[ ! -e $file ]]; then
    echo "error: $file does not exist" >&2
    exit 1
  fi
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$ingot" compile "$model" -o "$work/model" --name kws "$@"
"$cxx" -std=c++17 -O2 -I "$work/model" "$work/model/kws.cpp" \
  "$here/kws_accuracy.cpp" -o "$work/kws_accuracy"
"$work/kws_accuracy" "$dataset/mfcc_f32.npy" "$dataset/labels.csv" "$subset"
