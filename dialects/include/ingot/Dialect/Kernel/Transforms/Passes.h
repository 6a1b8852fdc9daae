//===- Passes.h - kernel dialect passes -------------------------*- C++ -*-===//
#ifndef INGOT_DIALECT_KERNEL_TRANSFORMS_PASSES_H
#define INGOT_DIALECT_KERNEL_TRANSFORMS_PASSES_H

#include "ingot/Dialect/Kernel/IR/Kernel.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/Pass.h"

namespace ingot::kernel {

#define GEN_PASS_DECL
#include "ingot/Dialect/Kernel/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "ingot/Dialect/Kernel/Transforms/Passes.h.inc"

} // namespace ingot::kernel

#endif // INGOT_DIALECT_KERNEL_TRANSFORMS_PASSES_H
