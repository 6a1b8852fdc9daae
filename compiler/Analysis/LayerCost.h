//===- LayerCost.h - Per-layer cost figures of graph ops ---------*- C++
//-*-===//
//
// The multiply-accumulate count of one graph-dialect layer, shared by
// `ingot inspect`, `ingot profile` and `ingot report` so that they agree.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_ANALYSIS_LAYERCOST_H
#define INGOT_ANALYSIS_LAYERCOST_H

#include <cstdint>

namespace mlir {
class Operation;
} // namespace mlir

namespace ingot::analysis {

/// Multiply-accumulates one invocation of the graph-dialect op `op` performs:
/// the products of convolutions, depthwise convolutions, fully connected
/// layers and SVDF. Every other op counts zero.
int64_t macsOf(mlir::Operation *op);

} // namespace ingot::analysis

#endif // INGOT_ANALYSIS_LAYERCOST_H
