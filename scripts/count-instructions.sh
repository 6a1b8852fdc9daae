#!/usr/bin/env bash
# Counts the instructions one inference of a compiled model executes on this
# machine, with valgrind's callgrind. Only NAME_invoke is counted (init, file
# reading and process start-up are not), so the number is stable from run to
# run and comparable between commits on the same host and compiler. It is an
# x86-64 (or whatever the host is) count, not a microcontroller cycle count.
#
# Usage: scripts/count-instructions.sh MODEL.tflite [INPUT0.bin ...]
#   Inputs are raw little-endian tensors, one per model input in order (as
#   for `ingot run`); without them every input is zero.
# Environment: INGOT (default build/bin/ingot), CXX (default c++),
#   CXXFLAGS (default -O2), KEEP=1 to keep the temporary folder.
set -euo pipefail

if [ "$#" -lt 1 ] || [ "$1" = "-h" ] || [ "$1" = "--help" ]; then
  sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
model=$1
shift

root=$(cd "$(dirname "$0")/.." && pwd)
ingot=${INGOT:-$root/build/bin/ingot}
cxx=${CXX:-c++}
cxxflags=${CXXFLAGS:--O2}
for tool in "$ingot" valgrind "$cxx"; do
  command -v "$tool" >/dev/null || { echo "error: $tool not found" >&2; exit 1; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/ingot-count.XXXXXX")
if [ "${KEEP:-0}" = 1 ]; then
  echo "temporary folder: $work" >&2
else
  trap 'rm -rf "$work"' EXIT
fi

"$ingot" compile "$model" -o "$work/out" --name model

# The header says how many inputs and outputs there are and their C types.
header=$work/out/model.h
inputs=$(grep -c '^#define MODEL_INPUT[0-9]*_ELEMENTS ' "$header")
outputs=$(grep -c '^#define MODEL_OUTPUT[0-9]*_ELEMENTS ' "$header")
if [ "$#" -ne 0 ] && [ "$#" -ne "$inputs" ]; then
  echo "error: the model has $inputs input(s); pass one file per input or none" >&2
  exit 1
fi

# The backslash escapes below are meant for the C++ compiler, not for echo.
# shellcheck disable=SC2028
{
  echo '#include "model.h"'
  echo '#include <cstdio>'
  echo 'alignas(16) static uint8_t arena[MODEL_ARENA_BYTES > 0 ? MODEL_ARENA_BYTES : 1];'
  for ((i = 0; i < inputs; ++i)); do
    echo "static MODEL_INPUT${i}_TYPE input${i}[MODEL_INPUT${i}_ELEMENTS];"
  done
  for ((i = 0; i < outputs; ++i)); do
    echo "static MODEL_OUTPUT${i}_TYPE output${i}[MODEL_OUTPUT${i}_ELEMENTS];"
  done
  echo 'static bool load(const char *path, void *data, size_t bytes) {'
  echo '  FILE *file = std::fopen(path, "rb");'
  echo '  if (!file) return false;'
  echo '  size_t done = std::fread(data, 1, bytes, file);'
  echo '  std::fclose(file);'
  echo '  return done == bytes;'
  echo '}'
  echo 'int main(int argc, char **argv) {'
  for ((i = 0; i < inputs; ++i)); do
    echo "  if (argc > $((i + 1)) && !load(argv[$((i + 1))], input$i, sizeof input$i)) {"
    echo "    std::fprintf(stderr, \"cannot read %s with %zu bytes\\n\", argv[$((i + 1))], sizeof input$i);"
    echo '    return 1;'
    echo '  }'
  done
  echo '  model_init(arena);'
  printf '  model_invoke('
  for ((i = 0; i < inputs; ++i)); do printf 'input%d, ' "$i"; done
  for ((i = 0; i < outputs; ++i)); do printf 'output%d, ' "$i"; done
  echo 'arena);'
  # Keep the outputs observable so that nothing is optimized away.
  echo '  unsigned checksum = 0;'
  for ((i = 0; i < outputs; ++i)); do
    echo "  for (size_t j = 0; j < sizeof output$i; ++j) checksum += reinterpret_cast<const unsigned char *>(output$i)[j];"
  done
  echo '  std::printf("output checksum: %u\n", checksum);'
  echo '  return 0;'
  echo '}'
} > "$work/main.cpp"

# shellcheck disable=SC2086 # CXXFLAGS is a list of flags
"$cxx" -std=c++17 $cxxflags -I "$work/out" "$work/out/model.cpp" \
  "$work/main.cpp" -o "$work/runner"

valgrind --tool=callgrind --toggle-collect=model_invoke \
  --callgrind-out-file="$work/callgrind.out" "$work/runner" "$@" \
  2> "$work/valgrind.log" || {
  cat "$work/valgrind.log" >&2
  exit 1
}
count=$(sed -n 's/^summary: *//p' "$work/callgrind.out")
echo "model: $model"
echo "compiler: $cxx $cxxflags"
echo "instructions in one model_invoke: $count"
