//===- Graph.h - ingot graph dialect ----------------------------*- C++ -*-===//
#ifndef INGOT_DIALECT_GRAPH_IR_GRAPH_H
#define INGOT_DIALECT_GRAPH_IR_GRAPH_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "ingot/Dialect/Graph/IR/GraphDialect.h.inc"
#include "ingot/Dialect/Graph/IR/GraphEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "ingot/Dialect/Graph/IR/GraphAttrs.h.inc"

#define GET_OP_CLASSES
#include "ingot/Dialect/Graph/IR/GraphOps.h.inc"

#include <string>

namespace ingot::graph {

/// Names the model file and TFLite operator an op was imported from, for the
/// start of an error message: "model.tflite: operator #3 (CONV_2D) ". Falls
/// back to the op's own name for ops not imported from a model.
std::string describeImportedOperator(mlir::Operation *op);

} // namespace ingot::graph

#endif // INGOT_DIALECT_GRAPH_IR_GRAPH_H
