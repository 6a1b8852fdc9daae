//===- SequenceCalls.cpp - Kernels of sequence operators ------------------===//
//
// This file implements the planner of graph.unidirectional_sequence_lstm.
//
//===----------------------------------------------------------------------===//
#include "Conversion/GraphToKernel/KernelCall.h"

#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace ingot::graph;

namespace ingot::calls {

std::optional<KernelCall> planSequenceCall(Operation *op) {
  return llvm::TypeSwitch<Operation *, std::optional<KernelCall>>(op)
      .Case([](UnidirectionalSequenceLstmOp lstm) {
        return KernelCall::blocked(lstm.getContext(),
                                   "has no kernel in ingot yet");
      })
      .Default([](Operation *) { return std::nullopt; });
}

} // namespace ingot::calls
