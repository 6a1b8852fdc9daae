//===- import_fuzzer.cpp - libFuzzer entry point --------------------------===//
//
// Build with -DINGOT_BUILD_FUZZERS=ON (clang, libclang-rt-22-dev) and run
// e.g. `build/bin/ingot-import-fuzzer -max_total_time=600 CORPUS_DIR`, with
// the conformance models copied into CORPUS_DIR as seeds.
//
//===----------------------------------------------------------------------===//
#include "FuzzTarget.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  ingot::fuzz::compileUntrustedModel(data, size);
  return 0;
}
