//===- Compile.cpp - ingot compile ----------------------------------------===//
//
// This file implements model lowering shared by every subcommand and the
// `compile` subcommand itself.
//
//===----------------------------------------------------------------------===//
#include "Driver.h"

#include "Calibration.h"
#include "Export/Exporter.h"
#include "Import/Importer.h"
#include "Pipelines/Pipelines.h"
#include "Target/Cpp/CppPackage.h"
#include "Target/Machines/Targets.h"
#include "ingot/Dialect/Graph/IR/Graph.h"
#include "ingot/Dialect/Kernel/IR/Kernel.h"

#include "mlir/Dialect/EmitC/IR/EmitC.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

namespace ingot::driver {

static llvm::raw_ostream *diagnosticStream = nullptr;
static llvm::raw_ostream *reportStream = nullptr;

llvm::raw_ostream &diagnostics() {
  return diagnosticStream ? *diagnosticStream : llvm::errs();
}
llvm::raw_ostream &reportOutput() {
  return reportStream ? *reportStream : llvm::outs();
}
void redirectOutput(llvm::raw_ostream *diagnostics, llvm::raw_ostream *report) {
  diagnosticStream = diagnostics;
  reportStream = report;
}

std::unique_ptr<MLIRContext> makeContext() {
  DialectRegistry registry;
  registry.insert<graph::GraphDialect, kernel::KernelDialect,
                  mlir::quant::QuantDialect, func::FuncDialect,
                  emitc::EmitCDialect>();
  auto context = std::make_unique<MLIRContext>(registry);
  context->loadAllAvailableDialects();
  context->getDiagEngine().registerHandler([](Diagnostic &diagnostic) {
    if (diagnostic.getSeverity() != DiagnosticSeverity::Error)
      return success();
    diagnostics() << "ingot: error: " << diagnostic.str() << "\n";
    return success();
  });
  return context;
}

std::string cIdentifier(llvm::StringRef text) {
  std::string identifier;
  for (char c : text)
    identifier.push_back(std::isalnum(static_cast<unsigned char>(c)) ? c : '_');
  if (identifier.empty() ||
      std::isdigit(static_cast<unsigned char>(identifier[0])))
    identifier = "model_" + identifier;
  return identifier;
}

static QuantizationSettings quantization;
static TargetSettings targetSettings;

void setTarget(const TargetSettings &settings) { targetSettings = settings; }
const TargetSettings &targetChoice() { return targetSettings; }

LogicalResult applyTarget(ModuleOp module) {
  if (targetSettings.name == "generic")
    return success();
  std::optional<target::TargetDescription> target =
      target::lookupTarget(targetSettings.name);
  if (!target) {
    diagnostics() << "ingot: error: unknown --target '" << targetSettings.name
                  << "'; use one of " << target::targetNames() << "\n";
    return failure();
  }
  module->setAttr(kernel::kTargetAttr,
                  target::makeTargetAttr(module.getContext(), *target,
                                         targetSettings.optimize));
  return success();
}

void setQuantization(const QuantizationSettings &settings) {
  quantization = settings;
}

/// Runs a copy of the float graph on the calibration data and annotates
/// `module` with each activation's range (`ingot.range`, and
/// `ingot.input_ranges` on the function) for ingot-quantize-int8.
static LogicalResult calibrateModel(ModuleOp module,
                                    llvm::StringRef modelPath) {
  MLIRContext &context = *module.getContext();
  auto fail = [&](const llvm::Twine &message) {
    diagnostics() << "ingot: error: " << modelPath << ": " << message << "\n";
    return failure();
  };
  if (quantization.calibrationData.empty())
    return fail("--quantize=int8 needs representative data: pass "
                "--calibration=DATA (a float32 .npy or a folder of .bin "
                "tensors)");
  OwningOpRef<ModuleOp> probe = module.clone();
  PassManager expose(&context);
  buildCalibrationPipeline(expose);
  if (failed(expose.run(*probe)))
    return failure();
  auto probeFunction = *probe->getOps<func::FuncOp>().begin();
  SmallVector<int64_t> outputElements;
  for (Type type : probeFunction.getResultTypes())
    outputElements.push_back(cast<RankedTensorType>(type).getNumElements());
  if (probeFunction.getNumArguments() != 1)
    return fail("calibration supports models with one input");
  int64_t inputElements =
      cast<RankedTensorType>(probeFunction.getArgumentTypes()[0])
          .getNumElements();
  unsigned original =
      probeFunction->getAttrOfType<IntegerAttr>("ingot.original_results")
          .getInt();

  PassManager lower(&context);
  buildGraphToKernelPipeline(lower);
  buildKernelToEmitCPipeline(lower, "calibration");
  if (failed(lower.run(*probe)))
    return failure();
  FailureOr<CppSources> sources = translateModelToCpp(*probe);
  if (failed(sources))
    return fail("the C++ translator rejected the calibration model");

  quant::CalibrationData data{quantization.calibrationData};
  auto indices = quant::selectSamples(data, quantization.calibrationSamples);
  if (!indices) {
    diagnostics() << "ingot: error: --calibration: "
                  << llvm::toString(indices.takeError()) << "\n";
    return failure();
  }
  auto method = quantization.calibrationMethod == "percentile"
                    ? quant::CalibrationMethod::Percentile
                : quantization.calibrationMethod == "mse"
                    ? quant::CalibrationMethod::Mse
                    : quant::CalibrationMethod::MinMax;
  const char *compiler = std::getenv("CXX");
  std::string messages;
  llvm::raw_string_ostream messageStream(messages);
  FailureOr<std::vector<quant::TensorRange>> ranges = quant::calibrate(
      *sources, "calibration", outputElements, inputElements, data, method,
      messageStream, compiler ? compiler : "c++", *indices);
  if (failed(ranges)) {
    diagnostics() << "ingot: error: " << messages;
    return failure();
  }

  // Results of the probe: original outputs, the inputs, then every op in op
  // order, which is the order of the same ops in `module`.
  Builder builder(&context);
  auto function = *module.getOps<func::FuncOp>().begin();
  auto rangeAttr = [&](const quant::TensorRange &range) {
    return builder.getDenseF32ArrayAttr({range.min, range.max});
  };
  size_t next = original;
  SmallVector<Attribute> inputRanges;
  for (unsigned i = 0; i < function.getNumArguments(); ++i)
    inputRanges.push_back(rangeAttr((*ranges)[next++]));
  function->setAttr("ingot.input_ranges", builder.getArrayAttr(inputRanges));
  for (Operation &op : function.getBody().front()) {
    if (isa<graph::ConstOp, graph::VariableOp, func::ReturnOp>(op))
      continue;
    op.setAttr("ingot.range", rangeAttr((*ranges)[next++]));
  }
  return success();
}

OwningOpRef<ModuleOp> lowerModel(MLIRContext &context,
                                 llvm::StringRef modelPath, Stage stage,
                                 llvm::StringRef modelName) {
  OwningOpRef<ModuleOp> module = import::importTfliteFile(modelPath, context);
  if (!module)
    return nullptr;
  PassManager pm(&context);
  buildQuantizationPipeline(pm, quantization.mode);
  if (quantization.mode == QuantizationMode::Int8 ||
      quantization.mode == QuantizationMode::Int16x8) {
    if (failed(pm.run(*module)) || failed(calibrateModel(*module, modelPath)))
      return nullptr;
    pm.clear();
    bool wide = quantization.mode == QuantizationMode::Int16x8;
    // The int16x8 scheme's integer I/O is int16.
    std::string ioType = wide && quantization.ioType == "int8"
                             ? std::string("int16")
                             : quantization.ioType;
    buildInt8QuantizationPipeline(pm, ioType, wide ? "int16" : "int8",
                                  quantization.strict);
    if (quantization.biasCorrection) {
      if (failed(pm.run(*module)))
        return nullptr;
      pm.clear();
      quant::CalibrationData data{quantization.calibrationData};
      auto indices =
          quant::selectSamples(data, quantization.calibrationSamples);
      if (!indices) {
        diagnostics() << "ingot: error: --calibration: "
                      << llvm::toString(indices.takeError()) << "\n";
        return nullptr;
      }
      if (failed(correctBiases(*module, modelPath, data, *indices)))
        return nullptr;
    }
  }
  if (stage == Stage::Graph) {
    if (failed(pm.run(*module)))
      return nullptr;
    return module;
  }
  if (failed(applyTarget(*module)))
    return nullptr;
  buildGraphToKernelPipeline(pm);
  if (stage == Stage::EmitC)
    buildKernelToEmitCPipeline(pm, modelName.str());
  if (failed(pm.run(*module)))
    return nullptr;
  return module;
}

int printStage(llvm::StringRef modelPath, Stage stage, llvm::StringRef name) {
  std::unique_ptr<MLIRContext> context = makeContext();
  OwningOpRef<ModuleOp> module = lowerModel(*context, modelPath, stage, name);
  if (!module)
    return 1;
  module->print(llvm::outs());
  llvm::outs() << "\n";
  return 0;
}

int writeTflite(llvm::StringRef modelPath, llvm::StringRef outputPath,
                bool stripNames) {
  std::unique_ptr<MLIRContext> context = makeContext();
  OwningOpRef<ModuleOp> module =
      lowerModel(*context, modelPath, Stage::Graph, "");
  if (!module)
    return 1;
  auto model = module->lookupSymbol<func::FuncOp>("model");
  // Export into memory first, so that a failure leaves no partial file.
  std::string bytes;
  llvm::raw_string_ostream os(bytes);
  exporter::ExportOptions options;
  options.stripNames = stripNames;
  if (failed(exporter::exportTflite(model, os, options)))
    return 1;
  if (outputPath.empty() || outputPath == "-") {
    (void)llvm::sys::ChangeStdoutToBinary();
    llvm::outs() << bytes;
    return 0;
  }
  std::error_code error;
  llvm::ToolOutputFile file(outputPath, error, llvm::sys::fs::OF_None);
  if (error) {
    diagnostics() << "ingot: error: cannot write " << outputPath << ": "
                  << error.message() << "\n";
    return 1;
  }
  file.os() << bytes;
  file.keep();
  if (!evaluationSettings().data.empty() &&
      failed(reportEvaluation(modelPath, *module, bytes.size())))
    return 1;
  return 0;
}

/// The size of the .tflite file `--emit=tflite` would write for `module`,
/// if the exporter can write it.
static std::optional<uint64_t> exportedBytes(ModuleOp module) {
  std::string bytes;
  llvm::raw_string_ostream os(bytes);
  ScopedDiagnosticHandler quiet(module.getContext(),
                                [](Diagnostic &) { return success(); });
  auto model = module.lookupSymbol<func::FuncOp>("model");
  if (!model || failed(exporter::exportTflite(model, os)))
    return std::nullopt;
  return bytes.size();
}

int compileToDirectory(llvm::StringRef modelPath, llvm::StringRef outputDir,
                       llvm::StringRef name) {
  std::unique_ptr<MLIRContext> context = makeContext();
  // With --eval, the graph is kept to measure after the C++ is written.
  bool evaluating = !evaluationSettings().data.empty();
  OwningOpRef<ModuleOp> module = lowerModel(
      *context, modelPath, evaluating ? Stage::Graph : Stage::EmitC, name);
  if (!module)
    return 1;
  OwningOpRef<ModuleOp> graph;
  if (evaluating) {
    // The clone is measured on the host's reference kernels; the C++ written
    // to the folder is for the chosen target, as without --eval.
    graph = module->clone();
    if (failed(applyTarget(*module)))
      return 1;
    PassManager pm(context.get());
    buildGraphToKernelPipeline(pm);
    buildKernelToEmitCPipeline(pm, name.str());
    if (failed(pm.run(*module)))
      return 1;
  }
  FailureOr<CppSources> sources = translateModelToCpp(*module);
  if (failed(sources)) {
    diagnostics() << "ingot: error: " << modelPath
                  << ": the C++ translator rejected the generated EmitC\n";
    return 1;
  }
  if (outputDir.empty()) {
    llvm::outs() << sources->header << sources->source;
    return 0;
  }
  if (failed(writeCppPackage(*sources, outputDir, name, diagnostics())))
    return 1;
  if (graph &&
      failed(reportEvaluation(modelPath, *graph, exportedBytes(*graph))))
    return 1;
  return 0;
}

} // namespace ingot::driver
