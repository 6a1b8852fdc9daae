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

#endif // INGOT_DIALECT_GRAPH_IR_GRAPH_H
