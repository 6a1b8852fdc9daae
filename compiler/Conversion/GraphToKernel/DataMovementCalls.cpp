//===- DataMovementCalls.cpp - Kernels of operators that move data --------===//
//
// This file implements the planner of the operators that only rearrange
// elements (graph.transpose, graph.concatenation, graph.slice, ...). Their
// kernels copy elements without reading them, so each is one function
// template for every element type (`ingot::ref::transpose<T>`), deduced
// from the tensor pointers the generated call passes.
//
//===----------------------------------------------------------------------===//
#include "Conversion/GraphToKernel/KernelCall.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace ingot::graph;

namespace ingot::calls {
namespace {

std::optional<KernelCall> planTranspose(TransposeOp op) {
  if (std::string why = sizeBlocker(op); !why.empty())
    return KernelCall::blocked(op.getContext(), why);
  KernelCall call(op.getContext());
  call.callee = "transpose";
  call.header = "ref/transpose";
  call.operand(op.getInput())
      .i32("rank", shapeOf(op.getInput()).size())
      .i32s("input_shape", shapeOf(op.getInput()))
      .i32s("perm", op.getPerm());
  return call;
}

} // namespace

std::optional<KernelCall> planDataMovementCall(Operation *op) {
  return llvm::TypeSwitch<Operation *, std::optional<KernelCall>>(op)
      .Case([](TransposeOp transpose) { return planTranspose(transpose); })
      .Case<ConcatenationOp, SliceOp, GatherOp, GatherNdOp, MirrorPadOp,
            SpaceToDepthOp, SpaceToBatchOp, BroadcastToOp, BroadcastArgsOp,
            ReverseOp, DynamicUpdateSliceOp, ResizeOp, FillOp>(
          [](Operation *op) {
            return KernelCall::blocked(op->getContext(),
                                       "has no kernel in ingot yet");
          })
      .Default([](Operation *) { return std::nullopt; });
}

} // namespace ingot::calls
