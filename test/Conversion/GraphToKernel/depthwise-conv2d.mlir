// RUN: ingot-opt %s --split-input-file --ingot-compute-requant-params --ingot-convert-graph-to-kernel | FileCheck %s

// Tests DEPTHWISE_CONV_2D with a depth multiplier and per-channel scales
// along the filter's last axis.
//
// Channel c: input 0.5 x filter[c] / output 0.25: filter {0.5, 0.5, 0.25,
// 0.25} gives 1.0 (2^30, shift 1) twice, then 0.5 (2^30, shift 0) twice.
// RELU6 on output 0.25 with zero point -128: [-128, -128 + 24 = -104].

// CHECK-LABEL: func.func @model
func.func @model(%in: tensor<1x4x4x2x!quant.uniform<i8:f32, 0.5:7>>) -> tensor<1x2x2x4x!quant.uniform<i8:f32, 0.25:-128>> {
  // CHECK: %[[W:.*]] = kernel.weight "depthwise_conv_2d_0_filter"
  %w = graph.const dense<1> : tensor<1x3x3x4xi8> -> tensor<1x3x3x4x!quant.uniform<i8:f32:3, {0.5, 0.5, 0.25, 0.25}>>
  // CHECK: kernel.depthwise_conv2d_s8 %{{.*}}, %[[W]]
  // CHECK-SAME: activation_max = -104 : i32, activation_min = -128 : i32
  // CHECK-SAME: depth_multiplier = 2 : i64
  // CHECK-SAME: input_offset = -7 : i32
  // CHECK-SAME: output_multiplier = array<i32: 1073741824, 1073741824, 1073741824, 1073741824>, output_offset = -128 : i32, output_shift = array<i32: 1, 1, 0, 0>
  // CHECK-SAME: padding = array<i64: 0, 0>
  // CHECK-SAME: -> tensor<1x2x2x4xi8>
  %0 = graph.depthwise_conv_2d %in, %w {padding = #graph<padding valid>, stride_h = 1 : i64, stride_w = 1 : i64, dilation_h = 1 : i64, dilation_w = 1 : i64, depth_multiplier = 2 : i64, fused_activation = #graph<activation relu6>} : (tensor<1x4x4x2x!quant.uniform<i8:f32, 0.5:7>>, tensor<1x3x3x4x!quant.uniform<i8:f32:3, {0.5, 0.5, 0.25, 0.25}>>) -> tensor<1x2x2x4x!quant.uniform<i8:f32, 0.25:-128>>
  return %0 : tensor<1x2x2x4x!quant.uniform<i8:f32, 0.25:-128>>
}

// -----

// Tests stride-2 SAME padding: 3x3 on 5x5 gives 3x3 outputs and a total
// padding of 2 * 2 + 3 - 5 = 2, one row and column before.

// CHECK-LABEL: func.func @strided_same
func.func @strided_same(%in: tensor<1x5x5x1x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x3x3x1x!quant.uniform<i8:f32, 0.5>> {
  %w = graph.const dense<1> : tensor<1x3x3x1xi8> -> tensor<1x3x3x1x!quant.uniform<i8:f32, 0.5>>
  // CHECK: kernel.depthwise_conv2d_s8 {{.*}}padding = array<i64: 1, 1>, strides = array<i64: 2, 2>
  %0 = graph.depthwise_conv_2d %in, %w {padding = #graph<padding same>, stride_h = 2 : i64, stride_w = 2 : i64, dilation_h = 1 : i64, dilation_w = 1 : i64, depth_multiplier = 1 : i64, fused_activation = #graph<activation none>} : (tensor<1x5x5x1x!quant.uniform<i8:f32, 0.5>>, tensor<1x3x3x1x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x3x3x1x!quant.uniform<i8:f32, 0.5>>
  return %0 : tensor<1x3x3x1x!quant.uniform<i8:f32, 0.5>>
}
