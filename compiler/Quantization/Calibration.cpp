//===- Calibration.cpp - Activation ranges from a float model run ---------===//
//
// This file implements the calibration runner. The model's generated C++ is
// written to a temporary folder with a harness main.cpp, built with the host
// compiler, and run once over the samples (copied into one raw file). The
// harness prints each output's min and max, and for percentile calibration
// runs the samples a second time to fill a histogram over that span, whose
// non-empty bins it prints too. This side parses the lines and reads the
// percentiles off the histograms.
//
//===----------------------------------------------------------------------===//
#include "Calibration.h"

#include "ActivationQuantization.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

#include <algorithm>
#include <cmath>

using namespace llvm;

namespace ingot::quant {

size_t histogramBin(float value, float min, float max, size_t bins) {
  // Keep this expression identical to `binOf` in the harness below.
  double position = (static_cast<double>(value) - min) /
                    (static_cast<double>(max) - min) * bins;
  if (!(max > min) || !(position > 0))
    return 0;
  return position >= bins ? bins - 1 : static_cast<size_t>(position);
}

TensorRange percentileRange(const Histogram &histogram, double percentile) {
  const std::vector<uint64_t> &counts = histogram.counts;
  uint64_t total = 0;
  for (uint64_t count : counts)
    total += count;
  if (total == 0 || !(histogram.max > histogram.min))
    return {histogram.min, histogram.max};
  // Values each end may lose. Rounded down, so that percentile 100 (and any
  // tail shorter than one value) keeps everything.
  uint64_t clipped = static_cast<uint64_t>(
      std::floor(static_cast<double>(total) * (100.0 - percentile) / 100.0));

  size_t bins = counts.size();
  size_t low = 0, high = bins - 1;
  for (uint64_t seen = 0; low < bins; ++low) {
    seen += counts[low];
    if (seen > clipped)
      break;
  }
  for (uint64_t seen = 0; high > 0; --high) {
    seen += counts[high];
    if (seen > clipped)
      break;
  }
  double width = (static_cast<double>(histogram.max) - histogram.min) / bins;
  float lowEdge = static_cast<float>(histogram.min + low * width);
  float highEdge = static_cast<float>(histogram.min + (high + 1) * width);
  return {std::max(lowEdge, histogram.min), std::min(highEdge, histogram.max)};
}

TensorRange mseRange(const Histogram &histogram) {
  if (!(histogram.max > histogram.min))
    return {histogram.min, histogram.max};
  const size_t bins = histogram.counts.size();
  const double width =
      (static_cast<double>(histogram.max) - histogram.min) / bins;
  // The populated bins, as (center, count).
  std::vector<std::pair<double, double>> mass;
  for (size_t i = 0; i < bins; ++i)
    if (histogram.counts[i] > 0)
      mass.push_back({histogram.min + (i + 0.5) * width,
                      static_cast<double>(histogram.counts[i])});
  // Expected squared error of quantizing the data with the int8 parameters
  // ingot would choose for [low, high], clipping included.
  auto error = [&](float low, float high) {
    AffineParams params = chooseInt8Params(low, high);
    double total = 0.0;
    for (auto [center, count] : mass) {
      double level = std::round(center / params.scale) + params.zeroPoint;
      level = std::clamp(level, -128.0, 127.0);
      double restored = (level - params.zeroPoint) * params.scale;
      total += count * (center - restored) * (center - restored);
    }
    return total;
  };
  // Shrink each end towards 0 over a grid; the range always keeps 0.
  constexpr int kSteps = 40;
  TensorRange best{histogram.min, histogram.max};
  double bestError = error(best.min, best.max);
  for (int a = 0; a <= kSteps; ++a) {
    float low = histogram.min * (1.0f - 0.9f * a / kSteps);
    if (histogram.min >= 0 && a > 0)
      break;
    for (int b = 0; b <= kSteps; ++b) {
      float high = histogram.max * (1.0f - 0.9f * b / kSteps);
      if (histogram.max <= 0 && b > 0)
        break;
      double candidate = error(low, high);
      if (candidate < bestError) {
        bestError = candidate;
        best = {low, high};
      }
    }
  }
  return best;
}

namespace {

/// The generated main(): `runner SAMPLES COUNT BINS` feeds COUNT samples of
/// SAMPLES to the model and prints, on stdout,
///   range <output> <min> <max>           for every output, then with BINS > 0
///   bin <output> <bin> <count>           for every non-empty histogram bin.
/// Problems are printed as "error <message>" or, for a NaN or infinite output
/// value, "nonfinite <output> <sample>".
std::string harnessSource(StringRef name, ArrayRef<int64_t> outputElements,
                          int64_t inputElements) {
  std::string text;
  raw_string_ostream os(text);
  std::string upper = name.upper();
  size_t outputs = outputElements.size();
  os << "// Calibration harness generated by ingot.\n"
     << "#include \"" << name << ".h\"\n"
     << R"cpp(#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <type_traits>
#include <vector>
#if defined(__unix__) || defined(__APPLE__)
#include <unistd.h>
static bool stderrIsTerminal() { return isatty(2); }
#else
static bool stderrIsTerminal() { return false; }
#endif

)cpp";
  // The model must be what calibrate() was told it is.
  os << "static_assert(std::is_same<" << upper
     << "_INPUT0_TYPE, float>::value, \"calibration needs a float32 "
        "input\");\n"
     << "static_assert(" << upper << "_INPUT0_ELEMENTS == " << inputElements
     << ", \"input 0 does not have the element count calibrate() was "
        "given\");\n"
     << "#ifdef " << upper << "_INPUT1_ELEMENTS\n"
     << "#error \"calibration needs a model with one input\"\n#endif\n";
  for (size_t i = 0; i < outputs; ++i)
    os << "static_assert(std::is_same<" << upper << "_OUTPUT" << i
       << "_TYPE, float>::value, \"calibration needs float32 outputs\");\n"
       << "static_assert(" << upper << "_OUTPUT" << i
       << "_ELEMENTS == " << outputElements[i] << ", \"output " << i
       << " does not have the element count calibrate() was given\");\n";
  os << "#ifdef " << upper << "_OUTPUT" << outputs << "_ELEMENTS\n"
     << "#error \"the model has more outputs than calibration was told\"\n"
     << "#endif\n\n";

