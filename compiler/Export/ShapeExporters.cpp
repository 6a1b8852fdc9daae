//===- ShapeExporters.cpp - Export of data-movement operators -------------===//
//
// This file implements the export of pad, strided_slice and concatenation,
// whose shape attributes go back to being int32 constant inputs as converters
// write them. A pad with a fill value becomes PADV2, whose third input holds
// the value in the input's type.
//
//===----------------------------------------------------------------------===//
#include "OperatorExport.h"

using namespace mlir;
using namespace ingot::graph;

namespace ingot::exporter {
namespace {

/// The name of an operand the IR keeps as an attribute: the output tensor's
/// name plus a suffix.
std::string operandName(OperatorWriter &writer, llvm::StringRef suffix) {
  std::string name = writer.outputName();
  return name.empty() ? suffix.str() : name + "/" + suffix.str();
}

LogicalResult exportPad(PadOp op, OperatorWriter &writer) {
  auto inputType = cast<RankedTensorType>(op.getInput().getType());
  int64_t rank = inputType.getRank();
  if (failed(writer.addInput(op.getInput())) ||
      failed(writer.addInt32Input(operandName(writer, "paddings"), {rank, 2},
                                  op.getPaddings())))
    return failure();
  bool isV2 = static_cast<bool>(op.getConstantAttr());
  if (isV2) {
    // PADV2's fill value has the input's type and quantization.
    if (failed(writer.addConstantInput(operandName(writer, "constant"),
                                       inputType.getElementType(), {},
                                       {op.getConstantAttr().getInt()})))
      return failure();
  } else {
    writer.setOptions(tflite::PadOptionsT());
  }

  std::optional<tflite::TensorType> input = tfliteElementType(op.getInput());
  int32_t version = 1;
  if (rank > 4)
    version = 4;
  else if (input == tflite::TensorType_INT16)
    version = 3;
  else if (input == tflite::TensorType_INT8)
    version = 2;
  writer.setCode(isV2 ? builtin::PADV2 : builtin::PAD, version);
  return success();
}

LogicalResult exportStridedSlice(StridedSliceOp op, OperatorWriter &writer) {
  int64_t rank = op.getBegin().size();
  if (failed(writer.addInput(op.getInput())) ||
      failed(writer.addInt32Input(operandName(writer, "begin"), {rank},
                                  op.getBegin())) ||
      failed(writer.addInt32Input(operandName(writer, "end"), {rank},
                                  op.getEnd())) ||
      failed(writer.addInt32Input(operandName(writer, "strides"), {rank},
                                  op.getStrides())))
    return failure();
  tflite::StridedSliceOptionsT options;
  options.begin_mask = op.getBeginMask();
  options.end_mask = op.getEndMask();
  options.ellipsis_mask = op.getEllipsisMask();
  options.new_axis_mask = op.getNewAxisMask();
  options.shrink_axis_mask = op.getShrinkAxisMask();
  options.offset = op.getOffset();
  writer.setOptions(options);

  std::optional<tflite::TensorType> input = tfliteElementType(op.getInput());
  int64_t inputRank = cast<RankedTensorType>(op.getInput().getType()).getRank();
  int32_t version = 1;
  if (op.getOffset())
    version = 8;
  else if (input == tflite::TensorType_UINT32)
    version = 7;
  else if (op.getEllipsisMask() != 0 || op.getNewAxisMask() != 0)
    version = 6;
  else if (inputRank > 4)
    version = 4;
  else if (input == tflite::TensorType_INT8)
    version = 2;
  writer.setCode(builtin::STRIDED_SLICE, version);
  return success();
}

LogicalResult exportConcatenation(ConcatenationOp op, OperatorWriter &writer) {
  for (Value input : op.getInputs())
    if (failed(writer.addInput(input)))
      return failure();
  tflite::ConcatenationOptionsT options;
  options.axis = static_cast<int32_t>(op.getAxis());
  options.fused_activation_function = tfliteActivation(op.getFusedActivation());
  writer.setOptions(options);

  std::optional<tflite::TensorType> output = tfliteElementType(op.getOutput());
  int32_t version = 1;
  if (output == tflite::TensorType_INT16)
    version = 3;
  else if (output == tflite::TensorType_INT8)
    version = 2;
  writer.setCode(builtin::CONCATENATION, version);
  return success();
}

} // namespace

void appendShapeExporters(std::vector<ExporterEntry> &table) {
  table.push_back(exporterFor<PadOp, exportPad>());
  table.push_back(exporterFor<StridedSliceOp, exportStridedSlice>());
  table.push_back(exporterFor<ConcatenationOp, exportConcatenation>());
}

} // namespace ingot::exporter
