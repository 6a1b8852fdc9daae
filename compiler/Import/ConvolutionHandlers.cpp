//===- ConvolutionHandlers.cpp - Import of windowed and dense operators ---===//
//
// This file implements the import of CONV_2D, DEPTHWISE_CONV_2D,
// FULLY_CONNECTED, AVERAGE_POOL_2D and MAX_POOL_2D.
//
//===----------------------------------------------------------------------===//
#include "OperatorImport.h"

using namespace mlir;
using namespace ingot::graph;

namespace ingot::import {
namespace {

/// Reads input, filter, optional bias and the output type shared by the
/// convolution-like operators.
struct WeightedOperands {
  Value input, filter, bias;
  RankedTensorType outputType;
};

FailureOr<WeightedOperands> readWeightedOperands(OperatorContext &ctx) {
  FailureOr<Value> input = ctx.input(0);
  if (failed(input))
    return failure();
  FailureOr<Value> filter = ctx.input(1);
  if (failed(filter))
    return failure();
  FailureOr<Value> bias = ctx.optionalInput(2);
  if (failed(bias))
    return failure();
  FailureOr<RankedTensorType> outputType = ctx.outputType(0);
  if (failed(outputType))
    return failure();
  return WeightedOperands{*input, *filter, *bias, *outputType};
}

FailureOr<Value> importConv2D(OperatorContext &ctx) {
  auto options = ctx.options<tflite::Conv2DOptions>();
  if (failed(options))
    return failure();
  auto operands = readWeightedOperands(ctx);
  auto activation = ctx.activation((*options)->fused_activation_function());
  if (failed(operands) || failed(activation))
    return failure();
  return Conv2DOp::create(ctx.builder, ctx.loc, operands->outputType,
                          operands->input, operands->filter, operands->bias,
                          ctx.padding((*options)->padding()),
                          (*options)->stride_h(), (*options)->stride_w(),
                          (*options)->dilation_h_factor(),
                          (*options)->dilation_w_factor(), *activation)
      .getResult();
}

FailureOr<Value> importDepthwiseConv2D(OperatorContext &ctx) {
  auto options = ctx.options<tflite::DepthwiseConv2DOptions>();
  if (failed(options))
    return failure();
  auto operands = readWeightedOperands(ctx);
  auto activation = ctx.activation((*options)->fused_activation_function());
  if (failed(operands) || failed(activation))
    return failure();
  return DepthwiseConv2DOp::create(
             ctx.builder, ctx.loc, operands->outputType, operands->input,
             operands->filter, operands->bias,
             ctx.padding((*options)->padding()), (*options)->stride_h(),
             (*options)->stride_w(), (*options)->dilation_h_factor(),
             (*options)->dilation_w_factor(), (*options)->depth_multiplier(),
             *activation)
      .getResult();
}

FailureOr<Value> importFullyConnected(OperatorContext &ctx) {
  auto options = ctx.options<tflite::FullyConnectedOptions>();
  if (failed(options))
    return failure();
  if ((*options)->weights_format() !=
      tflite::FullyConnectedOptionsWeightsFormat_DEFAULT)
    return ctx.fail("uses shuffled weights, which ingot does not support; "
                    "convert the model without weight shuffling");
  auto operands = readWeightedOperands(ctx);
  auto activation = ctx.activation((*options)->fused_activation_function());
  if (failed(operands) || failed(activation))
    return failure();
  auto fc = FullyConnectedOp::create(ctx.builder, ctx.loc, operands->outputType,
                                     operands->input, operands->filter,
                                     operands->bias, *activation);
  // Only hybrid kernels read it (each input row then gets a zero point); the
  // graph op has no attribute for it, so the lowering reads this one.
  if ((*options)->asymmetric_quantize_inputs())
    fc->setAttr("ingot.asymmetric_quantize_inputs", ctx.builder.getUnitAttr());
  return fc.getResult();
}

template <typename PoolOpT> FailureOr<Value> importPool(OperatorContext &ctx) {
  auto options = ctx.options<tflite::Pool2DOptions>();
  if (failed(options))
    return failure();
  FailureOr<Value> input = ctx.input(0);
  FailureOr<RankedTensorType> outputType = ctx.outputType(0);
  auto activation = ctx.activation((*options)->fused_activation_function());
  if (failed(input) || failed(outputType) || failed(activation))
    return failure();
  return PoolOpT::create(ctx.builder, ctx.loc, *outputType, *input,
                         ctx.padding((*options)->padding()),
                         (*options)->filter_height(),
                         (*options)->filter_width(), (*options)->stride_h(),
                         (*options)->stride_w(), *activation)
      .getResult();
}

FailureOr<Value> importTransposeConv(OperatorContext &ctx) {
  auto options = ctx.options<tflite::TransposeConvOptions>();
  if (failed(options))
    return failure();
  // Input 0 is the output shape, which the output tensor's static shape
  // already states; TFLite Micro ignores it too.
  FailureOr<Value> filter = ctx.input(1);
  FailureOr<Value> input = ctx.input(2);
  FailureOr<Value> bias = ctx.optionalInput(3);
  FailureOr<RankedTensorType> outputType = ctx.outputType(0);
  if (failed(filter) || failed(input) || failed(bias) || failed(outputType))
    return failure();
  auto activation = ctx.activation((*options)->fused_activation_function());
  if (failed(activation))
    return failure();
  auto conv = TransposeConvOp::create(
      ctx.builder, ctx.loc, *outputType, *input, *filter, *bias,
      ctx.padding((*options)->padding()), (*options)->stride_h(),
      (*options)->stride_w());
  // The graph op has no activation operand; the planner of its kernel.call
  // reads this attribute (TFLite Micro clamps every type's output to it).
  if (*activation != Activation::None)
    conv->setAttr("ingot.fused_activation",
                  ActivationAttr::get(ctx.builder.getContext(), *activation));
  return conv.getResult();
}

} // namespace

void appendConvolutionHandlers(std::vector<HandlerEntry> &table) {
  table.push_back({/*CONV_2D*/ 3, 8, importConv2D});
  table.push_back({/*DEPTHWISE_CONV_2D*/ 4, 6, importDepthwiseConv2D});
  table.push_back({/*FULLY_CONNECTED*/ 9, 12, importFullyConnected});
  table.push_back({/*AVERAGE_POOL_2D*/ 1, 3, importPool<AveragePool2DOp>});
  table.push_back({/*MAX_POOL_2D*/ 17, 3, importPool<MaxPool2DOp>});
  table.push_back({/*L2_POOL_2D*/ 12, 1, importPool<L2Pool2DOp>});
  table.push_back({/*TRANSPOSE_CONV*/ 67, 4, importTransposeConv});
}

} // namespace ingot::import
