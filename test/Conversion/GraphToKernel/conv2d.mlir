// RUN: ingot-opt %s --split-input-file --ingot-compute-requant-params --ingot-convert-graph-to-kernel | FileCheck %s

// Tests per-channel requantization, offsets and VALID padding of CONV_2D.
//
// Channel c: input 0.5 x filter[c] / output 0.25. Filter scales {0.5, 0.375}
// give 1.0 = 0.5 * 2^1 (multiplier 2^30 = 1073741824, shift 1) and
// 0.75 = 0.75 * 2^0 (multiplier 0.75 * 2^31 = 1610612736, shift 0).
// input_offset -(-1) = 1, output_offset 5; RELU: [5 + 0, 127].

// CHECK-LABEL: func.func @model
// CHECK-SAME: (%[[IN:.*]]: tensor<1x5x5x1xi8>) -> tensor<1x3x3x2xi8>
func.func @model(%in: tensor<1x5x5x1x!quant.uniform<i8:f32, 0.5:-1>>) -> tensor<1x3x3x2x!quant.uniform<i8:f32, 0.25:5>> {
  // CHECK: %[[W:.*]] = kernel.weight "conv_2d_0_filter" dense<1> : tensor<2x3x3x1xi8>
  %w = graph.const dense<1> : tensor<2x3x3x1xi8> -> tensor<2x3x3x1x!quant.uniform<i8:f32:0, {0.5, 0.375}>>
  // CHECK: kernel.conv2d_s8 %[[IN]], %[[W]]
  // CHECK-SAME: activation_max = 127 : i32, activation_min = 5 : i32
  // CHECK-SAME: dilations = array<i64: 1, 1>
  // CHECK-SAME: input_offset = 1 : i32
  // CHECK-SAME: output_multiplier = array<i32: 1073741824, 1610612736>, output_offset = 5 : i32, output_shift = array<i32: 1, 0>
  // CHECK-SAME: padding = array<i64: 0, 0>, strides = array<i64: 1, 1>
  // CHECK-SAME: (tensor<1x5x5x1xi8>, tensor<2x3x3x1xi8>) -> tensor<1x3x3x2xi8>
  %0 = graph.conv_2d %in, %w {padding = #graph<padding valid>, stride_h = 1 : i64, stride_w = 1 : i64, dilation_h = 1 : i64, dilation_w = 1 : i64, fused_activation = #graph<activation relu>} : (tensor<1x5x5x1x!quant.uniform<i8:f32, 0.5:-1>>, tensor<2x3x3x1x!quant.uniform<i8:f32:0, {0.5, 0.375}>>) -> tensor<1x3x3x2x!quant.uniform<i8:f32, 0.25:5>>
  return %0 : tensor<1x3x3x2x!quant.uniform<i8:f32, 0.25:5>>
}

// -----

// Tests that a per-tensor filter scale applies to every output channel:
// 0.5 x 0.25 / 0.25 = 0.5 (multiplier 1073741824, shift 0) three times.

// CHECK-LABEL: func.func @per_tensor_filter
func.func @per_tensor_filter(%in: tensor<1x3x3x1x!quant.uniform<i8:f32, 0.5>>, %b: tensor<3xi32>) -> tensor<1x1x1x3x!quant.uniform<i8:f32, 0.25>> {
  %w = graph.const dense<1> : tensor<3x3x3x1xi8> -> tensor<3x3x3x1x!quant.uniform<i8:f32, 0.25>>
  // CHECK: kernel.conv2d_s8 %{{.*}}, %{{.*}}, %{{.*}} {{.*}}output_multiplier = array<i32: 1073741824, 1073741824, 1073741824>, output_offset = 0 : i32, output_shift = array<i32: 0, 0, 0>
  %0 = graph.conv_2d %in, %w, %b {padding = #graph<padding valid>, stride_h = 1 : i64, stride_w = 1 : i64, dilation_h = 1 : i64, dilation_w = 1 : i64, fused_activation = #graph<activation none>} : (tensor<1x3x3x1x!quant.uniform<i8:f32, 0.5>>, tensor<3x3x3x1x!quant.uniform<i8:f32, 0.25>>, tensor<3xi32>) -> tensor<1x1x1x3x!quant.uniform<i8:f32, 0.25>>
  return %0 : tensor<1x1x1x3x!quant.uniform<i8:f32, 0.25>>
}

// -----

// Tests SAME padding: the input is padded by (out - 1) * stride +
// (filter - 1) * dilation + 1 - in in total, the smaller half first.
//
// 3x3 filter on 4x4, strides (1, 2): out 4x2. Height: 3 + 3 - 4 = 2, top 1.
// Width: 2 + 3 - 4 = 1, left 0 (the extra column goes on the right).

// CHECK-LABEL: func.func @same_padding
func.func @same_padding(%in: tensor<1x4x4x1x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x4x2x1x!quant.uniform<i8:f32, 0.5>> {
  %w = graph.const dense<1> : tensor<1x3x3x1xi8> -> tensor<1x3x3x1x!quant.uniform<i8:f32, 0.5>>
  // CHECK: kernel.conv2d_s8 {{.*}}padding = array<i64: 1, 0>, strides = array<i64: 1, 2>
  %0 = graph.conv_2d %in, %w {padding = #graph<padding same>, stride_h = 1 : i64, stride_w = 2 : i64, dilation_h = 1 : i64, dilation_w = 1 : i64, fused_activation = #graph<activation none>} : (tensor<1x4x4x1x!quant.uniform<i8:f32, 0.5>>, tensor<1x3x3x1x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x4x2x1x!quant.uniform<i8:f32, 0.5>>
  return %0 : tensor<1x4x2x1x!quant.uniform<i8:f32, 0.5>>
}

// -----

// Tests SAME padding with dilation: a 3x3 filter dilated by 2 spans 5, so
// on 7x7 the total padding is 6 + 5 - 7 = 4, 2 before.

// CHECK-LABEL: func.func @dilated_same_padding
func.func @dilated_same_padding(%in: tensor<1x7x7x1x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x7x7x1x!quant.uniform<i8:f32, 0.5>> {
  %w = graph.const dense<1> : tensor<1x3x3x1xi8> -> tensor<1x3x3x1x!quant.uniform<i8:f32, 0.5>>
  // CHECK: kernel.conv2d_s8 {{.*}}dilations = array<i64: 2, 2>{{.*}}padding = array<i64: 2, 2>
  %0 = graph.conv_2d %in, %w {padding = #graph<padding same>, stride_h = 1 : i64, stride_w = 1 : i64, dilation_h = 2 : i64, dilation_w = 2 : i64, fused_activation = #graph<activation none>} : (tensor<1x7x7x1x!quant.uniform<i8:f32, 0.5>>, tensor<1x3x3x1x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x7x7x1x!quant.uniform<i8:f32, 0.5>>
  return %0 : tensor<1x7x7x1x!quant.uniform<i8:f32, 0.5>>
}
