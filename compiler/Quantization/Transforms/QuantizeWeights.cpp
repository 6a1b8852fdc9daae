//===- QuantizeWeights.cpp - Dynamic-range weight quantization ------------===//
//
// This file implements the ingot-quantize-weights pass: float convolution and
// fully connected filters become symmetric int8 constants typed with
// `!quant.uniform`, which makes the ops hybrid.
//
//===----------------------------------------------------------------------===//
#include "Quantization/Transforms/Passes.h"

#include "WeightQuantization.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/PatternMatch.h"

namespace ingot {
#define GEN_PASS_DEF_QUANTIZEWEIGHTSPASS
#include "Quantization/Transforms/Passes.h.inc"
} // namespace ingot

using namespace mlir;
using namespace ingot;

namespace {

/// The float values of a constant filter, or nothing if it is not one.
std::optional<std::vector<float>> floatWeights(Value filter) {
  auto constant = filter.getDefiningOp<graph::ConstOp>();
  if (!constant)
    return std::nullopt;
  auto values = dyn_cast<DenseElementsAttr>(constant.getValue());
  if (!values || !values.getElementType().isF32())
    return std::nullopt;
  std::vector<float> weights;
  weights.reserve(values.getNumElements());
  for (float value : values.getValues<float>())
    weights.push_back(value);
  return weights;
}

/// A new constant holding `quantized` with a per-tensor or per-axis type.
Value quantizedConstant(OpBuilder &builder, graph::ConstOp original,
                        const ingot::quant::QuantizedWeights &quantized,
                        int axis) {
  MLIRContext *context = builder.getContext();
  auto shape =
      cast<RankedTensorType>(original.getOutput().getType()).getShape();
  Type storage = IntegerType::get(context, 8);
  Type expressed = Float32Type::get(context);
  unsigned flags = mlir::quant::QuantizationFlags::Signed;
  Type element;
  if (axis >= 0) {
    SmallVector<double> scales(quantized.scales.begin(),
                               quantized.scales.end());
    SmallVector<int64_t> zeroPoints(scales.size(), 0);
    element = mlir::quant::UniformQuantizedPerAxisType::get(
        flags, storage, expressed, scales, zeroPoints, axis, -127, 127);
  } else {
    element = mlir::quant::UniformQuantizedType::get(
        flags, storage, expressed, quantized.scales.front(), 0, -127, 127);
  }
  auto valueType = RankedTensorType::get(shape, storage);
  auto value =
      DenseElementsAttr::get(valueType, ArrayRef<int8_t>(quantized.values));
  auto constant = graph::ConstOp::create(
      builder, original.getLoc(), RankedTensorType::get(shape, element), value);
  if (auto name = original->getAttr("ingot.weight_name"))
    constant->setAttr("ingot.weight_name", name);
  return constant;
}

struct QuantizeWeightsPass
    : ingot::impl::QuantizeWeightsPassBase<QuantizeWeightsPass> {
  using QuantizeWeightsPassBase::QuantizeWeightsPassBase;

  void runOnOperation() override {
    OpBuilder builder(&getContext());
    // `axis`: the filter dimension with one scale per channel, or -1 for a
    // single scale.
    auto quantizeFilter = [&](Operation *op, Value filter, int axis) {
      if (!cast<ShapedType>(op->getOperand(0).getType())
               .getElementType()
               .isF32())
        return;
      std::optional<std::vector<float>> weights = floatWeights(filter);
      if (!weights || static_cast<int64_t>(weights->size()) < minElements)
        return;
      auto constant = filter.getDefiningOp<graph::ConstOp>();
      auto shape = cast<RankedTensorType>(filter.getType()).getShape();
      ingot::quant::QuantizedWeights quantized =
          axis == 0
              ? ingot::quant::quantizeWeightsPerChannel(*weights, shape[0])
          : axis > 0
              ? ingot::quant::quantizeWeightsPerLastAxis(*weights, shape[axis])
              : ingot::quant::quantizeWeightsPerTensor(*weights);
      builder.setInsertionPoint(constant);
      Value replacement = quantizedConstant(builder, constant, quantized, axis);
      // Only this op's use changes: another user may still want floats.
      op->replaceUsesOfWith(filter, replacement);
      if (constant->use_empty())
        constant->erase();
    };
    getOperation().walk([&](Operation *op) {
      if (auto conv = dyn_cast<graph::Conv2DOp>(op))
        quantizeFilter(op, conv.getFilter(), /*axis=*/0);
      else if (auto depthwise = dyn_cast<graph::DepthwiseConv2DOp>(op))
        quantizeFilter(op, depthwise.getFilter(), /*axis=*/3);
      else if (auto fc = dyn_cast<graph::FullyConnectedOp>(op))
        quantizeFilter(op, fc.getFilter(), /*axis=*/-1);
    });
  }
};

} // namespace
