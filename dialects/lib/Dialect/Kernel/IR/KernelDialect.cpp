//===- KernelDialect.cpp - ingot kernel dialect registration --------------===//
//
// This file implements the kernel dialect's registration of its operations.
//
//===----------------------------------------------------------------------===//
#include "ingot/Dialect/Kernel/IR/Kernel.h"

using namespace mlir;
using namespace ingot::kernel;

#include "ingot/Dialect/Kernel/IR/KernelDialect.cpp.inc"

void KernelDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "ingot/Dialect/Kernel/IR/KernelOps.cpp.inc"
      >();
}
