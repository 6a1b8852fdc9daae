//===- FuseActivation.cpp - Fold standalone activations into producers ----===//
//
// This file implements the ingot-fuse-activation pass: a RELU or RELU6 that
// keeps its input's quantization is exactly a clamp of the producer's output,
// which the producer's kernel applies for free.
//
//===----------------------------------------------------------------------===//
#include "ingot/Dialect/Graph/Transforms/Passes.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace ingot::graph {
#define GEN_PASS_DEF_FUSEACTIVATIONPASS
#include "ingot/Dialect/Graph/Transforms/Passes.h.inc"
} // namespace ingot::graph

using namespace mlir;
using namespace ingot::graph;

namespace {

/// Folds `ActivationOpT` (graph.relu or graph.relu6) into a producer that
/// carries a `fused_activation` attribute set to none.
template <typename ActivationOpT, Activation kind>
struct FuseIntoProducer : OpRewritePattern<ActivationOpT> {
  using OpRewritePattern<ActivationOpT>::OpRewritePattern;

  LogicalResult matchAndRewrite(ActivationOpT activation,
                                PatternRewriter &rewriter) const override {
    Value input = activation.getInput();
    Operation *producer = input.getDefiningOp();
    if (!producer)
      return rewriter.notifyMatchFailure(activation, "input is an argument");
    if (!input.hasOneUse())
      return rewriter.notifyMatchFailure(
          activation, "producer's unclamped output has other users");
    auto fused = producer->getAttrOfType<ActivationAttr>("fused_activation");
    if (!fused)
      return rewriter.notifyMatchFailure(activation,
                                         "producer has no fused activation");
    if (fused.getValue() != Activation::None)
      return rewriter.notifyMatchFailure(activation,
                                         "producer already clamps its output");
    // TFLite's int8 SVDF saturates to the int8 range and ignores its own
    // fused activation, so a RELU folded into it would be dropped.
    if (isa<SvdfOp>(producer))
      return rewriter.notifyMatchFailure(
          activation, "SVDF's int8 kernel ignores its fused activation");
    // TFLite gives these operators no fused activation (their kernels
    // refuse one), though the ops carry the attribute: only MUL and DIV of
    // graph.binary's kinds clamp.
    auto binary = dyn_cast<BinaryOp>(producer);
    if (isa<ConcatenationOp, L2NormalizationOp>(producer) ||
        (binary && binary.getKind() != BinaryKind::Mul &&
         binary.getKind() != BinaryKind::Div))
      return rewriter.notifyMatchFailure(
          activation, "the producer's kernel applies no fused activation");
    rewriter.modifyOpInPlace(producer, [&] {
      producer->setAttr("fused_activation",
                        ActivationAttr::get(rewriter.getContext(), kind));
    });
    rewriter.replaceOp(activation, input);
    return success();
  }
};

using FuseRelu = FuseIntoProducer<ReluOp, Activation::Relu>;
using FuseRelu6 = FuseIntoProducer<Relu6Op, Activation::Relu6>;

struct FuseActivationPass
    : ingot::graph::impl::FuseActivationPassBase<FuseActivationPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateFuseActivationPatterns(patterns);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace

void ingot::graph::populateFuseActivationPatterns(RewritePatternSet &patterns) {
  patterns.add<FuseRelu, FuseRelu6>(patterns.getContext());
}
