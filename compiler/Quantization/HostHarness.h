//===- HostHarness.h - Run generated models on the host ---------*- C++ -*-===//
//
// Calibration and evaluation both measure a model by running its generated
// C++ on this machine. The steps they share live here: a temporary folder,
// the samples copied into one raw file the harness streams, a build of the
// model packages with a generated main.cpp, and a run whose stdout the caller
// parses.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_QUANTIZATION_HOSTHARNESS_H
#define INGOT_QUANTIZATION_HOSTHARNESS_H

#include "Calibration.h"
#include "Target/Cpp/CppPackage.h"

#include "mlir/Support/LLVM.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>
#include <string>
#include <vector>

namespace ingot::quant {

/// A generated model to build into a harness.
struct HarnessModel {
  const CppSources *sources = nullptr;
  /// The symbol prefix the model was generated with, which also names its
  /// files (`NAME.h`, `NAME.cpp`).
  std::string name;
};

/// What one run of a harness left behind.
struct HarnessRun {
  /// The exit status, or -1 if the program could not be run.
  int status = 0;
  /// Everything it printed on stdout.
  std::string output;
  /// Why it could not be run or why it ended, from the operating system.
  std::string message;
};

/// A harness program in a temporary folder. The folder is removed when the
/// object dies, unless a build failed and was kept for inspection. Every
/// message goes to `errors` prefixed with the purpose ("calibration: ...").
class HostHarness {
public:
  HostHarness(llvm::StringRef purpose, llvm::raw_ostream &errors);
  ~HostHarness();
  HostHarness(const HostHarness &) = delete;
  HostHarness &operator=(const HostHarness &) = delete;

  /// Creates the temporary folder ("ingot-PURPOSE-...").
  mlir::LogicalResult create();

  /// Copies the samples of `data` at `indices` (all without them), each
  /// `sampleElements` floats, into `samplesPath()` and returns one name per
  /// sample for messages (see writeCalibrationSamples).
  mlir::FailureOr<std::vector<std::string>>
  writeSamples(const CalibrationData &data, int64_t sampleElements,
               const std::optional<std::vector<size_t>> &indices);
  std::string samplesPath() const { return file("samples.bin"); }

  /// Writes each model's package into a folder of its own, `mainSource` as
  /// main.cpp, and builds them into one program with
  /// `compiler -std=c++17 -O2`. A failed build keeps the folder and reports
  /// the compiler's output.
  mlir::LogicalResult build(llvm::ArrayRef<HarnessModel> models,
                            llvm::StringRef mainSource,
                            llvm::StringRef compiler);

  /// Runs the built program with `arguments`. Its stdout is captured; its
  /// stderr stays the caller's, for progress bars.
  HarnessRun run(llvm::ArrayRef<std::string> arguments);

  /// The message of the first "error <message>" line a harness printed.
  static std::optional<std::string> errorLine(llvm::StringRef output);

  llvm::raw_ostream &errors() { return errorStream; }

private:
  std::string file(llvm::StringRef name) const;

  std::string purpose;
  llvm::raw_ostream &errorStream;
  llvm::SmallString<128> folder;
  bool keep = false;
};

/// C++ text for a harness's main.cpp: the standard headers harnesses use and
/// a `Progress` bar, `Progress{"label", total}.update(done)`, drawn on stderr
/// only when stderr is a terminal.
llvm::StringRef harnessSupportSource();

} // namespace ingot::quant

#endif // INGOT_QUANTIZATION_HOSTHARNESS_H
