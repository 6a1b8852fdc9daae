//===- ExposeActivations.cpp - Every activation as a result ---------------===//
//
// This file implements the ingot-expose-activations pass, which turns a float
// model into one that reports each intermediate tensor, so that calibration
// can run the ordinary generated C++ and read the ranges off its outputs.
//
//===----------------------------------------------------------------------===//
#include "Quantization/Transforms/Passes.h"

namespace ingot {
#define GEN_PASS_DEF_EXPOSEACTIVATIONSPASS
#include "Quantization/Transforms/Passes.h.inc"
} // namespace ingot

using namespace mlir;
using namespace ingot;

namespace {

struct ExposeActivationsPass
    : ingot::impl::ExposeActivationsPassBase<ExposeActivationsPass> {
  void runOnOperation() override {
    func::FuncOp function = getOperation();
    auto returnOp =
        cast<func::ReturnOp>(function.getBody().front().getTerminator());
    SmallVector<Value> results(returnOp.getOperands());
    unsigned original = results.size();
    // Inputs first: their ranges set the input quantization.
    for (BlockArgument argument : function.getArguments())
      results.push_back(argument);
    for (Operation &op : function.getBody().front()) {
      if (isa<graph::ConstOp, graph::VariableOp, func::ReturnOp>(op))
        continue;
      for (Value result : op.getResults())
        results.push_back(result);
    }
    OpBuilder builder(returnOp);
    func::ReturnOp::create(builder, returnOp.getLoc(), results);
    returnOp.erase();
    function.setType(builder.getFunctionType(function.getArgumentTypes(),
                                             ValueRange(results).getTypes()));
    function->setAttr("ingot.original_results",
                      builder.getI64IntegerAttr(original));
    // Exposed tensors have no TFLite output names of their own.
    function->removeAttr("ingot.output_names");
  }
};

} // namespace
