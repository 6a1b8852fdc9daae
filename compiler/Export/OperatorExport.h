//===- OperatorExport.h - Per-operator export handlers ----------*- C++ -*-===//
//
// The exporter is a table of handlers keyed by graph op. A handler names the
// TFLite builtin operator and the version its types need, lists the
// operator's inputs in the order the format defines, and fills in the
// builtin options; the model-level exporter owns tensors and buffers.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_EXPORT_OPERATOREXPORT_H
#define INGOT_EXPORT_OPERATOREXPORT_H

#include "schema_generated.h"

#include "ingot/Dialect/Graph/IR/Graph.h"
#include "mlir/Support/TypeID.h"
#include "llvm/ADT/Twine.h"

#include <optional>
#include <vector>

namespace ingot::exporter {

/// TFLite builtin operator codes under the format's names.
namespace builtin {
#define INGOT_TFLITE_OPERATOR(NAME, CODE) inline constexpr int32_t NAME = CODE;
#include "Import/OperatorNames.def"
} // namespace builtin

class ModelExporter;

/// What a handler sees of the operator it exports.
class OperatorWriter {
public:
  OperatorWriter(ModelExporter &exporter, mlir::Operation *op,
                 tflite::OperatorT &tfliteOp)
      : exporter(exporter), op(op), tfliteOp(tfliteOp) {}

  /// Sets the builtin operator code and version.
  void setCode(int32_t builtinCode, int32_t version) {
    code = builtinCode;
    this->version = version;
  }
  int32_t getCode() const { return code; }
  int32_t getVersion() const { return version; }

  /// Appends `value`'s tensor to the operator's inputs; a null value is an
  /// omitted optional input (-1).
  mlir::LogicalResult addInput(mlir::Value value);
  /// Appends a new constant tensor of `shape` holding `values` in
  /// `elementType` (an integer or quantized integer type), the way converters
  /// pass shapes and fill values as inputs.
  mlir::LogicalResult addConstantInput(llvm::StringRef name,
                                       mlir::Type elementType,
                                       llvm::ArrayRef<int64_t> shape,
                                       llvm::ArrayRef<int64_t> values);
  /// As addConstantInput, for an INT32 tensor.
  mlir::LogicalResult addInt32Input(llvm::StringRef name,
                                    llvm::ArrayRef<int64_t> shape,
                                    llvm::ArrayRef<int64_t> values);

  /// Sets the builtin options (one of the BuiltinOptions union's tables).
  template <typename OptionsT> void setOptions(OptionsT options) {
    tfliteOp.builtin_options.Set(std::move(options));
  }

  /// The name of the operator's output tensor.
  std::string outputName() const;

  /// Emits an error at the operation and returns failure.
  mlir::LogicalResult fail(const llvm::Twine &message);

private:
  ModelExporter &exporter;
  mlir::Operation *op;
  tflite::OperatorT &tfliteOp;
  int32_t code = -1;
  int32_t version = 1;
};

/// Writes one graph op; succeeds only after setCode.
using OperatorExporter = mlir::LogicalResult (*)(mlir::Operation *,
                                                 OperatorWriter &);

struct ExporterEntry {
  mlir::TypeID opType;
  OperatorExporter handler;
};

template <typename OpT, mlir::LogicalResult (*Handler)(OpT, OperatorWriter &)>
ExporterEntry exporterFor() {
  return {mlir::TypeID::get<OpT>(),
          [](mlir::Operation *op, OperatorWriter &writer) {
            return Handler(mlir::cast<OpT>(op), writer);
          }};
}

/// Handler families, one file each.
void appendConvolutionExporters(std::vector<ExporterEntry> &table);
void appendElementwiseExporters(std::vector<ExporterEntry> &table);
void appendRecurrentExporters(std::vector<ExporterEntry> &table);
void appendShapeExporters(std::vector<ExporterEntry> &table);

//===----------------------------------------------------------------------===//
// Type queries that operator versions depend on
//===----------------------------------------------------------------------===//

/// The TFLite element type that holds `type`'s elements (the storage type
/// for quantized types); nullopt if the format has none.
std::optional<tflite::TensorType> tfliteElementType(mlir::Type type);

/// As above for a value; a null value (omitted input) has no type.
std::optional<tflite::TensorType> tfliteElementType(mlir::Value value);

/// True if `value` is quantized per axis (per channel).
bool isPerAxisQuantized(mlir::Value value);

inline tflite::ActivationFunctionType
tfliteActivation(graph::Activation activation) {
  switch (activation) {
  case graph::Activation::None:
    return tflite::ActivationFunctionType_NONE;
  case graph::Activation::Relu:
    return tflite::ActivationFunctionType_RELU;
  case graph::Activation::ReluN1To1:
    return tflite::ActivationFunctionType_RELU_N1_TO_1;
  case graph::Activation::Relu6:
    return tflite::ActivationFunctionType_RELU6;
  }
  return tflite::ActivationFunctionType_NONE;
}

inline tflite::Padding tflitePadding(graph::Padding padding) {
  return padding == graph::Padding::Same ? tflite::Padding_SAME
                                         : tflite::Padding_VALID;
}

} // namespace ingot::exporter

#endif // INGOT_EXPORT_OPERATOREXPORT_H
