//===- QuantizeFloat16.cpp - float32 constants to float16 -----------------===//
//
// This file implements the ingot-quantize-float16 pass: float16 weights with
// float32 arithmetic, as the TFLite converter's float16 quantization writes
// them.
//
//===----------------------------------------------------------------------===//
#include "Quantization/Transforms/Passes.h"

#include "llvm/ADT/APFloat.h"

namespace ingot {
#define GEN_PASS_DEF_QUANTIZEFLOAT16PASS
#include "Quantization/Transforms/Passes.h.inc"
} // namespace ingot

using namespace mlir;
using namespace ingot;

namespace {

struct QuantizeFloat16Pass
    : ingot::impl::QuantizeFloat16PassBase<QuantizeFloat16Pass> {
  void runOnOperation() override {
    OpBuilder builder(&getContext());
    getOperation().walk([&](graph::ConstOp constant) {
      auto values = dyn_cast<DenseFPElementsAttr>(constant.getValue());
      auto type = cast<RankedTensorType>(constant.getOutput().getType());
      if (!values || !type.getElementType().isF32())
        return;
      SmallVector<APFloat> halves;
      for (APFloat value : values.getValues<APFloat>()) {
        bool lost = false;
        value.convert(APFloat::IEEEhalf(), APFloat::rmNearestTiesToEven, &lost);
        halves.push_back(value);
      }
      auto halfType =
          RankedTensorType::get(type.getShape(), builder.getF16Type());
      builder.setInsertionPoint(constant);
      auto half =
          graph::ConstOp::create(builder, constant.getLoc(), halfType,
                                 DenseElementsAttr::get(halfType, halves));
      auto widened =
          graph::DequantizeOp::create(builder, constant.getLoc(), type, half);
      constant.getOutput().replaceAllUsesWith(widened.getOutput());
      constant.erase();
    });
  }
};

} // namespace
