//===- Exporter.h - graph dialect to .tflite --------------------*- C++ -*-===//
#ifndef INGOT_EXPORT_EXPORTER_H
#define INGOT_EXPORT_EXPORTER_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Support/LLVM.h"
#include "llvm/Support/raw_ostream.h"

namespace ingot::exporter {

/// Choices about what the written file carries beyond what runtimes need.
struct ExportOptions {
  /// Leave out the names of all tensors but the subgraph's inputs and
  /// outputs (TFLite's strip_strings tool drops those too; they name the
  /// model's interface, so they stay). Converter-made names (";"-joined
  /// chains of the fused TensorFlow ops) are 5% of a quantized MobileNet
  /// file, and no runtime reads them.
  bool stripNames = false;
};

/// Writes `model`, a function in the graph dialect as the importer builds it,
/// to `os` as a TensorFlow Lite flatbuffer (schema version 3, identifier
/// "TFL3") with one subgraph. Tensor names come from NameLoc locations, and
/// from `ingot.input_names` / `ingot.output_names` for the subgraph's inputs
/// and outputs. On an operation, type or value the format cannot hold, emits
/// one error at its location, writes nothing and returns failure.
mlir::LogicalResult exportTflite(mlir::func::FuncOp model,
                                 llvm::raw_ostream &os,
                                 const ExportOptions &options = {});

} // namespace ingot::exporter

#endif // INGOT_EXPORT_EXPORTER_H
