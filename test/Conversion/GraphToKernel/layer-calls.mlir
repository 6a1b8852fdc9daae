// RUN: ingot-opt %s --split-input-file --ingot-compute-requant-params --ingot-convert-graph-to-kernel --verify-diagnostics | FileCheck %s

// Tests the kernels and parameters of the layer operators lowered to
// kernel.call.

// int8 BATCH_MATMUL of 1x2x3 by 1x3x2. The rescale 0.5 * 0.25 / 0.125 = 1
// is 0.5 * 2^1: multiplier 2^30, shift 1. Row-major operands: lhs (m, k) at
// m * 3 + k, rhs (k, n) at k * 2 + n; one batch at offset 0 of each.

// CHECK-LABEL: func.func @batch_matmul_s8
func.func @batch_matmul_s8(%a: tensor<1x2x3x!quant.uniform<i8:f32, 0.5:1>>, %b: tensor<1x3x2x!quant.uniform<i8:f32, 0.25:-1>>) -> tensor<1x2x2x!quant.uniform<i8:f32, 0.125:3>> {
  // CHECK: kernel.call "batch_matmul_s8"
  // CHECK-SAME: args = [1 : i32, array<i32: 0>, array<i32: 0>, 2 : i32, 3 : i32, 2 : i32, 3 : i32, 1 : i32, 2 : i32, 1 : i32, 1 : i32, -1 : i32, 3 : i32, 1073741824 : i32, 1 : i32]
  // CHECK-SAME: header = "ref/batch_matmul"
  %0 = graph.batch_matmul %a, %b {adj_x = false, adj_y = false} : (tensor<1x2x3x!quant.uniform<i8:f32, 0.5:1>>, tensor<1x3x2x!quant.uniform<i8:f32, 0.25:-1>>) -> tensor<1x2x2x!quant.uniform<i8:f32, 0.125:3>>
  return %0 : tensor<1x2x2x!quant.uniform<i8:f32, 0.125:3>>
}

// -----

// float32 BATCH_MATMUL with adj_x and a broadcast rhs: lhs 2x3x2 holds each
// matrix transposed (m, k) at k * 2 + m; the rhs's one matrix serves both
// batches (offsets 0, 0), the lhs's are 6 elements apart.

// CHECK-LABEL: func.func @batch_matmul_f32
func.func @batch_matmul_f32(%a: tensor<2x3x2xf32>, %b: tensor<1x3x4xf32>) -> tensor<2x2x4xf32> {
  // CHECK: kernel.call "batch_matmul_f32"
  // CHECK-SAME: args = [2 : i32, array<i32: 0, 6>, array<i32: 0, 0>, 2 : i32, 3 : i32, 4 : i32, 1 : i32, 2 : i32, 4 : i32, 1 : i32]
  %0 = graph.batch_matmul %a, %b {adj_x = true, adj_y = false} : (tensor<2x3x2xf32>, tensor<1x3x4xf32>) -> tensor<2x2x4xf32>
  return %0 : tensor<2x2x4xf32>
}

// -----

// int8 -> int16 QUANTIZE: 0.5 / 0.25 = 2 = 0.5 * 2^2 (2^30, shift 2).

// CHECK-LABEL: func.func @quantize_s8_s16
func.func @quantize_s8_s16(%x: tensor<5x!quant.uniform<i8:f32, 0.5:2>>) -> tensor<5x!quant.uniform<i16:f32, 0.25>> {
  // CHECK: kernel.call "requantize_s8_s16"
  // CHECK-SAME: args = [5 : i32, 2 : i32, 0 : i32, 1073741824 : i32, 2 : i32]
  // CHECK-SAME: header = "ref/requantize_wide"
  %0 = graph.quantize %x : (tensor<5x!quant.uniform<i8:f32, 0.5:2>>) -> tensor<5x!quant.uniform<i16:f32, 0.25>>
  return %0 : tensor<5x!quant.uniform<i16:f32, 0.25>>
}

// -----

// float32 TRANSPOSE_CONV 2x2 -> 4x4, 3x3 filter, stride 2, SAME, RELU6. The
// padding is that of a 4x4 input to a stride-2 3x3 window: total
// (2 - 1) * 2 + 3 - 4 = 1, of which 0 on top and left.

