//===- DequantizeWeights.cpp - int8 weights back to float -----------------===//
//
// This file implements the ingot-dequantize-weights pass, which lets the
// quantizer start from a dynamic-range model as if it were a float one.
//
//===----------------------------------------------------------------------===//
#include "Quantization/Transforms/Passes.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"

namespace ingot {
#define GEN_PASS_DEF_DEQUANTIZEWEIGHTSPASS
#include "Quantization/Transforms/Passes.h.inc"
} // namespace ingot

using namespace mlir;
using namespace ingot;

namespace {

/// The float values a quantized constant stands for.
std::optional<std::vector<float>> dequantized(graph::ConstOp constant) {
  auto values = dyn_cast<DenseIntElementsAttr>(constant.getValue());
  auto type = cast<RankedTensorType>(constant.getOutput().getType());
  if (!values)
    return std::nullopt;
  std::vector<int64_t> stored;
  for (const APInt &value : values.getValues<APInt>())
    stored.push_back(value.getSExtValue());
  std::vector<float> result(stored.size());
  Type element = type.getElementType();
  if (auto perTensor = dyn_cast<mlir::quant::UniformQuantizedType>(element)) {
    for (size_t i = 0; i < stored.size(); ++i)
      result[i] = static_cast<float>((stored[i] - perTensor.getZeroPoint()) *
                                     perTensor.getScale());
    return result;
  }
  auto perAxis = dyn_cast<mlir::quant::UniformQuantizedPerAxisType>(element);
  if (!perAxis)
    return std::nullopt;
  // Index of the channel of flat element i: (i / inner) % channels.
  int64_t axis = perAxis.getQuantizedDimension();
  int64_t inner = 1;
  for (int64_t d = axis + 1; d < type.getRank(); ++d)
    inner *= type.getDimSize(d);
  int64_t channels = type.getDimSize(axis);
  for (size_t i = 0; i < stored.size(); ++i) {
    int64_t channel = (static_cast<int64_t>(i) / inner) % channels;
    result[i] =
        static_cast<float>((stored[i] - perAxis.getZeroPoints()[channel]) *
                           perAxis.getScales()[channel]);
  }
  return result;
}

struct DequantizeWeightsPass
    : ingot::impl::DequantizeWeightsPassBase<DequantizeWeightsPass> {
  void runOnOperation() override {
    OpBuilder builder(&getContext());
    getOperation().walk([&](graph::ConstOp constant) {
      auto type = cast<RankedTensorType>(constant.getOutput().getType());
      if (!isa<mlir::quant::QuantizedType>(type.getElementType()))
        return;
      // Only weights of float ops: an integer model stays as it is.
      bool feedsFloatOp =
          llvm::any_of(constant->getUsers(), [](Operation *user) {
            return user->getNumOperands() > 0 &&
                   cast<ShapedType>(user->getOperand(0).getType())
                       .getElementType()
                       .isF32();
          });
      if (!feedsFloatOp)
        return;
      std::optional<std::vector<float>> values = dequantized(constant);
      if (!values)
        return;
      auto floatType =
          RankedTensorType::get(type.getShape(), builder.getF32Type());
      builder.setInsertionPoint(constant);
      auto replacement = graph::ConstOp::create(
          builder, constant.getLoc(), floatType,
          DenseElementsAttr::get(floatType, ArrayRef<float>(*values)));
      constant.getOutput().replaceAllUsesWith(replacement);
      constant.erase();
    });
  }
};

} // namespace
