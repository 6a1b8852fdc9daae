//===- LayerCost.cpp - Per-layer cost figures of graph ops ----------------===//
#include "LayerCost.h"

#include "ingot/Dialect/Graph/IR/Graph.h"

#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;

namespace ingot::analysis {
namespace {

llvm::ArrayRef<int64_t> shapeOf(Value value) {
  return cast<RankedTensorType>(value.getType()).getShape();
}

} // namespace

int64_t macsOf(Operation *op) {
  return llvm::TypeSwitch<Operation *, int64_t>(op)
      .Case([](graph::Conv2DOp conv) {
        auto filter = shapeOf(conv.getFilter());
        auto out = shapeOf(conv.getOutput());
        return out[0] * out[1] * out[2] * out[3] * filter[1] * filter[2] *
               filter[3];
      })
      .Case([](graph::DepthwiseConv2DOp conv) {
        auto filter = shapeOf(conv.getFilter());
        auto out = shapeOf(conv.getOutput());
        return out[0] * out[1] * out[2] * out[3] * filter[1] * filter[2];
      })
      .Case([](graph::FullyConnectedOp fc) {
        auto filter = shapeOf(fc.getFilter());
        int64_t inputs =
            cast<RankedTensorType>(fc.getInput().getType()).getNumElements();
        return inputs / filter[1] * filter[0] * filter[1];
      })
      .Case([](graph::SvdfOp svdf) {
        auto feature = shapeOf(svdf.getWeightsFeature());
        auto time = shapeOf(svdf.getWeightsTime());
        int64_t batches = shapeOf(svdf.getInput())[0];
        return batches * feature[0] * (feature[1] + time[1]);
      })
      .Default([](Operation *) { return int64_t{0}; });
}

} // namespace ingot::analysis
