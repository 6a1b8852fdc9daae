//===- import_fuzzer.cpp - libFuzzer entry point --------------------------===//
//
// Built and run by scripts/fuzz.sh (-DINGOT_BUILD_FUZZERS=ON, clang,
// libclang-rt-22-dev), seeded with every conformance model.
//
//===----------------------------------------------------------------------===//
#include "FuzzTarget.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  ingot::fuzz::compileUntrustedModel(data, size);
  return 0;
}
