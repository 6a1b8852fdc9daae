//===- OperatorImport.h - Per-operator import handlers ----------*- C++ -*-===//
//
// The importer is a table of handlers keyed by TFLite builtin operator code.
// A handler reads one operator's options and operands and builds the graph
// op; it knows the format, not the semantics, which live in the dialect.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_IMPORT_OPERATORIMPORT_H
#define INGOT_IMPORT_OPERATORIMPORT_H

#include "schema_generated.h"

#include "ingot/Dialect/Graph/IR/Graph.h"
#include "mlir/IR/Builders.h"
#include "llvm/ADT/Twine.h"

#include <optional>

namespace ingot::import {

class ModelImporter;

/// What a handler sees of the operator it imports.
class OperatorContext {
public:
  OperatorContext(ModelImporter &importer, const tflite::Operator &op,
                  int32_t index, llvm::StringRef opName,
                  mlir::OpBuilder &builder, mlir::Location loc)
      : op(op), builder(builder), loc(loc), importer(importer), index(index),
        opName(opName) {}

  /// The value of input `i`; fails (with a diagnostic) if it is absent.
  mlir::FailureOr<mlir::Value> input(unsigned i);
  /// The value of optional input `i`: a null Value when the model omits it.
  mlir::FailureOr<mlir::Value> optionalInput(unsigned i);
  /// The integer values of input `i`, which must be a constant tensor.
  mlir::FailureOr<llvm::SmallVector<int64_t>> constantInts(unsigned i);
  /// The type of output `i`.
  mlir::FailureOr<mlir::RankedTensorType> outputType(unsigned i);
  /// Whether input `i` is empty in this iteration of a loop (see
  /// ModelImporter::resolveCounterSizedSlice); only CONCATENATION accepts one.
  bool isEmptyInput(unsigned i) const;
  /// The number of inputs and outputs the operator lists.
  unsigned numInputs() const;
  unsigned numOutputs() const;

  /// Reads the fused activation; fails on activations ingot cannot clamp.
  mlir::FailureOr<graph::Activation>
  activation(tflite::ActivationFunctionType type);
  graph::Padding padding(tflite::Padding padding) const {
    return padding == tflite::Padding_SAME ? graph::Padding::Same
                                           : graph::Padding::Valid;
  }

  /// Emits "FILE: operator #N (NAME): message" and returns failure.
  mlir::LogicalResult fail(const llvm::Twine &message);

  const tflite::Operator &op;
  mlir::OpBuilder &builder;
  mlir::Location loc;
  /// Results for outputs 1, 2, ... of an operator with several outputs
  /// (SPLIT, UNPACK); the handler returns output 0's.
  llvm::SmallVector<mlir::Value> moreResults;

private:
  ModelImporter &importer;
  int32_t index;
  llvm::StringRef opName;
  /// Handlers read every operand before checking for failure; only the
  /// first problem of an operator is reported.
  bool reported = false;

public:
  /// Options of the expected type, or failure if the model lacks them.
  template <typename OptionsT> mlir::FailureOr<const OptionsT *> options() {
    const OptionsT *options = op.builtin_options_as<OptionsT>();
    if (!options) {
      (void)fail("is missing its builtin options");
      return mlir::failure();
    }
    return options;
  }
};

/// Builds the graph op for one operator and returns its single result.
using OperatorHandler = mlir::FailureOr<mlir::Value> (*)(OperatorContext &);

struct HandlerEntry {
  int32_t code;
  /// The highest operator version whose semantics the handler implements.
  int32_t maxVersion;
  OperatorHandler handler;
};

/// Handler families, one file each.
void appendConvolutionHandlers(std::vector<HandlerEntry> &table);
void appendElementwiseHandlers(std::vector<HandlerEntry> &table);
void appendRecurrentHandlers(std::vector<HandlerEntry> &table);
void appendShapeHandlers(std::vector<HandlerEntry> &table);
void appendReductionHandlers(std::vector<HandlerEntry> &table);
void appendSequenceHandlers(std::vector<HandlerEntry> &table);

} // namespace ingot::import

#endif // INGOT_IMPORT_OPERATORIMPORT_H
