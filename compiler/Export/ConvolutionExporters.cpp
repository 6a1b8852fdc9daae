//===- ConvolutionExporters.cpp - Export of windowed and dense operators --===//
//
// This file implements the export of conv_2d, depthwise_conv_2d,
// fully_connected, average_pool_2d, max_pool_2d and transpose_conv. Operator
// versions follow the TFLite converter's rules for the operand types: the
// first rule that matches, in the converter's order, wins.
//
//===----------------------------------------------------------------------===//
#include "OperatorExport.h"

using namespace mlir;
using namespace ingot::graph;

namespace ingot::exporter {
namespace {

/// Element types of an operator's input, filter and output.
struct WeightedTypes {
  std::optional<tflite::TensorType> input, filter, output;

  template <typename OpT> static WeightedTypes of(OpT op) {
    return {tfliteElementType(op.getInput()), tfliteElementType(op.getFilter()),
            tfliteElementType(op.getOutput())};
  }
  bool all(tflite::TensorType type) const {
    return input == type && filter == type && output == type;
  }
  /// Float activations with int8 weights (dynamic-range quantization).
  bool isHybrid() const {
    return input == tflite::TensorType_FLOAT32 &&
           filter == tflite::TensorType_INT8 &&
           output == tflite::TensorType_FLOAT32;
  }
};

LogicalResult addWeightedInputs(Value input, Value filter, Value bias,
                                OperatorWriter &writer) {
  if (failed(writer.addInput(input)) || failed(writer.addInput(filter)))
    return failure();
  // An absent bias is written as -1, as converters do; TFLite counts the
  // input, so the operator version does not change.
  return writer.addInput(bias);
}

int32_t conv2DVersion(Conv2DOp op) {
  WeightedTypes types = WeightedTypes::of(op);
  auto input = cast<RankedTensorType>(op.getInput().getType());
  auto filter = cast<RankedTensorType>(op.getFilter().getType());
  if (input.getDimSize(3) != filter.getDimSize(3))
    return 6; // grouped convolution
  // The int16 versions ask for int16 filters; 16x8 convolutions (int8
  // filters) keep version 1, as the converter writes them.
  if (types.all(tflite::TensorType_INT16))
    return 4;
  if (types.all(tflite::TensorType_INT8))
    return 3;
  if (types.isHybrid())
    return isPerAxisQuantized(op.getFilter()) ? 5 : 2;
  return 1;
}

LogicalResult exportConv2D(Conv2DOp op, OperatorWriter &writer) {
  if (failed(addWeightedInputs(op.getInput(), op.getFilter(), op.getBias(),
                               writer)))
    return failure();
  tflite::Conv2DOptionsT options;
  options.padding = tflitePadding(op.getPadding());
  options.stride_w = op.getStrideW();
  options.stride_h = op.getStrideH();
  options.dilation_w_factor = op.getDilationW();
  options.dilation_h_factor = op.getDilationH();
  options.fused_activation_function = tfliteActivation(op.getFusedActivation());
  writer.setOptions(options);
  writer.setCode(builtin::CONV_2D, conv2DVersion(op));
  return success();
}

int32_t depthwiseConv2DVersion(DepthwiseConv2DOp op) {
  WeightedTypes types = WeightedTypes::of(op);
  if (types.all(tflite::TensorType_INT16))
    return 5;
  if (types.isHybrid())
    return isPerAxisQuantized(op.getFilter()) ? 6 : 4;
  if (types.all(tflite::TensorType_INT8))
    return 3;
  if (op.getDilationH() != 1 || op.getDilationW() != 1)
    return 2;
  return 1;
}

LogicalResult exportDepthwiseConv2D(DepthwiseConv2DOp op,
                                    OperatorWriter &writer) {
  if (failed(addWeightedInputs(op.getInput(), op.getFilter(), op.getBias(),
                               writer)))
    return failure();
  tflite::DepthwiseConv2DOptionsT options;
  options.padding = tflitePadding(op.getPadding());
  options.stride_w = op.getStrideW();
  options.stride_h = op.getStrideH();
  options.depth_multiplier = op.getDepthMultiplier();
  options.dilation_w_factor = op.getDilationW();
  options.dilation_h_factor = op.getDilationH();
  options.fused_activation_function = tfliteActivation(op.getFusedActivation());
  writer.setOptions(options);
  writer.setCode(builtin::DEPTHWISE_CONV_2D, depthwiseConv2DVersion(op));
  return success();
}

int32_t fullyConnectedVersion(FullyConnectedOp op, bool keepNumDims) {
  WeightedTypes types = WeightedTypes::of(op);
  if (types.isHybrid() && isPerAxisQuantized(op.getFilter()))
    return 12;
  if (types.all(tflite::TensorType_INT16))
    return 7;
  if (keepNumDims)
    return 5;
  // Version 9 introduced asymmetric_quantize_inputs for hybrid kernels (the
  // converter writes 5 for one that also keeps its dimensions).
  if (types.isHybrid() && op->hasAttr("ingot.asymmetric_quantize_inputs"))
    return 9;
  if (types.all(tflite::TensorType_INT8))
    return 4;
  if (types.isHybrid())
    return 3;
  return 1;
}

LogicalResult exportFullyConnected(FullyConnectedOp op,
                                   OperatorWriter &writer) {
  if (failed(addWeightedInputs(op.getInput(), op.getFilter(), op.getBias(),
                               writer)))
    return failure();
  // Without keep_num_dims the output is [batches, units]; any other rank
  // keeps the input's leading dimensions.
  bool keepNumDims =
      cast<RankedTensorType>(op.getOutput().getType()).getRank() != 2;
  tflite::FullyConnectedOptionsT options;
  options.fused_activation_function = tfliteActivation(op.getFusedActivation());
  options.keep_num_dims = keepNumDims;
  options.asymmetric_quantize_inputs =
      op->hasAttr("ingot.asymmetric_quantize_inputs");
  writer.setOptions(options);
  writer.setCode(builtin::FULLY_CONNECTED,
                 fullyConnectedVersion(op, keepNumDims));
  return success();
}

template <typename PoolOpT> int32_t poolVersion(PoolOpT op) {
  std::optional<tflite::TensorType> input = tfliteElementType(op.getInput());
  std::optional<tflite::TensorType> output = tfliteElementType(op.getOutput());
  if (input == tflite::TensorType_INT16 && output == tflite::TensorType_INT16)
    return 3;
  if (input == tflite::TensorType_INT8)
    return 2;
  return 1;
}

template <typename PoolOpT, int32_t Code>
LogicalResult exportPool(PoolOpT op, OperatorWriter &writer) {
  if (failed(writer.addInput(op.getInput())))
    return failure();
  tflite::Pool2DOptionsT options;
  options.padding = tflitePadding(op.getPadding());
  options.stride_w = op.getStrideW();
  options.stride_h = op.getStrideH();
  options.filter_width = op.getFilterW();
  options.filter_height = op.getFilterH();
  options.fused_activation_function = tfliteActivation(op.getFusedActivation());
  writer.setOptions(options);
  writer.setCode(Code, poolVersion(op));
  return success();
}

LogicalResult exportTransposeConv(TransposeConvOp op, OperatorWriter &writer) {
  // Inputs are output shape, filter, input and (optional) bias; an absent
  // bias is left out, as converters that predate it wrote the operator.
  ArrayRef<int64_t> outputShape =
      cast<RankedTensorType>(op.getOutput().getType()).getShape();
  std::string name = writer.outputName();
  int64_t rank = outputShape.size();
  if (failed(writer.addInt32Input(name.empty() ? "output_shape"
                                               : name + "/output_shape",
                                  {rank}, outputShape)) ||
      failed(writer.addInput(op.getFilter())) ||
      failed(writer.addInput(op.getInput())))
    return failure();
  if (op.getBias() && failed(writer.addInput(op.getBias())))
    return failure();
  tflite::TransposeConvOptionsT options;
  options.padding = tflitePadding(op.getPadding());
  options.stride_w = op.getStrideW();
  options.stride_h = op.getStrideH();
  writer.setOptions(options);

  int32_t version = 1;
  if (op.getBias())
    version = 3;
  else if (tfliteElementType(op.getFilter()) == tflite::TensorType_INT8)
    version = 2;
  writer.setCode(builtin::TRANSPOSE_CONV, version);
  return success();
}

} // namespace

void appendConvolutionExporters(std::vector<ExporterEntry> &table) {
  table.push_back(exporterFor<Conv2DOp, exportConv2D>());
  table.push_back(exporterFor<DepthwiseConv2DOp, exportDepthwiseConv2D>());
  table.push_back(exporterFor<FullyConnectedOp, exportFullyConnected>());
  table.push_back(
      exporterFor<AveragePool2DOp,
                  exportPool<AveragePool2DOp, builtin::AVERAGE_POOL_2D>>());
  table.push_back(exporterFor<MaxPool2DOp,
                              exportPool<MaxPool2DOp, builtin::MAX_POOL_2D>>());
  table.push_back(exporterFor<TransposeConvOp, exportTransposeConv>());
}

} // namespace ingot::exporter
