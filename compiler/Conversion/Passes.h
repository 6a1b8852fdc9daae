//===- Passes.h - ingot conversion passes -----------------------*- C++ -*-===//
#ifndef INGOT_CONVERSION_PASSES_H
#define INGOT_CONVERSION_PASSES_H

#include "ingot/Dialect/Graph/IR/Graph.h"
#include "ingot/Dialect/Kernel/IR/Kernel.h"
#include "mlir/Dialect/EmitC/IR/EmitC.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Transforms/DialectConversion.h"

namespace ingot {

#define GEN_PASS_DECL
#include "Conversion/Passes.h.inc"

/// Converts `!quant` tensor types to tensors of their storage type.
class QuantStorageTypeConverter : public mlir::TypeConverter {
public:
  QuantStorageTypeConverter();
};

/// Patterns lowering graph ops to kernel ops. The caller must have checked
/// each op with graphOpLoweringBlocker first; the patterns assume supported
/// types.
void populateGraphToKernelPatterns(mlir::TypeConverter &converter,
                                   mlir::RewritePatternSet &patterns);

/// Why `op` cannot be lowered to a kernel (empty if it can): a sentence for
/// a user, e.g. "has float32 input; only int8 ... is supported".
std::string graphOpLoweringBlocker(mlir::Operation *op);

/// The lowering of the ops whose kernels take only literal parameters to
/// `kernel.call` (KernelCall.h); tried before the op-specific patterns.
void populateKernelCallPatterns(mlir::TypeConverter &converter,
                                mlir::RewritePatternSet &patterns);

#define GEN_PASS_REGISTRATION
#include "Conversion/Passes.h.inc"

} // namespace ingot

#endif // INGOT_CONVERSION_PASSES_H
