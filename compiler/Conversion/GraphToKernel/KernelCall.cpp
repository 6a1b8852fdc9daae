//===- KernelCall.cpp - The kernel.call lowering and shared helpers -------===//
//
// This file implements the pattern that replaces a graph op with the
// `kernel.call` its family's planner chose, and the helpers the planners
// share.
//
//===----------------------------------------------------------------------===//
#include "Conversion/GraphToKernel/KernelCall.h"

#include "Conversion/Passes.h"
#include "ingot/Dialect/Kernel/IR/Kernel.h"
#include "ingot/Dialect/Kernel/Transforms/RuntimeParams.h"

#include "RescaleShiftCheck.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/Transforms/DialectConversion.h"

#include <algorithm>
#include <cmath>
#include <limits>

using namespace mlir;

namespace ingot::calls {

namespace {

std::optional<KernelCall> planAnyKernelCall(Operation *op) {
  if (auto plan = planElementwiseCall(op))
    return plan;
  if (auto plan = planReductionCall(op))
    return plan;
  if (auto plan = planBinaryCall(op))
    return plan;
  if (auto plan = planLayerCall(op))
    return plan;
  if (auto plan = planSequenceCall(op))
    return plan;
  return planDataMovementCall(op);
}

} // namespace

std::optional<KernelCall> planKernelCall(Operation *op) {
  std::optional<KernelCall> plan = planAnyKernelCall(op);
  if (!plan || !plan->blocker.empty())
    return plan;
  for (auto [name, value] : llvm::zip(plan->argNames, plan->args))
    if (ingot::quant::isUnrepresentableShift(name, value,
                                             plan->maxRescaleShift))
      return KernelCall::blocked(op->getContext(),
                                 ingot::quant::unrepresentableShiftMessage(
                                     name, plan->maxRescaleShift));
  return plan;
}

std::string typeTag(Value value) {
  Type element = cast<ShapedType>(value.getType()).getElementType();
  bool isUnsigned = false;
  if (auto quantized = dyn_cast<mlir::quant::QuantizedType>(element)) {
    isUnsigned = !quantized.isSigned();
    element = quantized.getStorageType();
  }
  if (element.isF32())
    return "float32";
  if (element.isF16())
    return "float16";
  if (element.isInteger(1))
    return "bool";
  if (auto integer = dyn_cast<IntegerType>(element))
    return (isUnsigned || integer.isUnsigned() ? "uint" : "int") +
           std::to_string(integer.getWidth());
  return "unknown";
}

ArrayRef<int64_t> shapeOf(Value value) {
  return cast<RankedTensorType>(value.getType()).getShape();
}

int64_t elementsOf(Value value) {
  return cast<RankedTensorType>(value.getType()).getNumElements();
}

std::string sizeBlocker(Operation *op) {
  for (Value value : llvm::concat<Value>(op->getOperands(), op->getResults())) {
    auto type = cast<RankedTensorType>(value.getType());
    int64_t elements = 1;
    for (int64_t extent : type.getShape()) {
      if (extent <= 0)
        return "has a tensor with a zero-sized dimension; ingot compiles "
               "tensors with at least one element";
      if (elements > std::numeric_limits<int32_t>::max() / extent)
        return "has a tensor of more than 2^31 - 1 elements";
      elements *= extent;
    }
  }
  return "";
}

int64_t roundSaturated(double value) {
  constexpr double kLimit = 1099511627776.0; // 2^40
  if (std::isnan(value))
    return 0;
  return static_cast<int64_t>(std::round(std::clamp(value, -kLimit, kLimit)));
}

bool isQuantized(Value value) {
  return isa<mlir::quant::UniformQuantizedType>(
      cast<ShapedType>(value.getType()).getElementType());
}

double scaleOf(Value value) {
  return cast<mlir::quant::UniformQuantizedType>(
             cast<ShapedType>(value.getType()).getElementType())
      .getScale();
}

int32_t zeroPointOf(Value value) {
  return static_cast<int32_t>(
      cast<mlir::quant::UniformQuantizedType>(
          cast<ShapedType>(value.getType()).getElementType())
          .getZeroPoint());
}

Clamp clampOf(graph::Activation activation, Value output) {
  Clamp clamp{0, 0, -std::numeric_limits<float>::infinity(),
              std::numeric_limits<float>::infinity()};
  switch (activation) {
  case graph::Activation::None:
    break;
  case graph::Activation::Relu:
    clamp.minF = 0.0f;
    break;
  case graph::Activation::Relu6:
    clamp.minF = 0.0f;
    clamp.maxF = 6.0f;
    break;
  case graph::Activation::ReluN1To1:
    clamp.minF = -1.0f;
    clamp.maxF = 1.0f;
    break;
  }
  if (!isQuantized(output))
    return clamp;
  auto type = cast<mlir::quant::UniformQuantizedType>(
      cast<ShapedType>(output.getType()).getElementType());
  int32_t low = static_cast<int32_t>(type.getStorageTypeMin());
  int32_t high = static_cast<int32_t>(type.getStorageTypeMax());
  double scale = type.getScale();
  int32_t zeroPoint = static_cast<int32_t>(type.getZeroPoint());
  // TFLite's CalculateActivationRangeQuantized: zero point plus the bound
  // divided by the scale, rounded, within the type's range.
  auto quantize = [&](float bound) {
    return static_cast<int32_t>(std::clamp<int64_t>(
        zeroPoint + roundSaturated(bound / scale), low, high));
  };
  clamp.min =
      std::isinf(clamp.minF) ? low : std::max(low, quantize(clamp.minF));
  clamp.max =
      std::isinf(clamp.maxF) ? high : std::min(high, quantize(clamp.maxF));
  return clamp;
}

SmallVector<int64_t> broadcastStrides(Value value,
                                      ArrayRef<int64_t> outputShape) {
  ArrayRef<int64_t> shape = shapeOf(value);
  size_t rank = outputShape.size();
  SmallVector<int64_t> strides(rank, 0);
  int64_t stride = 1;
  for (size_t i = 0; i < shape.size(); ++i) {
    size_t dim = shape.size() - 1 - i;
    size_t outDim = rank - 1 - i;
    strides[outDim] = shape[dim] == 1 ? 0 : stride;
    stride *= shape[dim];
  }
  return strides;
}

namespace {

/// Replaces any graph op with a plan with its `kernel.call`.
struct LowerToKernelCall : ConversionPattern {
  LowerToKernelCall(const TypeConverter &converter, MLIRContext *context)
      : ConversionPattern(converter, MatchAnyOpTypeTag(), /*benefit=*/10,
                          context) {}

