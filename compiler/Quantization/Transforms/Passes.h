//===- Passes.h - quantization passes ---------------------------*- C++ -*-===//
#ifndef INGOT_QUANTIZATION_TRANSFORMS_PASSES_H
#define INGOT_QUANTIZATION_TRANSFORMS_PASSES_H

#include "ingot/Dialect/Graph/IR/Graph.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/Pass.h"

namespace ingot {

/// Name of the dictionary ingot-compute-requant-params attaches.
inline constexpr llvm::StringLiteral kRequantAttr = "ingot.requant";

#define GEN_PASS_DECL
#include "Quantization/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "Quantization/Transforms/Passes.h.inc"

} // namespace ingot

#endif // INGOT_QUANTIZATION_TRANSFORMS_PASSES_H