  os << "alignas(16) static uint8_t arena[" << upper << "_ARENA_BYTES > 0 ? "
     << upper << "_ARENA_BYTES : 1];\n"
     << "alignas(16) static float input[" << inputElements << "];\n";
  for (size_t i = 0; i < outputs; ++i)
    os << "alignas(16) static float output" << i << "[" << outputElements[i]
       << "];\n";
  os << "static float *const outputs[] = {";
  for (size_t i = 0; i < outputs; ++i)
    os << (i ? ", " : "") << "output" << i;
  os << "};\nstatic const long elements[] = {";
  for (size_t i = 0; i < outputs; ++i)
    os << (i ? ", " : "") << outputElements[i];
  os << "};\nconst int kOutputs = " << outputs << ";\n\n";

  os << "static bool invokeNext(FILE *file) {\n"
     << "  if (std::fread(input, sizeof input, 1, file) != 1)\n"
     << "    return false;\n"
     << "  " << name << "_init(arena);\n"
     << "  " << name << "_invoke(input, ";
  for (size_t i = 0; i < outputs; ++i)
    os << "output" << i << ", ";
  os << "arena);\n  return true;\n}\n";

  os << R"cpp(
// Same expression as ingot::quant::histogramBin.
static long binOf(float value, float min, float max, long bins) {
  double position = (static_cast<double>(value) - min) /
                    (static_cast<double>(max) - min) * bins;
  if (!(max > min) || !(position > 0))
    return 0;
  return position >= bins ? bins - 1 : static_cast<long>(position);
}

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

int main(int argc, char **argv) {
  if (argc != 4) {
    std::printf("error usage: %s SAMPLES COUNT BINS\n", argv[0]);
    return 2;
  }
  long count = std::atol(argv[2]), bins = std::atol(argv[3]);
  FILE *file = std::fopen(argv[1], "rb");
  if (!file) {
    std::printf("error cannot open %s\n", argv[1]);
    return 1;
  }
  std::vector<float> lo(kOutputs, INFINITY), hi(kOutputs, -INFINITY);
  Progress ranges{bins > 0 ? "calibrating (1/2: ranges)" : "calibrating",
                  count};
  for (long sample = 0; sample < count; ++sample) {
    if (!invokeNext(file)) {
      std::printf("error %s ends after %ld samples\n", argv[1], sample);
      return 1;
    }
    for (int o = 0; o < kOutputs; ++o) {
      for (long e = 0; e < elements[o]; ++e) {
        float value = outputs[o][e];
        if (!std::isfinite(value)) {
          std::printf("nonfinite %d %ld\n", o, sample);
          return 3;
        }
        lo[o] = value < lo[o] ? value : lo[o];
        hi[o] = value > hi[o] ? value : hi[o];
      }
    }
    ranges.update(sample + 1);
  }
  for (int o = 0; o < kOutputs; ++o)
    std::printf("range %d %.9g %.9g\n", o, lo[o], hi[o]);
  if (bins <= 0)
    return 0;

  std::vector<unsigned long long> counts(kOutputs * bins);
  std::rewind(file);
  Progress histograms{"calibrating (2/2: histograms)", count};
  for (long sample = 0; sample < count; ++sample) {
    if (!invokeNext(file)) {
      std::printf("error %s ends after %ld samples\n", argv[1], sample);
      return 1;
    }
    for (int o = 0; o < kOutputs; ++o)
      for (long e = 0; e < elements[o]; ++e)
        ++counts[o * bins + binOf(outputs[o][e], lo[o], hi[o], bins)];
    histograms.update(sample + 1);
  }
  for (int o = 0; o < kOutputs; ++o)
    for (long b = 0; b < bins; ++b)
      if (counts[o * bins + b])
        std::printf("bin %d %ld %llu\n", o, b, counts[o * bins + b]);
  return 0;
}
)cpp";
  return text;
}

