//===- KernelDialect.cpp - ingot kernel dialect registration --------------===//
//
// This file implements the kernel dialect's registration of its operations.
//
//===----------------------------------------------------------------------===//
#include "ingot/Dialect/Kernel/IR/Kernel.h"

using namespace mlir;
using namespace ingot::kernel;

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

#include "ingot/Dialect/Kernel/IR/KernelDialect.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "ingot/Dialect/Kernel/IR/KernelAttrs.cpp.inc"

LogicalResult TargetAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                 StringRef name, bool dsp, bool mve, bool fpu,
                                 bool dcache, StringRef optimize) {
  (void)dsp;
  (void)fpu;
  (void)dcache;
  (void)mve;
  if (name.empty())
    return emitError() << "target needs a name";
  if (optimize != "speed" && optimize != "size")
    return emitError() << "optimize must be \"speed\" or \"size\", not \""
                       << optimize << "\"";
  return success();
}

void KernelDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "ingot/Dialect/Kernel/IR/KernelOps.cpp.inc"
      >();
  addAttributes<
#define GET_ATTRDEF_LIST
#include "ingot/Dialect/Kernel/IR/KernelAttrs.cpp.inc"
      >();
}
