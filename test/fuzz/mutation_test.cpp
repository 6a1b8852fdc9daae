//===- mutation_test.cpp - Deterministic hostile-input test ---------------===//
//
// This file implements a fuzz test that runs in every CI build without a
// fuzzing engine: each seed model is damaged in many reproducible ways
// (truncation, bit flips, overwritten bytes and 32-bit fields set to
// boundary values such as -1, 0 and INT32_MAX, which hit offsets, counts,
// tensor indices and shapes behind the flatbuffer verifier) and compiled.
// The test passes when the process survives every variant; a crash, an
// assertion or a hang fails it.
//
// Usage: ingot-mutation-test ITERATIONS_PER_SEED SEED.tflite...
//
//===----------------------------------------------------------------------===//
#include "FuzzTarget.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <vector>

namespace {

/// A small fixed-seed generator: the same damage on every run and machine.
struct SplitMix64 {
  uint64_t state;
  uint64_t next() {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  size_t below(size_t bound) { return bound ? next() % bound : 0; }
};

std::vector<uint8_t> damage(const std::vector<uint8_t> &seed, SplitMix64 &rng) {
  std::vector<uint8_t> bytes = seed;
  static const int32_t kBoundaries[] = {
      -1, 0, 1, 2, 0x7fffffff, -0x7fffffff - 1, 0x10000, 255, 256, 65535};
  switch (rng.below(4)) {
  case 0:
    bytes.resize(rng.below(bytes.size()));
    break;
  case 1:
    for (int flips = 1 + rng.below(8); flips > 0; --flips)
      bytes[rng.below(bytes.size())] ^= uint8_t(1u << rng.below(8));
    break;
  case 2:
    for (int writes = 1 + rng.below(8); writes > 0; --writes)
      bytes[rng.below(bytes.size())] = uint8_t(rng.next());
    break;
  default: {
    // Flatbuffer scalars and offsets are 4-byte aligned little-endian words.
    for (int writes = 1 + rng.below(4); writes > 0; --writes) {
      size_t at = rng.below(bytes.size() / 4) * 4;
      int32_t value = kBoundaries[rng.below(std::size(kBoundaries))];
      if (at + 4 <= bytes.size())
        std::memcpy(&bytes[at], &value, 4);
    }
    break;
  }
  }
  return bytes;
}

} // namespace

int main(int argc, char **argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s ITERATIONS SEED.tflite...\n", argv[0]);
    return 2;
  }
  long iterations = std::strtol(argv[1], nullptr, 10);
  unsigned compiled = 0, rejected = 0;
  for (int arg = 2; arg < argc; ++arg) {
    std::ifstream file(argv[arg], std::ios::binary);
    std::vector<uint8_t> seed((std::istreambuf_iterator<char>(file)),
                              std::istreambuf_iterator<char>());
    if (seed.empty()) {
      std::fprintf(stderr, "cannot read seed %s\n", argv[arg]);
      return 2;
    }
    SplitMix64 rng{static_cast<uint64_t>(arg) * 7919u};
    for (long i = 0; i < iterations; ++i) {
      std::vector<uint8_t> variant = damage(seed, rng);
      // Set INGOT_MUTATION_LAST to keep the variant being compiled, so that a
      // crash leaves its input behind for `ingot compile`.
      if (const char *keep = std::getenv("INGOT_MUTATION_LAST")) {
        std::ofstream last(keep, std::ios::binary | std::ios::trunc);
        last.write(reinterpret_cast<const char *>(variant.data()),
                   static_cast<std::streamsize>(variant.size()));
      }
      if (ingot::fuzz::compileUntrustedModel(variant.data(), variant.size()))
        ++compiled;
      else
        ++rejected;
    }
  }
  std::printf("%u variants compiled, %u rejected with an error, 0 crashed\n",
              compiled, rejected);
  return 0;
}
