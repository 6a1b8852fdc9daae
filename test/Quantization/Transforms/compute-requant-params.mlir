// RUN: ingot-opt %s --split-input-file --ingot-compute-requant-params | FileCheck %s

// Tests that a fully connected layer gets its Q31 multiplier, offsets and
// RELU clamp. Real multiplier 0.5 * 0.5 / 0.5 = 0.5 = 2^30 * 2^-31 with
// shift 0; input offset -(-128) = 128; RELU clamps at the output zero point
// -10 + round(0 / 0.5) = -10.

// CHECK-LABEL: func.func @fully_connected
func.func @fully_connected(%in: tensor<1x2x!quant.uniform<i8:f32, 0.5:-128>>) -> tensor<1x1x!quant.uniform<i8:f32, 0.5:-10>> {
  %w = graph.const dense<[[1, 2]]> : tensor<1x2xi8> -> tensor<1x2x!quant.uniform<i8:f32, 0.5>>
  // CHECK: graph.fully_connected
  // CHECK-SAME: ingot.requant = {activation_max = 127 : i32, activation_min = -10 : i32, filter_offset = 0 : i32, input_offset = 128 : i32, output_multiplier = 1073741824 : i32, output_offset = -10 : i32, output_shift = 0 : i32}
  %0 = graph.fully_connected %in, %w {fused_activation = #graph<activation relu>} : (tensor<1x2x!quant.uniform<i8:f32, 0.5:-128>>, tensor<1x2x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x1x!quant.uniform<i8:f32, 0.5:-10>>
  return %0 : tensor<1x1x!quant.uniform<i8:f32, 0.5:-10>>
}

// -----

// Tests that per-channel filter scales give one multiplier per output
// channel: 1.0 * 0.25 / 0.5 = 0.5 (shift 0) and 1.0 * 1.0 / 0.5 = 2 = 0.5 *
// 2^2 (shift 2).

// CHECK-LABEL: func.func @conv_per_channel
func.func @conv_per_channel(%in: tensor<1x1x1x1x!quant.uniform<i8:f32, 1.0>>) -> tensor<1x1x1x2x!quant.uniform<i8:f32, 0.5>> {
  %w = graph.const dense<1> : tensor<2x1x1x1xi8> -> tensor<2x1x1x1x!quant.uniform<i8:f32:0, {0.25, 1.0}>>
  // CHECK: graph.conv_2d
  // CHECK-SAME: output_multiplier = array<i32: 1073741824, 1073741824>
  // CHECK-SAME: output_shift = array<i32: 0, 2>
  %0 = graph.conv_2d %in, %w {padding = #graph<padding valid>, stride_h = 1 : i64, stride_w = 1 : i64, dilation_h = 1 : i64, dilation_w = 1 : i64, fused_activation = #graph<activation none>} : (tensor<1x1x1x1x!quant.uniform<i8:f32, 1.0>>, tensor<2x1x1x1x!quant.uniform<i8:f32:0, {0.25, 1.0}>>) -> tensor<1x1x1x2x!quant.uniform<i8:f32, 0.5>>
  return %0 : tensor<1x1x1x2x!quant.uniform<i8:f32, 0.5>>
}

// -----

// Tests that float ops get no parameters: they have no integer kernel.

// CHECK-LABEL: func.func @float_untouched
func.func @float_untouched(%in: tensor<1x2xf32>) -> tensor<1x2xf32> {
  // CHECK: graph.softmax
  // CHECK-NOT: ingot.requant
  %0 = graph.softmax %in {beta = 1.0 : f32} : (tensor<1x2xf32>) -> tensor<1x2xf32>
  return %0 : tensor<1x2xf32>
}

// -----

// Tests the largest rescale the runtime applies: 1.0 * 1.0 / 2^-29 = 2^29
// = 2^30 * 2^(30 - 31), multiplier 2^30 and shift 30.

// CHECK-LABEL: func.func @fully_connected_largest_rescale
func.func @fully_connected_largest_rescale(%in: tensor<1x2x!quant.uniform<i8:f32, 1.0>>) -> tensor<1x1x!quant.uniform<i8:f32, 1.862645149230957e-09>> {
  %w = graph.const dense<[[1, 2]]> : tensor<1x2xi8> -> tensor<1x2x!quant.uniform<i8:f32, 1.0>>
  // CHECK: graph.fully_connected
  // CHECK-SAME: output_multiplier = 1073741824 : i32
  // CHECK-SAME: output_shift = 30 : i32
  %0 = graph.fully_connected %in, %w {fused_activation = #graph<activation none>} : (tensor<1x2x!quant.uniform<i8:f32, 1.0>>, tensor<1x2x!quant.uniform<i8:f32, 1.0>>) -> tensor<1x1x!quant.uniform<i8:f32, 1.862645149230957e-09>>
  return %0 : tensor<1x1x!quant.uniform<i8:f32, 1.862645149230957e-09>>
}
