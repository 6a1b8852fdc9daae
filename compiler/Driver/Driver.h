//===- Driver.h - Shared pieces of the ingot command line -------*- C++ -*-===//
#ifndef INGOT_TOOLS_INGOT_DRIVER_H
#define INGOT_TOOLS_INGOT_DRIVER_H

#include "Evaluation.h"
#include "Pipelines/Pipelines.h"
#include "Target/Cpp/CppPackage.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/CommandLine.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ingot::driver {

using ingot::QuantizationMode;

/// Post-training quantization every subcommand applies after import (set
/// once from the command line).
/// Where the driver writes its errors and warnings (llvm::errs()) and the
/// --eval report (llvm::outs()), unless redirected: the Python module
/// collects both to raise or return them.
llvm::raw_ostream &diagnostics();
llvm::raw_ostream &reportOutput();
/// Redirects them until called again; nullptr restores the default.
void redirectOutput(llvm::raw_ostream *diagnostics, llvm::raw_ostream *report);

struct QuantizationSettings {
  QuantizationMode mode = QuantizationMode::None;
  /// For Int8: the representative data (.npy or folder of .bin).
  std::string calibrationData;
  /// "minmax" or "percentile".
  std::string calibrationMethod = "minmax";
  /// "all", "even" or "odd": which samples of the data to calibrate on.
  std::string calibrationSamples = "all";
  /// "float32" or "int8".
  std::string ioType = "float32";
  /// Fail on operators without an integer form (TFLITE_BUILTINS_INT8).
  bool strict = false;
  /// For Int8: correct each layer's bias by its mean error on the
  /// calibration data (correctBiases).
  bool biasCorrection = false;
};
void setQuantization(const QuantizationSettings &settings);

struct TargetSettings {
  /// A name from compiler/Target/Machines/Targets.cpp; "generic" adds no
  /// target attribute, which is today's portable code.
  std::string name = "generic";
  /// "speed" or "size".
  std::string optimize = "speed";
  /// Whether --target was given (inspect then shows each layer's kernel).
  bool explicitlyChosen = false;
};
void setTarget(const TargetSettings &settings);
const TargetSettings &targetChoice();
/// Marks `module` with the chosen target's #kernel.target (nothing for
/// generic), for ingot-select-kernels.
mlir::LogicalResult applyTarget(mlir::ModuleOp module);

/// What `--eval` asks for: a report of what quantization cost, measured by
/// running the model ingot produced against its float reference.
struct EvaluationSettings {
  /// The samples (.npy or folder of .bin); empty when no report is wanted.
  std::string data;
  /// "all", "even" or "odd": which samples of the data to evaluate on.
  std::string samples = "all";
  /// A CSV file with a `label` column (row i = sample i), for accuracy.
  std::string labels;
  /// Print JSON instead of a table.
  bool json = false;
};
void setEvaluation(const EvaluationSettings &settings);
const EvaluationSettings &evaluationSettings();

/// An exposed activation that is the result of a TFLite operator.
struct ExposedLayer {
  int64_t tfliteIndex = 0;
  unsigned resultNumber = 0;
  /// The TFLite operator, e.g. "CONV_2D".
  std::string op;
  /// The name of the tensor it writes.
  std::string output;
  /// Which output of the exposed model it is.
  size_t exposedIndex = 0;
};

/// A model lowered to C++ with every activation exposed, for the harness of
/// compiler/Quantization/Evaluation.h.
struct PreparedModel {
  CppSources sources;
  ingot::quant::EvaluatedModel model;
  std::vector<ExposedLayer> layers;
};

/// Exposes every activation of `module` (the float reference's pipeline
/// also dequantizes its weights), records which TFLite operator each
/// exposed output comes from, and lowers `module` to C++ with symbol prefix
/// `name`. Errors name `modelPath` and `option`, the command-line option
/// that asked for the measurement. `model.sources` is left for the caller
/// to point at `sources` once the result has its final address.
mlir::FailureOr<PreparedModel> prepare(mlir::ModuleOp module, bool isReference,
                                       llvm::StringRef name,
                                       llvm::StringRef modelPath,
                                       llvm::StringRef option);

/// `prepare` of the float reference: the model at `modelPath` imported
/// again into `context`, its weights dequantized.
mlir::FailureOr<PreparedModel> prepareReference(mlir::MLIRContext &context,
                                                llvm::StringRef modelPath,
                                                llvm::StringRef option);

