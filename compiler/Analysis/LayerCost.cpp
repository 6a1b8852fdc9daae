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
  auto elements = [](Value value) {
    return cast<RankedTensorType>(value.getType()).getNumElements();
  };
  return llvm::TypeSwitch<Operation *, int64_t>(op)
      .Case([&](graph::Conv2DOp conv) {
        return convolutionMacs(elements(conv.getOutput()),
                               shapeOf(conv.getFilter()), /*depthwise=*/false);
      })
      .Case([&](graph::DepthwiseConv2DOp conv) {
        return convolutionMacs(elements(conv.getOutput()),
                               shapeOf(conv.getFilter()), /*depthwise=*/true);
      })
      .Case([&](graph::FullyConnectedOp fc) {
        return fullyConnectedMacs(elements(fc.getOutput()),
                                  shapeOf(fc.getFilter()));
      })
      .Case([&](graph::SvdfOp svdf) {
        return svdfMacs(shapeOf(svdf.getInput())[0],
                        shapeOf(svdf.getWeightsFeature()),
                        shapeOf(svdf.getWeightsTime()));
      })
      .Default([](Operation *) { return int64_t{0}; });
}

} // namespace ingot::analysis