// CHECK-LABEL: func.func @transpose_conv_f32
func.func @transpose_conv_f32(%x: tensor<1x2x2x1xf32>) -> tensor<1x4x4x1xf32> {
  %w = graph.const dense<1.0> : tensor<1x3x3x1xf32> -> tensor<1x3x3x1xf32>
  // CHECK: kernel.call "transpose_conv2d_f32"
  // CHECK-SAME: args = [1 : i32, 2 : i32, 2 : i32, 1 : i32, 3 : i32, 3 : i32, 4 : i32, 4 : i32, 1 : i32, 2 : i32, 2 : i32, 0 : i32, 0 : i32, 0.000000e+00 : f32, 6.000000e+00 : f32]
  %0 = graph.transpose_conv %x, %w {padding = #graph<padding same>, stride_h = 2 : i64, stride_w = 2 : i64, ingot.fused_activation = #graph<activation relu6>} : (tensor<1x2x2x1xf32>, tensor<1x3x3x1xf32>) -> tensor<1x4x4x1xf32>
  return %0 : tensor<1x4x4x1xf32>
}

// -----

// TFLite Micro has only a float32 L2_POOL_2D.

func.func @l2_pool_s8(%x: tensor<1x4x4x1x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x2x2x1x!quant.uniform<i8:f32, 0.5>> {
  // expected-error @+1 {{'graph.l2_pool_2d' has no kernel for int8 tensors (L2_POOL_2D is supported on float32, as in TFLite Micro)}}
  %0 = graph.l2_pool_2d %x {padding = #graph<padding valid>, filter_h = 2 : i64, filter_w = 2 : i64, stride_h = 2 : i64, stride_w = 2 : i64, fused_activation = #graph<activation none>} : (tensor<1x4x4x1x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x2x2x1x!quant.uniform<i8:f32, 0.5>>
  return %0 : tensor<1x2x2x1x!quant.uniform<i8:f32, 0.5>>
}

// -----

// int8 FULLY_CONNECTED with per-channel weights. Channel rescales
// 0.5 * 0.5 / 0.25 = 1 = 0.5 * 2^1 (2^30, shift 1) and 0.5 * 0.25 / 0.25 =
// 0.5 (2^30, shift 0). RELU clamps at the output zero point 3.

// CHECK-LABEL: func.func @fully_connected_per_channel_s8
func.func @fully_connected_per_channel_s8(%x: tensor<1x4x!quant.uniform<i8:f32, 0.5:-1>>, %w: tensor<2x4x!quant.uniform<i8:f32:0, {0.5, 0.25}>>, %b: tensor<2xi32>) -> tensor<1x2x!quant.uniform<i8:f32, 0.25:3>> {
  // CHECK: kernel.call "fully_connected_per_channel_s8"
  // CHECK-SAME: args = [1 : i32, 4 : i32, 2 : i32, -1 : i32, 3 : i32, array<i32: 1073741824, 1073741824>, array<i32: 1, 0>, 3 : i32, 127 : i32]
  // CHECK-SAME: header = "ref/fully_connected_per_channel"
  %0 = graph.fully_connected %x, %w, %b {fused_activation = #graph<activation relu>} : (tensor<1x4x!quant.uniform<i8:f32, 0.5:-1>>, tensor<2x4x!quant.uniform<i8:f32:0, {0.5, 0.25}>>, tensor<2xi32>) -> tensor<1x2x!quant.uniform<i8:f32, 0.25:3>>
  return %0 : tensor<1x2x!quant.uniform<i8:f32, 0.25:3>>
}

// -----

// int16 FULLY_CONNECTED, per-channel weights, no bias: rescales 1.0 * s / 0.5
// for s = 0.5, 0.25, 0.125, 1.0 are 1, 0.5, 0.25, 2, i.e. 2^30 with shifts
// 1, 0, -1, 2. Two batches of three inputs.

// CHECK-LABEL: func.func @fully_connected_per_channel_s16
func.func @fully_connected_per_channel_s16(%x: tensor<2x3x!quant.uniform<i16:f32, 1.0>>, %w: tensor<4x3x!quant.uniform<i8:f32:0, {0.5, 0.25, 0.125, 1.0}>>) -> tensor<2x4x!quant.uniform<i16:f32, 0.5>> {
  // CHECK: kernel.call "fully_connected_per_channel_s16"
  // CHECK-SAME: args = [2 : i32, 3 : i32, 4 : i32, array<i32: 1073741824, 1073741824, 1073741824, 1073741824>, array<i32: 1, 0, -1, 2>, -32768 : i32, 32767 : i32]
  %0 = graph.fully_connected %x, %w {fused_activation = #graph<activation none>} : (tensor<2x3x!quant.uniform<i16:f32, 1.0>>, tensor<4x3x!quant.uniform<i8:f32:0, {0.5, 0.25, 0.125, 1.0}>>) -> tensor<2x4x!quant.uniform<i16:f32, 0.5>>
  return %0 : tensor<2x4x!quant.uniform<i16:f32, 0.5>>
}

// -----

// int16 FULLY_CONNECTED with per-tensor weights and an int32 bias (version
// 11) sums in int32 like the per-channel case: one rescale 0.5 * 0.25 /
// 0.125 = 1 (2^30, shift 1) for both channels.

// CHECK-LABEL: func.func @fully_connected_s16_int32_bias
func.func @fully_connected_s16_int32_bias(%x: tensor<1x3x!quant.uniform<i16:f32, 0.5>>, %w: tensor<2x3x!quant.uniform<i8:f32, 0.25>>, %b: tensor<2xi32>) -> tensor<1x2x!quant.uniform<i16:f32, 0.125>> {
  // CHECK: kernel.call "fully_connected_per_channel_s16"
  // CHECK-SAME: args = [1 : i32, 3 : i32, 2 : i32, array<i32: 1073741824, 1073741824>, array<i32: 1, 1>, -32768 : i32, 32767 : i32]
  %0 = graph.fully_connected %x, %w, %b {fused_activation = #graph<activation none>} : (tensor<1x3x!quant.uniform<i16:f32, 0.5>>, tensor<2x3x!quant.uniform<i8:f32, 0.25>>, tensor<2xi32>) -> tensor<1x2x!quant.uniform<i16:f32, 0.125>>
  return %0 : tensor<1x2x!quant.uniform<i16:f32, 0.125>>
}

// -----

// Per-tensor weights stay with the op-specific FULLY_CONNECTED lowering.

// CHECK-LABEL: func.func @fully_connected_per_tensor_s8
func.func @fully_connected_per_tensor_s8(%x: tensor<1x4x!quant.uniform<i8:f32, 0.5>>, %w: tensor<2x4x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x2x!quant.uniform<i8:f32, 0.25>> {
  // CHECK-NOT: kernel.call
  // CHECK: kernel.fully_connected_s8
  %0 = graph.fully_connected %x, %w {fused_activation = #graph<activation none>} : (tensor<1x4x!quant.uniform<i8:f32, 0.5>>, tensor<2x4x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x2x!quant.uniform<i8:f32, 0.25>>
  return %0 : tensor<1x2x!quant.uniform<i8:f32, 0.25>>
}

// -----

// int8 activations with an int64 bias have no per-channel kernel.

func.func @fully_connected_per_channel_s8_int64_bias(%x: tensor<1x4x!quant.uniform<i8:f32, 0.5>>, %w: tensor<2x4x!quant.uniform<i8:f32:0, {0.5, 0.25}>>, %b: tensor<2xi64>) -> tensor<1x2x!quant.uniform<i8:f32, 0.25>> {
  // expected-error @+1 {{'graph.fully_connected' has no kernel for int8 input and per-channel int8 weights with int64 bias (per-channel FULLY_CONNECTED is supported on int8 with int32 bias and int16 with int64 or int32 bias, with symmetric int8 weights)}}
  %0 = graph.fully_connected %x, %w, %b {fused_activation = #graph<activation none>} : (tensor<1x4x!quant.uniform<i8:f32, 0.5>>, tensor<2x4x!quant.uniform<i8:f32:0, {0.5, 0.25}>>, tensor<2xi64>) -> tensor<1x2x!quant.uniform<i8:f32, 0.25>>
  return %0 : tensor<1x2x!quant.uniform<i8:f32, 0.25>>
}

// -----

// int16 CONV_2D with an int32 bias (version 8): 3x3 VALID on a 3x3 input,
// RELU6. Rescales 1.0 * 0.5 / 0.25 = 2 (2^30, shift 2) and 1.0 * 0.25 / 0.25
// = 1 (2^30, shift 1); RELU6 clamps to [0, 6 / 0.25 = 24].

// CHECK-LABEL: func.func @conv2d_s16_int32_bias
func.func @conv2d_s16_int32_bias(%x: tensor<1x3x3x1x!quant.uniform<i16:f32, 1.0>>, %w: tensor<2x3x3x1x!quant.uniform<i8:f32:0, {0.5, 0.25}>>, %b: tensor<2xi32>) -> tensor<1x1x1x2x!quant.uniform<i16:f32, 0.25>> {
  // CHECK: kernel.call "conv2d_s16_int32_bias"
  // CHECK-SAME: args = [array<i32: 1073741824, 1073741824>, array<i32: 2, 1>, 1 : i32, 3 : i32, 3 : i32, 1 : i32, 3 : i32, 3 : i32, 1 : i32, 1 : i32, 2 : i32, 1 : i32, 1 : i32, 1 : i32, 1 : i32, 0 : i32, 0 : i32, 0 : i32, 24 : i32]
  %0 = graph.conv_2d %x, %w, %b {padding = #graph<padding valid>, stride_h = 1 : i64, stride_w = 1 : i64, dilation_h = 1 : i64, dilation_w = 1 : i64, fused_activation = #graph<activation relu6>} : (tensor<1x3x3x1x!quant.uniform<i16:f32, 1.0>>, tensor<2x3x3x1x!quant.uniform<i8:f32:0, {0.5, 0.25}>>, tensor<2xi32>) -> tensor<1x1x1x2x!quant.uniform<i16:f32, 0.25>>
  return %0 : tensor<1x1x1x2x!quant.uniform<i16:f32, 0.25>>
}

// -----

// float32 SVDF: 4 filters of rank 2 (2 units), memory 3, RELU. The state is
// [batch, memory * filters] = 1x12.

// CHECK-LABEL: func.func @svdf_f32
func.func @svdf_f32(%x: tensor<1x4xf32>, %f: tensor<4x4xf32>, %t: tensor<4x3xf32>, %b: tensor<2xf32>) -> tensor<1x2xf32> {
  %s = graph.variable "svdf_state" : tensor<1x12xf32>
  // CHECK: kernel.call "svdf_f32"
  // CHECK-SAME: args = [1 : i32, 4 : i32, 4 : i32, 2 : i32, 3 : i32, 2 : i32, 0.000000e+00 : f32, 3.40282347E+38 : f32]
  %0 = graph.svdf %x, %f, %t, %b state %s {rank = 2 : i64, fused_activation = #graph<activation relu>} : (tensor<1x4xf32>, tensor<4x4xf32>, tensor<4x3xf32>, tensor<2xf32>, tensor<1x12xf32>) -> tensor<1x2xf32>
  return %0 : tensor<1x2xf32>
}

// -----

// int8 SVDF with int16 time weights and state. Feature rescale 0.5 * 0.25 /
// 0.0625 = 2 (2^30, shift 2); output rescale 0.0625 * 0.125 / 0.5 = 2^-6
// (2^30, shift -5). The bias scale is 0.0625 * 0.125.

// CHECK-LABEL: func.func @svdf_s8_s16
func.func @svdf_s8_s16(%x: tensor<1x4x!quant.uniform<i8:f32, 0.5:-1>>, %f: tensor<4x4x!quant.uniform<i8:f32, 0.25>>, %t: tensor<4x3x!quant.uniform<i16:f32, 0.125>>, %b: tensor<2x!quant.uniform<i32:f32, 0.0078125>>) -> tensor<1x2x!quant.uniform<i8:f32, 0.5:2>> {
  %s = graph.variable "svdf_state" : tensor<1x12x!quant.uniform<i16:f32, 0.0625>>
  // CHECK: kernel.call "svdf_s8_s16"
  // CHECK-SAME: args = [1 : i32, 4 : i32, 4 : i32, 2 : i32, 3 : i32, 2 : i32, -1 : i32, 2 : i32, 1073741824 : i32, 2 : i32, 1073741824 : i32, -5 : i32]
  %0 = graph.svdf %x, %f, %t, %b state %s {rank = 2 : i64, fused_activation = #graph<activation none>} : (tensor<1x4x!quant.uniform<i8:f32, 0.5:-1>>, tensor<4x4x!quant.uniform<i8:f32, 0.25>>, tensor<4x3x!quant.uniform<i16:f32, 0.125>>, tensor<2x!quant.uniform<i32:f32, 0.0078125>>, tensor<1x12x!quant.uniform<i16:f32, 0.0625>>) -> tensor<1x2x!quant.uniform<i8:f32, 0.5:2>>
  return %0 : tensor<1x2x!quant.uniform<i8:f32, 0.5:2>>
}

// -----

// An int16 state must be symmetric.

func.func @svdf_s8_s16_asymmetric_state(%x: tensor<1x4x!quant.uniform<i8:f32, 0.5>>, %f: tensor<4x4x!quant.uniform<i8:f32, 0.25>>, %t: tensor<4x3x!quant.uniform<i16:f32, 0.125>>) -> tensor<1x2x!quant.uniform<i8:f32, 0.5>> {
  %s = graph.variable "svdf_state" : tensor<1x12x!quant.uniform<i16:f32, 0.0625:3>>
  // expected-error @+1 {{'graph.svdf' has no kernel for int8 input, int8 feature weights, int16 time weights, int16 state and no bias (SVDF is supported on float32, and on int8 with int8 feature weights, int32 bias and either int8 time weights and state or int16 time weights and a symmetric int16 state)}}
  %0 = graph.svdf %x, %f, %t state %s {rank = 2 : i64, fused_activation = #graph<activation none>} : (tensor<1x4x!quant.uniform<i8:f32, 0.5>>, tensor<4x4x!quant.uniform<i8:f32, 0.25>>, tensor<4x3x!quant.uniform<i16:f32, 0.125>>, tensor<1x12x!quant.uniform<i16:f32, 0.0625:3>>) -> tensor<1x2x!quant.uniform<i8:f32, 0.5>>
  return %0 : tensor<1x2x!quant.uniform<i8:f32, 0.5>>
}
