//===- ReductionCalls.cpp - Kernels of reductions -------------------------===//
//
// This file implements the planner of graph.reduce, graph.arg_reduce,
// graph.cumsum, graph.l2_normalization and graph.log_softmax.
//
//===----------------------------------------------------------------------===//
#include "Conversion/GraphToKernel/KernelCall.h"

#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace ingot::graph;

namespace ingot::calls {

std::optional<KernelCall> planReductionCall(Operation *op) {
  return llvm::TypeSwitch<Operation *, std::optional<KernelCall>>(op)
      .Case<ReduceOp, ArgReduceOp, CumsumOp, L2NormalizationOp, LogSoftmaxOp>(
          [](Operation *op) {
            return KernelCall::blocked(op->getContext(),
                                       "has no kernel in ingot yet");
          })
      .Default([](Operation *) { return std::nullopt; });
}

} // namespace ingot::calls
