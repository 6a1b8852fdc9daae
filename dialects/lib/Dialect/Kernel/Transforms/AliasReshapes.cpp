//===- AliasReshapes.cpp - Reshape copies become aliases ------------------===//
//
// This file implements the ingot-alias-reshapes pass. The graph-to-kernel
// lowering turns every RESHAPE into a copy, which is always correct; this pass
// removes the copies that are provably unnecessary.
//
//===----------------------------------------------------------------------===//
#include "ingot/Dialect/Kernel/Transforms/Passes.h"

#include "mlir/IR/PatternMatch.h"

namespace ingot::kernel {
#define GEN_PASS_DEF_ALIASRESHAPESPASS
#include "ingot/Dialect/Kernel/Transforms/Passes.h.inc"
} // namespace ingot::kernel

using namespace mlir;
using namespace ingot::kernel;

namespace {

/// Follows aliases back to the value that owns the bytes.
Value bufferRoot(Value value) {
  while (auto alias = value.getDefiningOp<AliasOp>())
    value = alias.getInput();
  return value;
}

bool isReturned(Value value) {
  return llvm::any_of(value.getUsers(), [](Operation *user) {
    return isa<func::ReturnOp>(user);
  });
}

/// Whether some alias of `root` (or `root` itself) other than `except` is
/// returned from the function.
bool anotherViewIsReturned(Value root, Value except) {
  SmallVector<Value> worklist{root};
  while (!worklist.empty()) {
    Value view = worklist.pop_back_val();
    if (view != except && isReturned(view))
      return true;
    for (Operation *user : view.getUsers())
      if (auto alias = dyn_cast<AliasOp>(user))
        worklist.push_back(alias.getOutput());
  }
  return false;
}

struct AliasReshapesPass
    : ingot::kernel::impl::AliasReshapesPassBase<AliasReshapesPass> {
  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    getOperation().walk([&](CopyOp copy) {
      Value root = bufferRoot(copy.getInput());
      bool resultIsReturned = isReturned(copy.getOutput());
      // A returned tensor is written into the caller's output buffer, so it
      // cannot share bytes with an input buffer, a state, or a weight.
      if (resultIsReturned &&
          (isa<BlockArgument>(root) || root.getDefiningOp<StateOp>() ||
           root.getDefiningOp<WeightOp>() ||
           anotherViewIsReturned(root, copy.getOutput())))
        return;
      rewriter.setInsertionPoint(copy);
      rewriter.replaceOpWithNewOp<AliasOp>(copy, copy.getOutput().getType(),
                                           copy.getInput());
    });
  }
};

} // namespace