  LogicalResult
  matchAndRewrite(Operation *op, ArrayRef<Value> operands,
                  ConversionPatternRewriter &rewriter) const override {
    if (op->getNumResults() != 1 || !isa<graph::GraphDialect>(op->getDialect()))
      return failure();
    std::optional<KernelCall> plan = planKernelCall(op);
    if (!plan || !plan->blocker.empty())
      return rewriter.notifyMatchFailure(op, "no kernel.call plan");
    SmallVector<Value> converted;
    for (Value value : plan->operands) {
      auto position = llvm::find(op->getOperands(), value);
      if (position == op->getOperands().end())
        return rewriter.notifyMatchFailure(op, "plan names a foreign operand");
      converted.push_back(
          operands[std::distance(op->getOperands().begin(), position)]);
    }
    SmallVector<StringRef> names(plan->argNames.begin(), plan->argNames.end());
    Type resultType =
        getTypeConverter()->convertType(op->getResult(0).getType());
    auto call = kernel::CallOp::create(
        rewriter, op->getLoc(), resultType, converted,
        rewriter.getStringAttr(plan->callee), rewriter.getArrayAttr(plan->args),
        rewriter.getStrArrayAttr(names),
        plan->header.empty() ? StringAttr()
                             : rewriter.getStringAttr(plan->header));
    for (NamedAttribute attr : op->getAttrs())
      if (attr.getName().getValue().starts_with("ingot."))
        call->setAttr(attr.getName(), attr.getValue());
    if (plan->scratchBytes > 0)
      call->setAttr(kernel::kScratchBytesAttr,
                    rewriter.getI64IntegerAttr(plan->scratchBytes));
    rewriter.replaceOp(op, call->getResults());
    return success();
  }
};

} // namespace

} // namespace ingot::calls

void ingot::populateKernelCallPatterns(TypeConverter &converter,
                                       RewritePatternSet &patterns) {
  patterns.add<calls::LowerToKernelCall>(converter, patterns.getContext());
}
