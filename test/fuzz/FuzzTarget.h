//===- FuzzTarget.h - What a hostile model is run through -------*- C++ -*-===//
#ifndef INGOT_TEST_FUZZ_FUZZTARGET_H
#define INGOT_TEST_FUZZ_FUZZTARGET_H

#include <cstddef>
#include <cstdint>

namespace ingot::fuzz {

/// Imports `size` bytes as a .tflite model and, if that succeeds, exports it
/// back to .tflite (aborting if the importer then rejects what the exporter
/// wrote) and lowers it through the whole pipeline to C++ text. Any outcome but
/// a crash, a hang or a sanitizer report is acceptable: errors are expected for
/// most inputs. Returns true when the model compiled.
bool compileUntrustedModel(const uint8_t *data, size_t size);

} // namespace ingot::fuzz

#endif // INGOT_TEST_FUZZ_FUZZTARGET_H
