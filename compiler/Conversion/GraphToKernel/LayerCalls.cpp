//===- LayerCalls.cpp - Kernels of layer operators --------------------===//
//
// This file implements the planner of the layer operators lowered to
// kernel.call.
//
//===----------------------------------------------------------------------===//
#include "Conversion/GraphToKernel/KernelCall.h"

#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace ingot::graph;

namespace ingot::calls {

std::optional<KernelCall> planLayerCall(Operation *op) {
  return llvm::TypeSwitch<Operation *, std::optional<KernelCall>>(op)
      .Default([](Operation *) { return std::nullopt; });
}

} // namespace ingot::calls
