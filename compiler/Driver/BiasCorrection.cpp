//===- BiasCorrection.cpp - ingot --bias-correction -----------------------===//
//
// This file implements empirical bias correction of a model just quantized
// to int8. Rounding activations to 8 bits does not only add noise: clipping
// and the asymmetric rounding of small values also shift each output
// channel's mean, and the shifts add up layer by layer. For each layer with
// an int32 bias, in op order, the quantized model (with the layers before
// it already corrected) and the float reference run on the calibration
// samples, and the layer's bias moves by the mean difference of each output
// channel, measured on the elements whose float value lies well inside the
// range where the fused activation passes values through. A first run of
// the uncorrected model gives each layer's error RMS, which sets "well".
//
//===----------------------------------------------------------------------===//
#include "Driver.h"

#include "Calibration.h"
#include "Evaluation.h"
#include "Import/Importer.h"
#include "ingot/Dialect/Graph/IR/Graph.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>

using namespace mlir;
namespace iq = ingot::quant;
namespace mq = mlir::quant;

namespace ingot::driver {

namespace {

constexpr llvm::StringLiteral kOption = "--bias-correction";

/// A layer whose bias can be corrected: its int32 bias constant, which no
/// other op uses, and the scale of each of its elements.
struct CorrectableLayer {
  Operation *op = nullptr;
  graph::ConstOp bias;
  std::vector<double> biasScales;
  graph::Activation activation = graph::Activation::None;
};

std::optional<CorrectableLayer> correctableLayer(Operation *op) {
  Value bias;
  graph::Activation activation;
  if (auto conv = dyn_cast<graph::Conv2DOp>(op)) {
    bias = conv.getBias();
    activation = conv.getFusedActivation();
  } else if (auto depthwise = dyn_cast<graph::DepthwiseConv2DOp>(op)) {
    bias = depthwise.getBias();
    activation = depthwise.getFusedActivation();
  } else if (auto fc = dyn_cast<graph::FullyConnectedOp>(op)) {
    bias = fc.getBias();
    activation = fc.getFusedActivation();
  } else {
    return std::nullopt;
  }
  if (!bias || !bias.hasOneUse() || !op->hasAttr(import::kTfliteIndexAttr))
    return std::nullopt;
  auto constant = bias.getDefiningOp<graph::ConstOp>();
  if (!constant)
    return std::nullopt;
  auto type = cast<RankedTensorType>(bias.getType());
  int64_t elements = type.getNumElements();
  CorrectableLayer layer{op, constant, {}, activation};
  Type element = type.getElementType();
  if (auto uniform = dyn_cast<mq::UniformQuantizedType>(element)) {
    layer.biasScales.assign(elements, uniform.getScale());
  } else if (auto perAxis =
                 dyn_cast<mq::UniformQuantizedPerAxisType>(element)) {
    if (static_cast<int64_t>(perAxis.getScales().size()) != elements)
      return std::nullopt;
    layer.biasScales.assign(perAxis.getScales().begin(),
                            perAxis.getScales().end());
  } else {
    return std::nullopt;
  }
  if (!cast<mq::QuantizedType>(element).getStorageType().isInteger(32))
    return std::nullopt;
  return layer;
}

/// The open range of real values in which `activation` is the identity.
std::pair<double, double> linearRange(graph::Activation activation) {
  double infinity = std::numeric_limits<double>::infinity();
  switch (activation) {
  case graph::Activation::None:
    return {-infinity, infinity};
  case graph::Activation::Relu:
    return {0.0, infinity};
  case graph::Activation::ReluN1To1:
    return {-1.0, 1.0};
  case graph::Activation::Relu6:
    return {0.0, 6.0};
  }
  return {-infinity, infinity};
}

/// Whether reference output `r` and candidate output `c` can be compared.
bool sameElementCount(const PreparedModel &reference, size_t r,
                      const PreparedModel &candidate, size_t c) {
  return reference.model.outputs[r].elements ==
         candidate.model.outputs[c].elements;
}

LogicalResult fail(llvm::StringRef modelPath, const llvm::Twine &message) {
  diagnostics() << "ingot: error: " << modelPath << ": " << kOption << ": "
                << message << "\n";
  return failure();
}

} // namespace

LogicalResult correctBiases(ModuleOp graph, llvm::StringRef modelPath,
                            const iq::CalibrationData &data,
                            const std::optional<std::vector<size_t>> &indices) {
  FailureOr<PreparedModel> reference =
      prepareReference(*graph.getContext(), modelPath, kOption);
  if (failed(reference))
    return failure();
  reference->model.sources = &reference->sources;
  llvm::DenseMap<int64_t, size_t> referenceOutputs;
  for (const ExposedLayer &layer : reference->layers)
    if (layer.resultNumber == 0)
      referenceOutputs.try_emplace(layer.tfliteIndex, layer.exposedIndex);

  std::vector<CorrectableLayer> layers;
  auto function = *graph.getOps<func::FuncOp>().begin();
  for (Operation &op : function.getBody().front())
    if (std::optional<CorrectableLayer> layer = correctableLayer(&op))
      layers.push_back(*layer);

  // The model as quantized and corrected so far, lowered for the harness.
  // The result's model.sources is set by the caller (see prepare).
  auto prepareCandidate = [&]() -> FailureOr<PreparedModel> {
    OwningOpRef<ModuleOp> candidateModule = graph.clone();
    return prepare(*candidateModule, /*isReference=*/false, "candidate",
                   modelPath, kOption);
  };
  const char *compiler = std::getenv("CXX");
  auto measure = [&](const PreparedModel &candidate,
                     llvm::ArrayRef<iq::ComparedOutputs> pairs)
      -> FailureOr<iq::EvaluationResult> {
    std::string messages;
    llvm::raw_string_ostream messageStream(messages);
    FailureOr<iq::EvaluationResult> result =
        iq::evaluate(reference->model, candidate.model, pairs, data, indices,
                     messageStream, compiler ? compiler : "c++");
    if (failed(result))
      (void)fail(modelPath, llvm::StringRef(messages).rtrim());
    return result;
  };

  // The error's spread in each layer's output, from one run of the model as
  // quantized, sets how far inside its activation's linear range a value
  // must be to count (below).
  llvm::DenseMap<int64_t, double> errorRms;
  {
    FailureOr<PreparedModel> candidate = prepareCandidate();
    if (failed(candidate))
      return failure();
    candidate->model.sources = &candidate->sources;
    std::vector<iq::ComparedOutputs> pairs;
    std::vector<int64_t> pairLayers;
    for (const ExposedLayer &exposed : candidate->layers) {
      auto found = referenceOutputs.find(exposed.tfliteIndex);
      if (exposed.resultNumber != 0 || found == referenceOutputs.end() ||
          !sameElementCount(*reference, found->second, *candidate,
                            exposed.exposedIndex))
        continue;
      pairs.push_back({found->second, exposed.exposedIndex});
      pairLayers.push_back(exposed.tfliteIndex);
    }
    FailureOr<iq::EvaluationResult> result = measure(*candidate, pairs);
    if (failed(result))
      return failure();
    for (auto [tfliteIndex, sums] : llvm::zip(pairLayers, result->pairs))
      errorRms[tfliteIndex] =
          sums.count ? std::sqrt(sums.noise / sums.count) : 0.0;
  }

  for (CorrectableLayer &layer : layers) {
    int64_t tfliteIndex =
        layer.op->getAttrOfType<IntegerAttr>(import::kTfliteIndexAttr).getInt();
    auto referenceOutput = referenceOutputs.find(tfliteIndex);
    if (referenceOutput == referenceOutputs.end())
      continue;
    FailureOr<PreparedModel> candidate = prepareCandidate();
    if (failed(candidate))
      return failure();
    candidate->model.sources = &candidate->sources;
    auto exposed = llvm::find_if(candidate->layers, [&](const ExposedLayer &e) {
      return e.tfliteIndex == tfliteIndex && e.resultNumber == 0;
    });
    int64_t channels = static_cast<int64_t>(layer.biasScales.size());
    if (exposed == candidate->layers.end() ||
        !sameElementCount(*reference, referenceOutput->second, *candidate,
                          exposed->exposedIndex) ||
        candidate->model.outputs[exposed->exposedIndex].elements % channels)
      continue;

    iq::ComparedOutputs pair;
    pair.reference = referenceOutput->second;
    pair.candidate = exposed->exposedIndex;
    pair.channels = channels;
    // Where the float output is near a bound of the activation, the
    // quantized one may sit on the bound, which hides its error; three
    // standard deviations of the error inside the bounds it almost never
    // does, and choosing elements by the float value alone keeps the mean
    // of the error unbiased.
    auto [low, high] = linearRange(layer.activation);
    double margin = 3.0 * errorRms.lookup(tfliteIndex);
    pair.linearLow = low + margin;
    pair.linearHigh = high - margin;
    FailureOr<iq::EvaluationResult> result = measure(*candidate, {pair});
    if (failed(result))
      return failure();

    // The bias is stored in units of its scale; moving it by the mean
    // error, rounded to those units, cancels the error's mean.
    auto values = dyn_cast<DenseIntElementsAttr>(layer.bias.getValue());
    if (!values)
      continue;
    std::vector<int32_t> corrected(values.getValues<int32_t>().begin(),
                                   values.getValues<int32_t>().end());
    const std::vector<double> &meanError = result->channelMeanDifference[0];
    for (size_t c = 0; c < corrected.size(); ++c) {
      double moved =
          std::round(corrected[c] - meanError[c] / layer.biasScales[c]);
      double limit = std::numeric_limits<int32_t>::max();
      corrected[c] = static_cast<int32_t>(std::clamp(moved, -limit, limit));
    }
    layer.bias.setValueAttr(DenseElementsAttr::get(
        cast<ShapedType>(values.getType()), ArrayRef<int32_t>(corrected)));
  }
  return success();
}

} // namespace ingot::driver
