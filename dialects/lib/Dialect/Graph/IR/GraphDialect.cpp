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

std::string ingot::graph::describeImportedOperator(mlir::Operation *op) {
  std::string file;
  op->getLoc()->walk([&](mlir::Location inner) {
    if (auto fileLoc = mlir::dyn_cast<mlir::FileLineColLoc>(inner)) {
      file = fileLoc.getFilename().str();
      return mlir::WalkResult::interrupt();
    }
    return mlir::WalkResult::advance();
  });
  std::string text = file.empty() ? "" : file + ": ";
  auto opName = op->getAttrOfType<mlir::StringAttr>("ingot.tflite_op");
  auto index = op->getAttrOfType<mlir::IntegerAttr>("ingot.tflite_index");
  if (index && opName)
    return text + "operator #" + std::to_string(index.getInt()) + " (" +
           opName.getValue().str() + ") ";
  return text + "'" + op->getName().getStringRef().str() + "' ";
}
