//===- Importer.h - .tflite to graph dialect --------------------*- C++ -*-===//
#ifndef INGOT_IMPORT_IMPORTER_H
#define INGOT_IMPORT_IMPORTER_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/StringRef.h"

namespace ingot::import {

/// Reads the TensorFlow Lite model at `path` and returns a module holding its
/// main subgraph as one `func.func` in the graph dialect. On any problem
/// (unreadable, truncated or foreign file, unsupported operator, type or
/// shape) emits exactly one error naming the file, and the operator index and
/// name where there is one, and returns null.
mlir::OwningOpRef<mlir::ModuleOp> importTfliteFile(llvm::StringRef path,
                                                   mlir::MLIRContext &context);

/// As importTfliteFile, for a model already in memory; `fileName` is used in
/// diagnostics only.
mlir::OwningOpRef<mlir::ModuleOp>
importTfliteBuffer(llvm::StringRef bytes, llvm::StringRef fileName,
                   mlir::MLIRContext &context);

/// Attribute names on the imported function.
inline constexpr llvm::StringLiteral kInputNamesAttr = "ingot.input_names";
inline constexpr llvm::StringLiteral kOutputNamesAttr = "ingot.output_names";
/// Attribute naming the TFLite operator an op came from, e.g. "CONV_2D".
inline constexpr llvm::StringLiteral kTfliteOpAttr = "ingot.tflite_op";
/// Attribute holding the operator's index in the TFLite subgraph.
inline constexpr llvm::StringLiteral kTfliteIndexAttr = "ingot.tflite_index";

} // namespace ingot::import

#endif // INGOT_IMPORT_IMPORTER_H
