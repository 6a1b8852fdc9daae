//===- Kernel.h - ingot kernel dialect --------------------------*- C++ -*-===//
#ifndef INGOT_DIALECT_KERNEL_IR_KERNEL_H
#define INGOT_DIALECT_KERNEL_IR_KERNEL_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "ingot/Dialect/Kernel/IR/KernelDialect.h.inc"

#define GET_ATTRDEF_CLASSES
#include "ingot/Dialect/Kernel/IR/KernelAttrs.h.inc"

#define GET_OP_CLASSES
#include "ingot/Dialect/Kernel/IR/KernelOps.h.inc"

namespace ingot::kernel {
/// Attribute names the memory planner attaches to ops and functions.
inline constexpr llvm::StringLiteral kArenaOffsetAttr = "arena_offset";
inline constexpr llvm::StringLiteral kScratchOffsetAttr = "scratch_offset";
inline constexpr llvm::StringLiteral kScratchBytesAttr = "scratch_bytes";
/// Marks scratch the op's kernel can run without (it is then passed
/// nullptr): the planner gives it arena bytes only where the arena need not
/// grow.
inline constexpr llvm::StringLiteral kScratchOptionalAttr = "scratch_optional";
inline constexpr llvm::StringLiteral kArenaBytesAttr = "kernel.arena_bytes";
/// The module attribute holding the #kernel.target the code is for.
inline constexpr llvm::StringLiteral kTargetAttr = "kernel.target";
/// The kernel implementation ingot-select-kernels chose for an op, as
/// `ingot inspect` shows it (e.g. "dsp.conv2d_s8<1x1>").
inline constexpr llvm::StringLiteral kImplementationAttr =
    "kernel.implementation";
} // namespace ingot::kernel

#endif // INGOT_DIALECT_KERNEL_IR_KERNEL_H
