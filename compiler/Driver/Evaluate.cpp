//===- Evaluate.cpp - ingot --eval: what quantization cost ----------------===//
//
// This file implements the `--eval` report. The model ingot produced (its
// graph dialect, quantized or not) and the float reference (the input model
// with its weights dequantized) are both lowered with every activation
// exposed, run side by side on the evaluation samples by the harness of
// compiler/Quantization/Evaluation.h, and their activations are paired by
// the TFLite operator (`ingot.tflite_index`) they come from.
//
//===----------------------------------------------------------------------===//
#include "Driver.h"

#include "Evaluation.h"
#include "Import/Importer.h"
#include "Pipelines/Pipelines.h"
#include "Target/Cpp/CppPackage.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>

using namespace mlir;
namespace iq = ingot::quant;

namespace ingot::driver {

static EvaluationSettings evaluation;

void setEvaluation(const EvaluationSettings &settings) {
  evaluation = settings;
}

const EvaluationSettings &evaluationSettings() { return evaluation; }

namespace {
LogicalResult fail(const llvm::Twine &message) {
  diagnostics() << "ingot: error: " << message << "\n";
  return failure();
}
} // namespace

/// Exposes every activation of `module` (the float reference's pipeline
/// also dequantizes its weights), records which TFLite operator each
/// exposed output comes from, and lowers the result to C++ with symbol
/// prefix `name`. A standalone activation fused into its producer is
/// reported as the producer's output on both sides.
FailureOr<PreparedModel> prepare(ModuleOp module, bool isReference,
                                 llvm::StringRef name,
                                 llvm::StringRef modelPath,
                                 llvm::StringRef option) {
  MLIRContext &context = *module.getContext();
  PassManager expose(&context);
  if (isReference)
    buildEvaluationReferencePipeline(expose);
  else
    buildEvaluationPipeline(expose);
  if (failed(expose.run(module)))
    return failure();

  auto function = *module.getOps<func::FuncOp>().begin();
  llvm::StringRef what = isReference ? "float reference" : "evaluated model";
  if (function.getNumArguments() != 1)
    return fail(modelPath + ": " + option + " supports models with one input");
  PreparedModel prepared;
  prepared.model.name = name.str();
  auto describe = [&](Type type, const llvm::Twine &tensor,
                      iq::TensorEncoding &encoding) -> LogicalResult {
    std::optional<iq::TensorEncoding> found = iq::tensorEncoding(type);
    if (!found) {
      std::string typeText;
      llvm::raw_string_ostream os(typeText);
      os << type;
      return fail(modelPath + ": " + option + " cannot read " + tensor +
                  " of the " + what + ", of type " + typeText);
    }
    encoding = *found;
    return success();
  };
  if (failed(describe(function.getArgumentTypes()[0], "the input",
                      prepared.model.input)))
    return failure();
  for (auto [i, type] : llvm::enumerate(function.getResultTypes())) {
    prepared.model.outputs.emplace_back();
    if (failed(describe(type, "activation " + llvm::Twine(i),
                        prepared.model.outputs.back())))
      return failure();
  }

  if (isReference) {
    auto isFloat = [](const iq::TensorEncoding &encoding) {
      return encoding.kind == iq::TensorEncoding::Kind::Float32;
    };
    if (!isFloat(prepared.model.input) ||
        !llvm::all_of(prepared.model.outputs, isFloat))
      return fail(modelPath + ": " + option +
                  " measures against the float model, but this "
                  "model's activations are already quantized; evaluate the "
                  "float or dynamic-range model it was made from");
  }

  // The exposed activations follow the original results; an activation that
  // is also an original result appears twice, and either copy will do.
  auto returnOp =
      cast<func::ReturnOp>(function.getBody().front().getTerminator());
  unsigned original =
      function->getAttrOfType<IntegerAttr>("ingot.original_results").getInt();
  for (unsigned i = original; i < returnOp.getNumOperands(); ++i) {
    auto result = dyn_cast<OpResult>(returnOp.getOperand(i));
    if (!result)
      continue;
    Operation *op = result.getOwner();
    auto index = op->getAttrOfType<IntegerAttr>(import::kTfliteIndexAttr);
    if (!index)
      continue; // QUANTIZE and DEQUANTIZE that ingot inserted
    ExposedLayer layer;
    layer.tfliteIndex = index.getInt();
    layer.resultNumber = result.getResultNumber();
    auto opName = op->getAttrOfType<StringAttr>(import::kTfliteOpAttr);
    layer.op = opName ? opName.str() : op->getName().getStringRef().str();
    if (auto named = dyn_cast<NameLoc>(op->getLoc()))
      layer.output = named.getName().str();
    layer.exposedIndex = i;
    prepared.layers.push_back(std::move(layer));
  }

  PassManager lower(&context);
  buildGraphToKernelPipeline(lower);
  buildKernelToEmitCPipeline(lower, name.str());
  if (failed(lower.run(module)))
    return failure();
  FailureOr<CppSources> sources = translateModelToCpp(module);
  if (failed(sources))
    return fail(modelPath + ": the C++ translator rejected the " + what);
  prepared.sources = std::move(*sources);
  return prepared;
}

FailureOr<PreparedModel> prepareReference(MLIRContext &context,
                                          llvm::StringRef modelPath,
                                          llvm::StringRef option) {
  OwningOpRef<ModuleOp> module = import::importTfliteFile(modelPath, context);
  if (!module)
    return failure();
  return prepare(*module, /*isReference=*/true, "reference", modelPath, option);
}

namespace {

/// One row of the report.
struct LayerReport {
  int64_t index = 0;
  std::string op;
  std::string output;
  iq::SignalNoise sums;
  /// Mean of candidate - reference.
  double meanError = 0;
};

/// "0.9120 (456/500)" for a fraction of `samples`.
std::string ratio(double fraction, size_t samples) {
  return llvm::formatv("{0:F4} ({1}/{2})", fraction,
                       std::llround(fraction * samples), samples)
      .str();
}

} // namespace

LogicalResult reportEvaluation(llvm::StringRef modelPath, ModuleOp graph,
                               std::optional<uint64_t> bytesAfter) {
  iq::CalibrationData data{evaluation.data};
  auto indices = iq::selectSamples(data, evaluation.samples);
  if (!indices)
    return fail("--eval: " + llvm::toString(indices.takeError()));
  std::optional<std::vector<int64_t>> labels;
  if (!evaluation.labels.empty()) {
    auto read = iq::readLabelsCsv(evaluation.labels);
    if (!read)
      return fail("--labels: " + llvm::toString(read.takeError()));
    auto count = iq::countCalibrationSamples(data);
    if (!count)
      return fail("--eval: " + llvm::toString(count.takeError()));
    if (read->size() != *count)
      return fail("--labels: " + evaluation.labels + " has " +
                  llvm::Twine(read->size()) + " rows, but " + data.path +
                  " has " + llvm::Twine(*count) +
                  " samples; row i must be the label of sample i");
    labels = std::move(*read);
  }
  uint64_t bytesBefore = 0;
  if (std::error_code error = llvm::sys::fs::file_size(modelPath, bytesBefore))
    return fail("cannot read the size of " + modelPath + ": " +
                error.message());

  FailureOr<PreparedModel> reference =
      prepareReference(*graph.getContext(), modelPath, "--eval");
  if (failed(reference))
    return failure();
  OwningOpRef<ModuleOp> candidateModule = graph.clone();
  FailureOr<PreparedModel> candidate =
      prepare(*candidateModule, /*isReference=*/false, "candidate", modelPath,
              "--eval");
  if (failed(candidate))
    return failure();
  reference->model.sources = &reference->sources;
  candidate->model.sources = &candidate->sources;

  if (labels) {
    int64_t classes = reference->model.outputs[0].elements;
    for (auto [row, label] : llvm::enumerate(*labels))
      if (label < 0 || label >= classes)
        return fail("--labels: " + evaluation.labels + " gives sample " +
                    llvm::Twine(row) + " the label " + llvm::Twine(label) +
                    ", but output 0 of " + modelPath + " has " +
                    llvm::Twine(classes) + " classes");
  }

  // Pair the activations by the TFLite operator (and result) they come from.
  llvm::DenseMap<std::pair<int64_t, unsigned>, size_t> candidateOutputs;
  for (const ExposedLayer &layer : candidate->layers)
    candidateOutputs.try_emplace({layer.tfliteIndex, layer.resultNumber},
                                 layer.exposedIndex);
  std::vector<iq::ComparedOutputs> pairs;
  std::vector<LayerReport> rows;
  for (const ExposedLayer &layer : reference->layers) {
    auto found = candidateOutputs.find({layer.tfliteIndex, layer.resultNumber});
    if (found == candidateOutputs.end() ||
        reference->model.outputs[layer.exposedIndex].elements !=
            candidate->model.outputs[found->second].elements) {
      diagnostics() << "ingot: warning: --eval: operator " << layer.tfliteIndex
                    << " (" << layer.op
                    << ") has no counterpart in the evaluated model; it is "
                       "not compared\n";
      continue;
    }
    iq::ComparedOutputs pair{layer.exposedIndex, found->second};
    // One channel: the mean error over the whole tensor, its systematic
    // shift, which is what --bias-correction removes.
    pair.channels = 1;
    pairs.push_back(pair);
    rows.push_back({layer.tfliteIndex, layer.op, layer.output, {}});
  }

  std::string messages;
  llvm::raw_string_ostream messageStream(messages);
  const char *compiler = std::getenv("CXX");
  FailureOr<iq::EvaluationResult> result =
      iq::evaluate(reference->model, candidate->model, pairs, data, *indices,
                   messageStream, compiler ? compiler : "c++");
  if (failed(result)) {
    diagnostics() << "ingot: error: " << messages;
    return failure();
  }
  for (auto [row, sums, meanError] :
       llvm::zip(rows, result->pairs, result->channelMeanDifference)) {
    row.sums = sums;
    row.meanError = meanError.front();
  }

  size_t samples = result->sampleIndices.size();
  double agreement =
      iq::top1Agreement(result->referenceTop1, result->candidateTop1);
  double accuracy = 0, referenceAccuracy = 0;
  if (labels) {
    accuracy =
        iq::top1Accuracy(result->candidateTop1, result->sampleIndices, *labels);
    referenceAccuracy =
        iq::top1Accuracy(result->referenceTop1, result->sampleIndices, *labels);
  }

  // The operators int8 quantization had to leave in float, so that the
  // user sees where the model is not integer-only.
  struct KeptFloat {
    int64_t index;
    std::string op;
  };
  std::vector<KeptFloat> keptFloat;
  graph.walk([&](Operation *op) {
    if (!op->hasAttr("ingot.kept_float"))
      return;
    auto index = op->getAttrOfType<IntegerAttr>(import::kTfliteIndexAttr);
    auto name = op->getAttrOfType<StringAttr>(import::kTfliteOpAttr);
    keptFloat.push_back(
        {index ? index.getInt() : -1,
         name ? name.str() : op->getName().getStringRef().str()});
  });

  if (evaluation.json) {
    llvm::json::Array layers;
    for (const LayerReport &row : rows) {
      double sqnr = iq::sqnrDb(row.sums);
      layers.push_back(llvm::json::Object{
          {"index", row.index},
          {"op", row.op},
          {"output", row.output},
          {"sqnr_db", std::isfinite(sqnr) ? llvm::json::Value(sqnr)
                                          : llvm::json::Value(nullptr)},
          {"mse", row.sums.count ? row.sums.noise / row.sums.count : 0.0},
          {"mean_error", row.meanError}});
    }
    llvm::json::Object report{
        {"model", modelPath.str()},
        {"eval_data", data.path},
        {"eval_samples", evaluation.samples},
        {"samples", static_cast<int64_t>(samples)},
        {"model_bytes_before", static_cast<int64_t>(bytesBefore)},
        {"top1_agreement", agreement},
        {"layers", std::move(layers)}};
    llvm::json::Array floatOps;
    for (const KeptFloat &kept : keptFloat)
      floatOps.push_back(
          llvm::json::Object{{"index", kept.index}, {"op", kept.op}});
    report["float_ops"] = std::move(floatOps);
    if (bytesAfter)
      report["model_bytes_after"] = static_cast<int64_t>(*bytesAfter);
    if (labels) {
      report["accuracy"] = accuracy;
      report["float_accuracy"] = referenceAccuracy;
    }
    reportOutput() << llvm::formatv("{0:2}",
                                    llvm::json::Value(std::move(report)))
                   << "\n";
    return success();
  }

  llvm::raw_ostream &os = reportOutput();
  os << "evaluated on " << samples << " samples ("
     << (evaluation.samples == "all" ? "all" : evaluation.samples + " indices")
     << ") of " << data.path << ", against the float model\n\n";
  os << llvm::format("%5s  %-20s %9s  %s\n", "#", "op", "SQNR dB", "output");
  for (const LayerReport &row : rows) {
    double sqnr = iq::sqnrDb(row.sums);
    std::string sqnrText = std::isfinite(sqnr)
                               ? llvm::formatv("{0:F2}", sqnr).str()
                               : (sqnr > 0 ? "exact" : "-inf");
    os << llvm::format("%5lld  %-20s %9s  %s\n",
                       static_cast<long long>(row.index), row.op.c_str(),
                       sqnrText.c_str(), row.output.c_str());
  }
  os << "\nmodel bytes:      " << bytesBefore;
  if (bytesAfter)
    os << " -> " << *bytesAfter
       << llvm::format(" (%.1f%%)", 100.0 * *bytesAfter / bytesBefore);
  os << "\ntop-1 agreement:  " << ratio(agreement, samples) << "\n";
  os << "kept in float:    ";
  if (keptFloat.empty())
    os << "none";
  for (auto [i, kept] : llvm::enumerate(keptFloat))
    os << (i ? ", " : "") << "#" << kept.index << " " << kept.op;
  os << "\n";
  if (labels)
    os << "accuracy:         " << ratio(accuracy, samples)
       << "   (float model: " << ratio(referenceAccuracy, samples) << ")\n";
  return success();
}

} // namespace ingot::driver