/// A temporary folder that is removed when calibration ends, unless it holds
/// a failed build worth looking at.
struct BuildFolder {
  SmallString<128> path;
  bool keep = false;
  ~BuildFolder() {
    if (!path.empty() && !keep)
      sys::fs::remove_directories(path);
  }
  std::string file(StringRef name) const {
    SmallString<128> result(path);
    sys::path::append(result, name);
    return std::string(result);
  }
};

LogicalResult writeTextFile(StringRef path, StringRef text,
                            raw_ostream &errors) {
  std::error_code error;
  raw_fd_ostream os(path, error);
  if (!error) {
    os << text;
    os.close();
    error = os.error();
  }
  if (error) {
    errors << "calibration: cannot write " << path << ": " << error.message()
           << "\n";
    return failure();
  }
  return success();
}

/// Explains why the harness exited with `status`: from the error it printed
/// on `output` if there is one.
void reportHarnessFailure(StringRef output, int status, StringRef message,
                          ArrayRef<std::string> sampleNames,
                          raw_ostream &errors) {
  SmallVector<StringRef> lines;
  output.split(lines, '\n', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  for (StringRef line : lines) {
    if (line.consume_front("error ")) {
      errors << "calibration: " << line << "\n";
      return;
    }
    size_t outputIndex = 0, sample = 0;
    if (line.consume_front("nonfinite ") &&
        !line.split(' ').first.getAsInteger(10, outputIndex) &&
        !line.split(' ').second.getAsInteger(10, sample) &&
        sample < sampleNames.size()) {
      errors << "calibration: model output " << outputIndex
             << " is NaN or infinite on sample " << sampleNames[sample]
             << "; a float model must stay finite on its calibration data\n";
      return;
    }
  }
  errors << "calibration: the harness exited with status " << status
         << (message.empty() ? "" : ": ") << message << "\n";
}

/// Reads the harness's "range" and "bin" lines into per-output histograms.
LogicalResult parseResults(StringRef output, size_t outputs, size_t bins,
                           std::vector<Histogram> &histograms,
                           raw_ostream &errors) {
  histograms.assign(outputs, Histogram());
  for (Histogram &histogram : histograms)
    histogram.counts.assign(bins, 0);
  std::vector<bool> haveRange(outputs, false);
  SmallVector<StringRef> lines;
  output.split(lines, '\n', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  for (StringRef line : lines) {
    SmallVector<StringRef, 4> fields;
    line.split(fields, ' ');
    size_t index = 0, bin = 0;
    double min = 0, max = 0;
    uint64_t count = 0;
    if (fields.size() == 4 && fields[0] == "range" &&
        !fields[1].getAsInteger(10, index) && index < outputs &&
        !fields[2].getAsDouble(min) && !fields[3].getAsDouble(max)) {
      histograms[index].min = static_cast<float>(min);
      histograms[index].max = static_cast<float>(max);
      haveRange[index] = true;
    } else if (fields.size() == 4 && fields[0] == "bin" &&
               !fields[1].getAsInteger(10, index) && index < outputs &&
               !fields[2].getAsInteger(10, bin) && bin < bins &&
               !fields[3].getAsInteger(10, count)) {
      histograms[index].counts[bin] = count;
    } else {
      errors << "calibration: cannot parse the harness output line '" << line
             << "'\n";
      return failure();
    }
  }
  if (llvm::is_contained(haveRange, false)) {
    errors << "calibration: the harness did not report every output's "
              "range\n";
    return failure();
  }
  return success();
}

} // namespace

FailureOr<std::vector<TensorRange>>
calibrate(const CppSources &sources, StringRef modelName,
          ArrayRef<int64_t> outputElementCounts, int64_t inputElements,
          const CalibrationData &data, CalibrationMethod method,
          raw_ostream &errors, StringRef compiler,
          std::optional<std::vector<size_t>> sampleIndices, double percentile) {
  if (outputElementCounts.empty() || inputElements <= 0) {
    errors << "calibration: the model needs an input and at least one "
              "output\n";
    return failure();
  }
  if (method == CalibrationMethod::Percentile &&
      !(percentile > 50 && percentile <= 100)) {
    errors << "calibration: the percentile must be in (50, 100], not "
           << percentile << "\n";
    return failure();
  }
  auto compilerPath = sys::findProgramByName(compiler);
  if (!compilerPath) {
    errors << "calibration: cannot find the C++ compiler '" << compiler
           << "'\n";
    return failure();
  }

  BuildFolder folder;
  if (std::error_code error =
          sys::fs::createUniqueDirectory("ingot-calibrate", folder.path)) {
    errors << "calibration: cannot create a temporary folder: "
           << error.message() << "\n";
    return failure();
  }

  // The samples, copied into one raw file that the harness streams.
  std::string samplesPath = folder.file("samples.bin");
  std::vector<std::string> sampleNames;
  {
    std::error_code error;
    raw_fd_ostream samples(samplesPath, error);
    if (error) {
      errors << "calibration: cannot write " << samplesPath << ": "
             << error.message() << "\n";
      return failure();
    }
    Expected<std::vector<std::string>> written =
        writeCalibrationSamples(data, inputElements, sampleIndices, samples);
    if (!written) {
      errors << "calibration: " << toString(written.takeError()) << "\n";
      return failure();
    }
    sampleNames = std::move(*written);
    samples.close();
    if (samples.has_error()) {
      errors << "calibration: cannot write " << samplesPath << ": "
             << samples.error().message() << "\n";
      samples.clear_error();
      return failure();
    }
  }

  // Build the model with the harness. The model's package gets a folder of
  // its own, so that no model name collides with the harness's files.
  std::string package = folder.file("model");
  if (failed(writeCppPackage(sources, package, modelName, errors)))
    return failure();
  std::string harness = folder.file("main.cpp");
  std::string runner = folder.file("calibrate");
  std::string buildLog = folder.file("build.log");
  if (failed(writeTextFile(
          harness, harnessSource(modelName, outputElementCounts, inputElements),
          errors)))
    return failure();
  std::string includeFlag = "-I" + package;
  SmallString<128> modelSource(package);
  sys::path::append(modelSource, modelName + ".cpp");
  SmallVector<StringRef> compileArgs = {*compilerPath, "-std=c++17", "-O2",
                                        includeFlag,   modelSource,  harness,
                                        "-o",          runner};
  std::optional<StringRef> buildRedirects[] = {StringRef(), StringRef(buildLog),
                                               StringRef(buildLog)};
  std::string message;
  if (sys::ExecuteAndWait(*compilerPath, compileArgs, std::nullopt,
                          buildRedirects, 0, 0, &message) != 0) {
    folder.keep = true;
    errors << "calibration: building the model with " << *compilerPath
           << " failed" << (message.empty() ? "" : ": " + message)
           << " (build folder: " << folder.path << ")\n";
    if (auto log = MemoryBuffer::getFile(buildLog))
      errors << (*log)->getBuffer();
    return failure();
  }

  // Run it. stderr stays the caller's, for the progress bar.
  size_t bins = method == CalibrationMethod::MinMax ? 0
                                                   : kCalibrationHistogramBins;
  std::string resultsPath = folder.file("results.txt");
  std::string countText = std::to_string(sampleNames.size());
  std::string binsText = std::to_string(bins);
  SmallVector<StringRef> runArgs = {runner, samplesPath, countText, binsText};
  std::optional<StringRef> runRedirects[] = {
      StringRef(), StringRef(resultsPath), std::nullopt};
  int status = sys::ExecuteAndWait(runner, runArgs, std::nullopt, runRedirects,
                                   0, 0, &message);
  auto results = MemoryBuffer::getFile(resultsPath);
  StringRef output = results ? (*results)->getBuffer() : StringRef();
  if (status != 0) {
    reportHarnessFailure(output, status, message, sampleNames, errors);
    return failure();
  }
  std::vector<Histogram> histograms;
  if (failed(parseResults(output, outputElementCounts.size(), bins, histograms,
                          errors)))
    return failure();

  std::vector<TensorRange> ranges;
  for (const Histogram &histogram : histograms) {
    switch (method) {
    case CalibrationMethod::MinMax:
      ranges.push_back({histogram.min, histogram.max});
      break;
    case CalibrationMethod::Percentile:
      ranges.push_back(percentileRange(histogram, percentile));
      break;
    case CalibrationMethod::Mse:
      ranges.push_back(mseRange(histogram));
      break;
    }
  }
  return ranges;
}

} // namespace ingot::quant
