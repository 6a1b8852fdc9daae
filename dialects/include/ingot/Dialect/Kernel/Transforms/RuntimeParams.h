//===- RuntimeParams.h - Kernel ops as runtime parameter structs -*- C++
//-*-===//
//
// The packed kernel ops carry the same numbers the runtime's parameter
// structs hold. These helpers fill the structs from an op, for the kernel
// selection (scratch sizes) and for the code generator (the constexpr
// initializers), so that both read the op the same way.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_DIALECT_KERNEL_TRANSFORMS_RUNTIMEPARAMS_H
#define INGOT_DIALECT_KERNEL_TRANSFORMS_RUNTIMEPARAMS_H

#include "ingot/Dialect/Kernel/IR/Kernel.h"

#include "ingot/runtime/kernels/params.h"

namespace ingot::kernel {

inline ingot::Conv2DParams conv2dParamsOf(PackedConv2DOp op) {
  auto in =
      mlir::cast<mlir::RankedTensorType>(op.getInput().getType()).getShape();
  auto out =
      mlir::cast<mlir::RankedTensorType>(op.getOutput().getType()).getShape();
  auto filter = op.getFilterShape();
  auto i32 = [](int64_t value) { return static_cast<int32_t>(value); };
  ingot::Conv2DParams p{};
  p.batches = i32(in[0]);
  p.input_h = i32(in[1]);
  p.input_w = i32(in[2]);
  p.input_c = i32(in[3]);
  p.filter_h = i32(filter[1]);
  p.filter_w = i32(filter[2]);
  p.output_h = i32(out[1]);
  p.output_w = i32(out[2]);
  p.output_c = i32(out[3]);
  p.stride_h = i32(op.getStrides()[0]);
  p.stride_w = i32(op.getStrides()[1]);
  p.dilation_h = i32(op.getDilations()[0]);
  p.dilation_w = i32(op.getDilations()[1]);
  p.pad_top = i32(op.getPadding()[0]);
  p.pad_left = i32(op.getPadding()[1]);
  p.depth_multiplier = i32(op.getDepthMultiplier());
  p.input_offset = op.getInputOffset();
  p.output_offset = op.getOutputOffset();
  p.activation_min = op.getActivationMin();
  p.activation_max = op.getActivationMax();
  p.single_rounding_exact = op.getSingleRoundingExact();
  return p;
}

inline ingot::FullyConnectedParams
fullyConnectedParamsOf(PackedFullyConnectedOp op) {
  auto filter = op.getFilterShape();
  int64_t inputElements =
      mlir::cast<mlir::RankedTensorType>(op.getInput().getType())
          .getNumElements();
  ingot::FullyConnectedParams p{};
  p.batches = static_cast<int32_t>(inputElements / filter[1]);
  p.input_depth = static_cast<int32_t>(filter[1]);
  p.output_depth = static_cast<int32_t>(filter[0]);
  p.input_offset = op.getInputOffset();
  p.output_offset = op.getOutputOffset();
  p.output_multiplier = op.getOutputMultiplier();
  p.output_shift = op.getOutputShift();
  p.activation_min = op.getActivationMin();
  p.activation_max = op.getActivationMax();
  p.single_rounding_exact = op.getSingleRoundingExact();
  return p;
}

} // namespace ingot::kernel

#endif // INGOT_DIALECT_KERNEL_TRANSFORMS_RUNTIMEPARAMS_H
