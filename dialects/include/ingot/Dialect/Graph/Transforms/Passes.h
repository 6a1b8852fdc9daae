//===- Passes.h - graph dialect passes --------------------------*- C++ -*-===//
#ifndef INGOT_DIALECT_GRAPH_TRANSFORMS_PASSES_H
#define INGOT_DIALECT_GRAPH_TRANSFORMS_PASSES_H

#include "ingot/Dialect/Graph/IR/Graph.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir {
class RewritePatternSet;
}

namespace ingot::graph {

#define GEN_PASS_DECL
#include "ingot/Dialect/Graph/Transforms/Passes.h.inc"

/// Patterns that fold a standalone activation into its producer.
void populateFuseActivationPatterns(mlir::RewritePatternSet &patterns);

#define GEN_PASS_REGISTRATION
#include "ingot/Dialect/Graph/Transforms/Passes.h.inc"

} // namespace ingot::graph

#endif // INGOT_DIALECT_GRAPH_TRANSFORMS_PASSES_H
