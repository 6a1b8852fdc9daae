//===- ElementwiseExporters.cpp - Export of per-element operators ---------===//
//
// This file implements the export of add, reshape, softmax, quantize,
// dequantize, relu and relu6, with the operator versions the TFLite
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

LogicalResult exportAdd(AddOp op, OperatorWriter &writer) {
  if (failed(writer.addInput(op.getLhs())) ||
      failed(writer.addInput(op.getRhs())))
    return failure();
  std::optional<tflite::TensorType> input = tfliteElementType(op.getLhs());
  std::optional<tflite::TensorType> output = tfliteElementType(op.getOutput());
  bool quantizedInt16 = input == tflite::TensorType_INT16 &&
                        output == tflite::TensorType_INT16 &&
                        isQuantized(op.getLhs());
  tflite::AddOptionsT options;
  options.fused_activation_function = tfliteActivation(op.getFusedActivation());
  // The graph dialect rescales int16 inputs by any scale; TFLite does so only
  // with pot_scale_int16 off (on, it assumes power-of-two scales).
  options.pot_scale_int16 = !quantizedInt16;
  writer.setOptions(options);

  int32_t version = 1;
  if (input == tflite::TensorType_INT16 && !isQuantized(op.getLhs()))
    version = 5;
  else if (input == tflite::TensorType_INT64)
    version = 4;
  else if (quantizedInt16)
    version = 3;
  else if (input == tflite::TensorType_INT8)
    version = 2;
  writer.setCode(builtin::ADD, version);
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
  if (failed(writer.addInt32Input(name.empty() ? "shape" : name + "/shape",
                                  shape)))
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

LogicalResult exportRelu6(Relu6Op op, OperatorWriter &writer) {
  if (failed(writer.addInput(op.getInput())))
    return failure();
  writer.setCode(builtin::RELU6, versionByInput(op.getInput()));
  return success();
}

} // namespace

void appendElementwiseExporters(std::vector<ExporterEntry> &table) {
  table.push_back(exporterFor<AddOp, exportAdd>());
  table.push_back(exporterFor<ReshapeOp, exportReshape>());
  table.push_back(exporterFor<SoftmaxOp, exportSoftmax>());
  table.push_back(exporterFor<QuantizeOp, exportQuantize>());
  table.push_back(exporterFor<DequantizeOp, exportDequantize>());
  table.push_back(exporterFor<ReluOp, exportRelu>());
  table.push_back(exporterFor<Relu6Op, exportRelu6>());
}

} // namespace ingot::exporter
