//===- LayerCost.h - Per-layer cost figures of graph ops ---------*- C++
//-*-===//
//
// The multiply-accumulate count of one graph-dialect layer, shared by
// `ingot inspect`, `ingot profile` and `ingot report` so that they agree.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_ANALYSIS_LAYERCOST_H
#define INGOT_ANALYSIS_LAYERCOST_H

#include "llvm/ADT/ArrayRef.h"

#include <cstdint>

namespace mlir {
class Operation;
} // namespace mlir

namespace ingot::analysis {

/// The arithmetic behind macsOf, on shapes, for code that sees a layer
/// after lowering (the kernel ops the profiling hooks are emitted for).
/// `filter` is TFLite's: OHWI for a convolution, 1HW(C*M) for a depthwise
/// one, [units][depth] for a fully connected layer.
inline int64_t convolutionMacs(int64_t outputElements,
                               llvm::ArrayRef<int64_t> filter, bool depthwise) {
  return outputElements * filter[1] * filter[2] * (depthwise ? 1 : filter[3]);
}

inline int64_t fullyConnectedMacs(int64_t outputElements,
                                  llvm::ArrayRef<int64_t> filter) {
  return outputElements * filter[1];
}

/// `weightsFeature` is [units * rank][input depth], `weightsTime`
/// [units * rank][memory size].
inline int64_t svdfMacs(int64_t batches, llvm::ArrayRef<int64_t> weightsFeature,
                        llvm::ArrayRef<int64_t> weightsTime) {
  return batches * weightsFeature[0] * (weightsFeature[1] + weightsTime[1]);
}

/// Multiply-accumulates one invocation of the graph-dialect op `op` performs:
/// the products of convolutions, depthwise convolutions, fully connected
/// layers and SVDF. Every other op counts zero.
int64_t macsOf(mlir::Operation *op);

} // namespace ingot::analysis

#endif // INGOT_ANALYSIS_LAYERCOST_H
