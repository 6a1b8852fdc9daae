//===- ElementwiseCalls.cpp - Kernels of per-element operators ------------===//
//
// This file implements the planner of graph.unary, graph.binary,
// graph.select and graph.add_n: which runtime kernel computes each op for
// its tensor types, and with which parameters.
//
//===----------------------------------------------------------------------===//
#include "Conversion/GraphToKernel/KernelCall.h"

#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace ingot::graph;

namespace ingot::calls {
namespace {

/// float32 element functions of one input: `<kind>_f32` in ref/math_f32.h.
std::optional<KernelCall> planUnary(UnaryOp op) {
  MLIRContext *context = op.getContext();
  std::string kind = stringifyUnaryKind(op.getKind()).str();
  std::string in = typeTag(op.getInput()), out = typeTag(op.getOutput());
  if (std::string why = sizeBlocker(op); !why.empty())
    return KernelCall::blocked(context, why);
  if (in == "float32" && out == "float32") {
    static const UnaryKind mathKinds[] = {
        UnaryKind::Abs,   UnaryKind::Ceil, UnaryKind::Cos,  UnaryKind::Exp,
        UnaryKind::Floor, UnaryKind::Log,  UnaryKind::Neg,  UnaryKind::Round,
        UnaryKind::Rsqrt, UnaryKind::Sin,  UnaryKind::Sqrt, UnaryKind::Square};
    if (llvm::is_contained(mathKinds, op.getKind())) {
      KernelCall call(context);
      call.callee = kind + "_f32";
      call.header = "ref/math_f32";
      call.operand(op.getInput()).i32("count", elementsOf(op.getInput()));
      return call;
    }
  }
  return KernelCall::blocked(context, "has no " + kind + " kernel for " + in +
                                          " to " + out + " tensors");
}

} // namespace

std::optional<KernelCall> planElementwiseCall(Operation *op) {
  return llvm::TypeSwitch<Operation *, std::optional<KernelCall>>(op)
      .Case([](UnaryOp unary) { return planUnary(unary); })
      .Default([](Operation *) { return std::nullopt; });
}

} // namespace ingot::calls
