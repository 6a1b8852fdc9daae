//===- HostHarness.cpp - Run generated models on the host -----------------===//
//
// This file implements the host harness shared by calibration and
// evaluation: the temporary folder, the raw samples file, the build of one or
// more model packages with a generated main.cpp, and the run.
//
//===----------------------------------------------------------------------===//
#include "HostHarness.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

using namespace llvm;

namespace ingot::quant {

HostHarness::HostHarness(StringRef purpose, raw_ostream &errors)
    : purpose(purpose.str()), errorStream(errors) {}

HostHarness::~HostHarness() {
  if (!folder.empty() && !keep)
    sys::fs::remove_directories(folder);
}

std::string HostHarness::file(StringRef name) const {
  SmallString<128> result(folder);
  sys::path::append(result, name);
  return std::string(result);
}

mlir::LogicalResult HostHarness::create() {
  if (std::error_code error =
          sys::fs::createUniqueDirectory("ingot-" + purpose, folder)) {
    errorStream << purpose
                << ": cannot create a temporary folder: " << error.message()
                << "\n";
    return mlir::failure();
  }
  return mlir::success();
}

mlir::FailureOr<std::vector<std::string>>
HostHarness::writeSamples(const CalibrationData &data, int64_t sampleElements,
                          const std::optional<std::vector<size_t>> &indices) {
  std::string path = samplesPath();
  std::error_code error;
  raw_fd_ostream samples(path, error);
  if (error) {
    errorStream << purpose << ": cannot write " << path << ": "
                << error.message() << "\n";
    return mlir::failure();
  }
  Expected<std::vector<std::string>> written =
      writeCalibrationSamples(data, sampleElements, indices, samples);
  if (!written) {
    errorStream << purpose << ": " << toString(written.takeError()) << "\n";
    return mlir::failure();
  }
  samples.close();
  if (samples.has_error()) {
    errorStream << purpose << ": cannot write " << path << ": "
                << samples.error().message() << "\n";
    samples.clear_error();
    return mlir::failure();
  }
  return std::move(*written);
}

mlir::LogicalResult HostHarness::build(ArrayRef<HarnessModel> models,
                                       StringRef mainSource,
                                       StringRef compiler) {
  auto compilerPath = sys::findProgramByName(compiler);
  if (!compilerPath) {
    errorStream << purpose << ": cannot find the C++ compiler '" << compiler
                << "'\n";
    return mlir::failure();
  }

  // Each package gets a folder of its own under models/, so that no model
  // name collides with the harness's files or another model's.
  std::vector<std::string> includeFlags, modelSources;
  for (const HarnessModel &model : models) {
    SmallString<128> package(file("models"));
    sys::path::append(package, model.name);
    if (failed(
            writeCppPackage(*model.sources, package, model.name, errorStream)))
      return mlir::failure();
    includeFlags.push_back("-I" + std::string(package));
    SmallString<128> source(package);
    sys::path::append(source, model.name + ".cpp");
    modelSources.push_back(std::string(source));
  }
  std::string harness = file("main.cpp");
  {
    std::error_code error;
    raw_fd_ostream os(harness, error);
    if (!error) {
      os << mainSource;
      os.close();
      error = os.error();
    }
    if (error) {
      errorStream << purpose << ": cannot write " << harness << ": "
                  << error.message() << "\n";
      return mlir::failure();
    }
  }

  std::string program = file("harness");
  std::string buildLog = file("build.log");
  SmallVector<StringRef> arguments = {*compilerPath, "-std=c++17", "-O2"};
  for (const std::string &flag : includeFlags)
    arguments.push_back(flag);
  for (const std::string &source : modelSources)
    arguments.push_back(source);
  arguments.append({harness, "-o", program});
  std::optional<StringRef> redirects[] = {StringRef(), StringRef(buildLog),
                                          StringRef(buildLog)};
  std::string message;
  if (sys::ExecuteAndWait(*compilerPath, arguments, std::nullopt, redirects, 0,
                          0, &message) != 0) {
    keep = true;
    errorStream << purpose << ": building the model with " << *compilerPath
                << " failed" << (message.empty() ? "" : ": " + message)
                << " (build folder: " << folder << ")\n";
    if (auto log = MemoryBuffer::getFile(buildLog))
      errorStream << (*log)->getBuffer();
    return mlir::failure();
  }
  return mlir::success();
}

HarnessRun HostHarness::run(ArrayRef<std::string> arguments) {
  std::string program = file("harness");
  std::string resultsPath = file("results.txt");
  SmallVector<StringRef> argv = {program};
  for (const std::string &argument : arguments)
    argv.push_back(argument);
  std::optional<StringRef> redirects[] = {StringRef(), StringRef(resultsPath),
                                          std::nullopt};
  HarnessRun result;
  result.status = sys::ExecuteAndWait(program, argv, std::nullopt, redirects, 0,
                                      0, &result.message);
  if (auto output = MemoryBuffer::getFile(resultsPath))
    result.output = (*output)->getBuffer().str();
  return result;
}

std::optional<std::string> HostHarness::errorLine(StringRef output) {
  SmallVector<StringRef> lines;
  output.split(lines, '\n', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  for (StringRef line : lines)
    if (line.consume_front("error "))
      return line.str();
  return std::nullopt;
}

StringRef harnessSupportSource() {
  return R"cpp(#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <type_traits>
#include <vector>
#if defined(__unix__) || defined(__APPLE__)
#include <unistd.h>
static bool stderrIsTerminal() { return isatty(2); }
#else
static bool stderrIsTerminal() { return false; }
#endif

struct Progress {
  const char *label;
  long total;
  bool shown = stderrIsTerminal();
  long step = total / 200 > 0 ? total / 200 : 1;
  void update(long done) {
    if (!shown || (done % step != 0 && done != total))
      return;
    const int width = 30;
    int filled = static_cast<int>(done * width / total);
    std::fprintf(stderr, "\r%s [%.*s%*s] %ld/%ld", label, filled,
                 "##############################", width - filled, "", done,
                 total);
    if (done == total)
      std::fputc('\n', stderr);
    std::fflush(stderr);
  }
};

)cpp";
}

} // namespace ingot::quant