/// Empirical bias correction of `graph`, a model just quantized to int8:
/// for each CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED in order, runs
/// the model and its float reference (from `modelPath`) on the calibration
/// samples and moves the op's int32 bias by the mean error of each output
/// channel, so that what the quantized layer adds on average matches the
/// float layer. `indices` selects calibration samples (all when empty).
/// Messages go to stderr.
mlir::LogicalResult
correctBiases(mlir::ModuleOp graph, llvm::StringRef modelPath,
              const ingot::quant::CalibrationData &data,
              const std::optional<std::vector<size_t>> &indices);

/// Measures `graph`, the graph dialect of the model as ingot writes or
/// compiles it, against the float reference made from `modelPath` (weights
/// dequantized) on the `--eval` samples, and prints the report on stdout:
/// model sizes (`bytesAfter` is the written model's, when there is one),
/// per-layer SQNR, top-1 agreement and, with labels, accuracy.
mlir::LogicalResult reportEvaluation(llvm::StringRef modelPath,
                                     mlir::ModuleOp graph,
                                     std::optional<uint64_t> bytesAfter);

/// How far `lowerModel` takes a model.
enum class Stage { Graph, Kernel, EmitC };

/// A context with every dialect ingot uses and a diagnostic handler that
/// prints "ingot: error: ..." without MLIR's location prefix (messages name
/// the model file themselves).
std::unique_ptr<mlir::MLIRContext> makeContext();

/// Imports `modelPath` and runs the pipelines up to `stage`. Errors have been
/// reported when it returns null.
mlir::OwningOpRef<mlir::ModuleOp> lowerModel(mlir::MLIRContext &context,
                                             llvm::StringRef modelPath,
                                             Stage stage,
                                             llvm::StringRef modelName);

/// A C identifier derived from `text` ("my-model" -> "my_model").
std::string cIdentifier(llvm::StringRef text);

/// Compiles `modelPath` into `outputDir` as NAME.h/NAME.cpp plus runtime
/// headers. Returns the process exit code.
int compileToDirectory(llvm::StringRef modelPath, llvm::StringRef outputDir,
                       llvm::StringRef name);

/// `ingot compile --emit=graph|kernel|emitc`: prints the IR after a stage.
int printStage(llvm::StringRef modelPath, Stage stage, llvm::StringRef name);

/// `ingot compile --emit=tflite`: imports `modelPath`, applies the
/// quantization set on the command line, and writes the graph as a .tflite
/// file to `outputPath`, or to stdout if it is empty or "-". `stripNames`
/// leaves out the names of tensors other than the inputs and outputs.
int writeTflite(llvm::StringRef modelPath, llvm::StringRef outputPath,
                bool stripNames);

/// `ingot run`: compiles, builds for the host with `compilerCommand`, runs
/// on the raw input files and writes DIR/output<i>.bin.
int runModel(llvm::StringRef modelPath, const std::vector<std::string> &inputs,
             llvm::StringRef outputDir, llvm::StringRef compilerCommand,
             bool keepBuild);

/// A model input or output as the generated C++ sees it.
struct TensorSlot {
  /// The C element type: "int8_t", "float", "bool", ...
  std::string cType;
  int64_t elements = 0;
  int64_t bytes = 0;
  /// "int8_t [1,49,10,1]", for messages.
  std::string description;
};
TensorSlot describeTensor(mlir::Type type);

/// `ingot inspect`: layers, MACs, weight bytes and the planned arena.
int inspectModel(llvm::StringRef modelPath, bool json);

/// The options of every subcommand are in this category (--help lists them).
llvm::cl::OptionCategory &optionCategory();
/// `ingot profile` and `ingot report` define their own options (Profile.cpp,
/// Report.cpp) on these; the shared ones (--target, --quantize, ...) are in
/// ingot.cpp.
llvm::cl::SubCommand &profileSubcommand();
llvm::cl::SubCommand &reportSubcommand();
/// `ingot profile`: per-layer instructions or time, MACs, instructions per MAC.
int profileModel(llvm::StringRef modelPath, bool json);
/// `ingot report`: one self-contained HTML file.
int reportModel(llvm::StringRef modelPath);

} // namespace ingot::driver

#endif // INGOT_TOOLS_INGOT_DRIVER_H
