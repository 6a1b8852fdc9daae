//===- Api.h - The compiler as a library, for the Python module -*- C++ -*-===//
//
// The ingot command line and the Python module (python/) are two front ends
// over the same driver. This is the Python module's side: plain C++ types
// only, so that the module (built with RTTI and exceptions, as nanobind
// needs) does not include LLVM's or MLIR's headers. Each call collects the
// compiler's messages instead of printing them.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_TOOLS_INGOT_API_H
#define INGOT_TOOLS_INGOT_API_H

#include <string>

namespace ingot::api {

/// What `ingot compile` and `ingot quantize` take as options, by the same
/// names and values (docs/quantization.md, docs/targets.md).
struct Options {
  /// --target: generic, host, cortex-m4, cortex-m7, cortex-m55.
  std::string target = "generic";
  /// --optimize: speed or size.
  std::string optimize = "speed";
  /// --quantize: empty (none), dynamic, int8, int16x8 or float16.
  std::string quantize;
  /// --calibration: a float32 .npy of representative inputs.
  std::string calibration;
  /// --calibration-method: minmax, percentile or mse.
  std::string calibrationMethod = "minmax";
  /// --calibration-samples: all, even or odd.
  std::string calibrationSamples = "all";
  /// --io-type: float32, int8 or uint8.
  std::string ioType = "float32";
  /// --strict: no float fallback for operators without an integer form.
  bool strict = false;
  /// --bias-correction.
  bool biasCorrection = false;
};

/// The outcome of a call: on failure, `messages` holds what the command
/// line would have printed on stderr ("ingot: error: ..."); `report` holds
/// what it would have printed on stdout (the --eval report as JSON).
struct Result {
  bool ok = false;
  std::string messages;
  std::string report;
};

/// Checks option values; an empty string when they are valid, otherwise the
/// message naming the option and its accepted values.
std::string validate(const Options &options);

/// `ingot compile MODEL -o DIR --name NAME`: DIR/NAME.h, DIR/NAME.cpp and the
/// runtime headers they include.
Result compile(const Options &options, const std::string &modelPath,
               const std::string &outputDir, const std::string &name);

/// `ingot quantize MODEL -o OUT.tflite`, or with no quantization the model as
/// ingot imports and re-exports it.
Result writeTflite(const Options &options, const std::string &modelPath,
                   const std::string &outputPath);

/// `ingot quantize MODEL -o OUT --eval DATA --json`: the --eval report of
/// what the quantization costs, as JSON in `report`.
Result evaluate(const Options &options, const std::string &modelPath,
                const std::string &outputPath, const std::string &evalData,
                const std::string &evalSamples, const std::string &labels);

/// `ingot inspect MODEL --json`: the layers (op, output, MACs, weight
/// bytes, kernel) and the planned arena, as JSON in `report`.
Result inspect(const Options &options, const std::string &modelPath);

} // namespace ingot::api

#endif // INGOT_TOOLS_INGOT_API_H
