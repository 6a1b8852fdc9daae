//===- Api.cpp - The compiler as a library, for the Python module ---------===//
#include "Api.h"

#include "Driver.h"
#include "Target/Machines/Targets.h"

#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/raw_ostream.h"

#include <mutex>
#include <optional>

namespace ingot::api {
namespace {

std::optional<QuantizationMode> quantizationMode(const std::string &name) {
  return llvm::StringSwitch<std::optional<QuantizationMode>>(name)
      .Case("", QuantizationMode::None)
      .Case("none", QuantizationMode::None)
      .Case("dynamic", QuantizationMode::Dynamic)
      .Case("int8", QuantizationMode::Int8)
      .Case("int16x8", QuantizationMode::Int16x8)
      .Case("float16", QuantizationMode::Float16)
      .Default(std::nullopt);
}

/// Sets the driver's settings from `options` and runs `body` with the
/// driver's output collected.
template <typename Body>
Result run(const Options &options, const driver::EvaluationSettings &eval,
           Body &&body) {
  // The driver's settings and output streams are process-wide, and the
  // Python module releases the GIL while it compiles: one call at a time.
  static std::mutex driverInUse;
  std::lock_guard<std::mutex> lock(driverInUse);
  Result result;
  if (std::string invalid = validate(options); !invalid.empty()) {
    result.messages = "ingot: error: " + invalid + "\n";
    return result;
  }
  driver::setTarget({options.target, options.optimize, true});
  driver::setQuantization({*quantizationMode(options.quantize),
                           options.calibration, options.calibrationMethod,
                           options.calibrationSamples, options.ioType,
                           options.strict, options.biasCorrection});
  driver::setEvaluation(eval);
  llvm::raw_string_ostream messages(result.messages);
  llvm::raw_string_ostream report(result.report);
  driver::redirectOutput(&messages, &report);
  result.ok = body() == 0;
  driver::redirectOutput(nullptr, nullptr);
  driver::setEvaluation({});
  return result;
}

} // namespace

std::string validate(const Options &options) {
  auto oneOf = [](const std::string &value,
                  std::initializer_list<const char *> accepted) {
    for (const char *name : accepted)
      if (value == name)
        return true;
    return false;
  };
  if (!target::lookupTarget(options.target))
    return "unknown target '" + options.target + "'; use one of " +
           target::targetNames();
  if (!oneOf(options.optimize, {"speed", "size"}))
    return "--optimize takes speed or size, not '" + options.optimize + "'";
  std::optional<QuantizationMode> mode = quantizationMode(options.quantize);
  if (!mode)
    return "--quantize takes dynamic, int8, int16x8 or float16, not '" +
           options.quantize + "'";
  if (!oneOf(options.calibrationMethod, {"minmax", "percentile", "mse"}))
    return "--calibration-method takes minmax, percentile or mse";
  if (!oneOf(options.calibrationSamples, {"all", "even", "odd"}))
    return "--calibration-samples takes all, even or odd";
  if (!oneOf(options.ioType, {"float32", "int8", "uint8"}))
    return "--io-type takes float32, int8 or uint8";
  if (options.ioType == "uint8" && *mode == QuantizationMode::Int16x8)
    return "--io-type=uint8 needs --quantize=int8; the int16x8 scheme's "
           "integer inputs and outputs are int16";
  if (options.biasCorrection && *mode != QuantizationMode::Int8)
    return "--bias-correction corrects int8 biases; use it with "
           "--quantize=int8";
  return "";
}

Result compile(const Options &options, const std::string &modelPath,
               const std::string &outputDir, const std::string &name) {
  return run(options, {}, [&] {
    return driver::compileToDirectory(modelPath, outputDir,
                                      driver::cIdentifier(name));
  });
}

Result writeTflite(const Options &options, const std::string &modelPath,
                   const std::string &outputPath) {
  return run(options, {}, [&] {
    return driver::writeTflite(modelPath, outputPath, /*stripNames=*/false);
  });
}

Result evaluate(const Options &options, const std::string &modelPath,
                const std::string &outputPath, const std::string &evalData,
                const std::string &evalSamples, const std::string &labels) {
  driver::EvaluationSettings eval{evalData, evalSamples, labels,
                                  /*json=*/true};
  return run(options, eval, [&] {
    return driver::writeTflite(modelPath, outputPath, /*stripNames=*/false);
  });
}

Result inspect(const Options &options, const std::string &modelPath) {
  return run(options, {},
             [&] { return driver::inspectModel(modelPath, /*json=*/true); });
}

} // namespace ingot::api
