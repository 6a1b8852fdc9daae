//===- GraphDialect.cpp - ingot graph dialect registration ----------------===//
//
// This file implements the graph dialect's registration of its operations
// and enum attributes.
//
//===----------------------------------------------------------------------===//
#include "ingot/Dialect/Graph/IR/Graph.h"

#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace ingot::graph;

#include "ingot/Dialect/Graph/IR/GraphDialect.cpp.inc"
#include "ingot/Dialect/Graph/IR/GraphEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "ingot/Dialect/Graph/IR/GraphAttrs.cpp.inc"

void GraphDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "ingot/Dialect/Graph/IR/GraphOps.cpp.inc"
      >();
  addAttributes<
#define GET_ATTRDEF_LIST
#include "ingot/Dialect/Graph/IR/GraphAttrs.cpp.inc"
      >();
}
