//===- ElementwiseExporters.cpp - Export of per-element operators ---------===//
//
// This file implements the export of add, sub, reshape, softmax, quantize,
// dequantize, relu, relu6 and leaky_relu, with the operator versions the TFLite
// converter gives them for their operand types.
//
//===----------------------------------------------------------------------===//
#include "OperatorExport.h"

using namespace mlir;
using namespace ingot::graph;

namespace ingot::exporter {
namespace {

bool isQuantized(Value value) {
  return isa<quant::QuantizedType>(
      cast<ShapedType>(value.getType()).getElementType());
}

/// Options and version inputs shared by ADD and SUB.
struct BinaryTypes {
  std::optional<tflite::TensorType> input, output;
  bool inputQuantized;

  template <typename OpT> static BinaryTypes of(OpT op) {
    return {tfliteElementType(op.getLhs()), tfliteElementType(op.getOutput()),
            isQuantized(op.getLhs())};
  }
  bool isQuantizedInt16() const {
    return input == tflite::TensorType_INT16 &&
           output == tflite::TensorType_INT16 && inputQuantized;
  }
  bool isPlainInt16() const {
    return input == tflite::TensorType_INT16 && !inputQuantized;
  }
};

template <typename OpT>
LogicalResult addBinaryOperands(OpT op, OperatorWriter &writer) {
  return success(succeeded(writer.addInput(op.getLhs())) &&
                 succeeded(writer.addInput(op.getRhs())));
}

/// ADD and SUB options: the graph dialect rescales int16 inputs by any
/// scale, which TFLite does only with pot_scale_int16 off (on, it assumes
/// power-of-two scales).
template <typename OptionsT, typename OpT>
OptionsT binaryOptions(OpT op, const BinaryTypes &types) {
  OptionsT options;
  options.fused_activation_function = tfliteActivation(op.getFusedActivation());
  options.pot_scale_int16 = !types.isQuantizedInt16();
  return options;
}

LogicalResult exportAdd(AddOp op, OperatorWriter &writer) {
  if (failed(addBinaryOperands(op, writer)))
    return failure();
  BinaryTypes types = BinaryTypes::of(op);
  writer.setOptions(binaryOptions<tflite::AddOptionsT>(op, types));
  int32_t version = 1;
  if (types.isPlainInt16())
    version = 5;
  else if (types.input == tflite::TensorType_INT64)
    version = 4;
  else if (types.isQuantizedInt16())
    version = 3;
  else if (types.input == tflite::TensorType_INT8)
    version = 2;
  writer.setCode(builtin::ADD, version);
  return success();
}

LogicalResult exportSub(SubOp op, OperatorWriter &writer) {
  if (failed(addBinaryOperands(op, writer)))
    return failure();
  BinaryTypes types = BinaryTypes::of(op);
  writer.setOptions(binaryOptions<tflite::SubOptionsT>(op, types));
  auto lhs = cast<RankedTensorType>(op.getLhs().getType());
  auto rhs = cast<RankedTensorType>(op.getRhs().getType());
  bool broadcastsPast4D = lhs.getShape() != rhs.getShape() &&
                          std::max(lhs.getRank(), rhs.getRank()) > 4;
  int32_t version = 1;
  if (types.isQuantizedInt16())
    version = 5;
  else if (types.input == tflite::TensorType_INT64)
    version = 4;
  else if (broadcastsPast4D)
    version = 3;
  else if (types.input == tflite::TensorType_INT8)
    version = 2;
  writer.setCode(builtin::SUB, version);
  return success();
}

LogicalResult exportReshape(ReshapeOp op, OperatorWriter &writer) {
  if (failed(writer.addInput(op.getInput())))
    return failure();
  // Converters pass the new shape both as a second input (an int32
  // constant) and, in older files, in the options; runtimes read either.
  ArrayRef<int64_t> shape =
      cast<RankedTensorType>(op.getOutput().getType()).getShape();
  std::string name = writer.outputName();
  int64_t rank = shape.size();
  if (failed(writer.addInt32Input(name.empty() ? "shape" : name + "/shape",
                                  {rank}, shape)))
    return failure();
  tflite::ReshapeOptionsT options;
  options.new_shape.assign(shape.begin(), shape.end());
  writer.setOptions(options);
  writer.setCode(builtin::RESHAPE, 1);
  return success();
}

/// The converter's version rule for SOFTMAX and RELU6 (and several other
/// operators): by input type only.
int32_t versionByInput(Value input) {
  std::optional<tflite::TensorType> type = tfliteElementType(input);
  if (type == tflite::TensorType_INT16)
    return 3;
  if (type == tflite::TensorType_INT8)
    return 2;
  return 1;
}

LogicalResult exportSoftmax(SoftmaxOp op, OperatorWriter &writer) {
  if (failed(writer.addInput(op.getInput())))
    return failure();
  tflite::SoftmaxOptionsT options;
  options.beta = op.getBeta().convertToFloat();
  writer.setOptions(options);
  writer.setCode(builtin::SOFTMAX, versionByInput(op.getInput()));
  return success();
}

LogicalResult exportQuantize(QuantizeOp op, OperatorWriter &writer) {
  if (failed(writer.addInput(op.getInput())))
    return failure();
  int32_t version = 1;
  if (isPerAxisQuantized(op.getOutput()))
    version = 3;
  else if (tfliteElementType(op.getOutput()) == tflite::TensorType_INT16)
    version = 2;
  writer.setCode(builtin::QUANTIZE, version);
  return success();
}

LogicalResult exportDequantize(DequantizeOp op, OperatorWriter &writer) {
  if (failed(writer.addInput(op.getInput())))
    return failure();
  std::optional<tflite::TensorType> input = tfliteElementType(op.getInput());
  int32_t version = 1;
  if (input == tflite::TensorType_INT16 || input == tflite::TensorType_FLOAT16)
    version = 3;
  else if (input == tflite::TensorType_INT8)
    version = isPerAxisQuantized(op.getInput()) ? 5 : 2;
  writer.setCode(builtin::DEQUANTIZE, version);
  return success();
}

LogicalResult exportRelu(ReluOp op, OperatorWriter &writer) {
  if (failed(writer.addInput(op.getInput())))
    return failure();
  // Unlike RELU6, RELU's int8 version also covers uint8.
  int32_t version = versionByInput(op.getInput());
  if (tfliteElementType(op.getInput()) == tflite::TensorType_UINT8)
    version = 2;
  writer.setCode(builtin::RELU, version);
  return success();
}

LogicalResult exportLeakyRelu(LeakyReluOp op, OperatorWriter &writer) {
  if (failed(writer.addInput(op.getInput())))
    return failure();
  tflite::LeakyReluOptionsT options;
  options.alpha = op.getAlpha().convertToFloat();
  writer.setOptions(options);
  bool isInt16 = tfliteElementType(op.getInput()) == tflite::TensorType_INT16;
  writer.setCode(builtin::LEAKY_RELU, isInt16 ? 2 : 1);
  return success();
}

LogicalResult exportRelu6(Relu6Op op, OperatorWriter &writer) {
  if (failed(writer.addInput(op.getInput())))
    return failure();
  writer.setCode(builtin::RELU6, versionByInput(op.getInput()));
  return success();
}

} // namespace

void appendElementwiseExporters(std::vector<ExporterEntry> &table) {
  table.push_back(exporterFor<AddOp, exportAdd>());
  table.push_back(exporterFor<SubOp, exportSub>());
  table.push_back(exporterFor<ReshapeOp, exportReshape>());
  table.push_back(exporterFor<SoftmaxOp, exportSoftmax>());
  table.push_back(exporterFor<QuantizeOp, exportQuantize>());
  table.push_back(exporterFor<DequantizeOp, exportDequantize>());
  table.push_back(exporterFor<ReluOp, exportRelu>());
  table.push_back(exporterFor<Relu6Op, exportRelu6>());
  table.push_back(exporterFor<LeakyReluOp, exportLeakyRelu>());
}

} // namespace ingot::exporter
