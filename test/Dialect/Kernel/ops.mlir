// RUN: ingot-opt %s --split-input-file | ingot-opt --split-input-file | FileCheck %s

// Tests that weights, states, aliases and copies round-trip.

// CHECK-LABEL: func.func @buffers
func.func @buffers(%in: tensor<1x2x2x1xi8>) -> (tensor<2x3xi8>, tensor<1x8xi8>, tensor<4xi8>, tensor<1x4xi8>) {
  // CHECK: kernel.weight "fc_filter" dense<1> : tensor<2x3xi8> : tensor<2x3xi8>
  %0 = kernel.weight "fc_filter" dense<1> : tensor<2x3xi8> : tensor<2x3xi8>
  // CHECK: kernel.state "svdf_state" fill -5 : tensor<1x8xi8>
  %1 = kernel.state "svdf_state" fill -5 : tensor<1x8xi8>
  // CHECK: %[[ALIAS:.*]] = kernel.alias %{{.*}} : tensor<1x2x2x1xi8> -> tensor<4xi8>
  %2 = kernel.alias %in : tensor<1x2x2x1xi8> -> tensor<4xi8>
  // CHECK: kernel.copy %[[ALIAS]] : tensor<4xi8> -> tensor<1x4xi8>
  %3 = kernel.copy %2 : tensor<4xi8> -> tensor<1x4xi8>
  return %0, %1, %2, %3 : tensor<2x3xi8>, tensor<1x8xi8>, tensor<4xi8>, tensor<1x4xi8>
}

// -----

// Tests that convolutions keep their per-channel parameter arrays.

// CHECK-LABEL: func.func @convolutions
func.func @convolutions(%in: tensor<1x4x4x2xi8>, %w: tensor<2x3x3x2xi8>, %dw: tensor<1x3x3x2xi8>, %b: tensor<2xi32>) -> (tensor<1x4x4x2xi8>, tensor<1x2x2x2xi8>) {
  // CHECK: kernel.conv2d_s8 %{{.*}}, %{{.*}}, %{{.*}} {activation_max = 127 : i32, activation_min = -128 : i32, dilations = array<i64: 1, 1>, input_offset = 128 : i32, output_multiplier = array<i32: 1073741824, 1610612736>, output_offset = -1 : i32, output_shift = array<i32: 0, -2>, padding = array<i64: 1, 1>, strides = array<i64: 1, 1>}
  %0 = kernel.conv2d_s8 %in, %w, %b {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = array<i64: 1, 1>, input_offset = 128 : i32, output_offset = -1 : i32, output_multiplier = array<i32: 1073741824, 1610612736>, output_shift = array<i32: 0, -2>, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<1x4x4x2xi8>, tensor<2x3x3x2xi8>, tensor<2xi32>) -> tensor<1x4x4x2xi8>
  // CHECK: kernel.depthwise_conv2d_s8 %{{.*}}, %{{.*}} {{{.*}}depth_multiplier = 1 : i64
  %1 = kernel.depthwise_conv2d_s8 %in, %dw {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = array<i64: 0, 0>, depth_multiplier = 1 : i64, input_offset = 0 : i32, output_offset = 0 : i32, output_multiplier = array<i32: 1073741824, 1073741824>, output_shift = array<i32: 0, 0>, activation_min = 0 : i32, activation_max = 127 : i32} : (tensor<1x4x4x2xi8>, tensor<1x3x3x2xi8>) -> tensor<1x2x2x2xi8>
  return %0, %1 : tensor<1x4x4x2xi8>, tensor<1x2x2x2xi8>
}

// -----

// Tests the per-tensor kernels: fully connected, add, pooling and softmax.

// CHECK-LABEL: func.func @per_tensor
func.func @per_tensor(%in: tensor<1x8xi8>, %w: tensor<3x8xi8>, %img: tensor<1x4x4x1xi8>) -> (tensor<1x3xi8>, tensor<1x8xi8>, tensor<1x2x2x1xi8>, tensor<1x2x2x1xi8>, tensor<1x8xi16>) {
  // CHECK: kernel.fully_connected_s8 {{.*}}filter_offset = 0 : i32, input_offset = 1 : i32, output_multiplier = 1073741824 : i32, output_offset = 2 : i32, output_shift = -1 : i32}
  %0 = kernel.fully_connected_s8 %in, %w {input_offset = 1 : i32, filter_offset = 0 : i32, output_offset = 2 : i32, output_multiplier = 1073741824 : i32, output_shift = -1 : i32, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<1x8xi8>, tensor<3x8xi8>) -> tensor<1x3xi8>
  // CHECK: kernel.add_s8 {{.*}}left_shift = 20 : i32
  %1 = kernel.add_s8 %in, %in {input1_offset = 0 : i32, input1_multiplier = 1073741824 : i32, input1_shift = 0 : i32, input2_offset = 0 : i32, input2_multiplier = 1073741824 : i32, input2_shift = 0 : i32, left_shift = 20 : i32, output_offset = 0 : i32, output_multiplier = 1073741824 : i32, output_shift = -19 : i32, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<1x8xi8>, tensor<1x8xi8>) -> tensor<1x8xi8>
  // CHECK: kernel.average_pool2d_s8 {{.*}}filter = array<i64: 2, 2>
  %2 = kernel.average_pool2d_s8 %img {filter = array<i64: 2, 2>, strides = array<i64: 2, 2>, padding = array<i64: 0, 0>, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<1x4x4x1xi8>) -> tensor<1x2x2x1xi8>
  // CHECK: kernel.max_pool2d_s8
  %3 = kernel.max_pool2d_s8 %img {filter = array<i64: 2, 2>, strides = array<i64: 2, 2>, padding = array<i64: 0, 0>, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<1x4x4x1xi8>) -> tensor<1x2x2x1xi8>
  // CHECK: kernel.softmax {{.*}}diff_min = -31 : i32, input_left_shift = 21 : i32, input_multiplier = 1073741824 : i32} : (tensor<1x8xi8>) -> tensor<1x8xi16>
  %4 = kernel.softmax %in {input_multiplier = 1073741824 : i32, input_left_shift = 21 : i32, diff_min = -31 : i32} : (tensor<1x8xi8>) -> tensor<1x8xi16>
  return %0, %1, %2, %3, %4 : tensor<1x3xi8>, tensor<1x8xi8>, tensor<1x2x2x1xi8>, tensor<1x2x2x1xi8>, tensor<1x8xi16>
}

// -----

// Tests the type conversion kernels.

// CHECK-LABEL: func.func @conversions
func.func @conversions(%in: tensor<4xf32>, %wide: tensor<4xi16>) -> (tensor<4xf32>, tensor<4xi8>) {
  // CHECK: %[[Q:.*]] = kernel.quantize_f32 %{{.*}} {scale = 5.000000e-01 : f32, zero_point = 3 : i32} : (tensor<4xf32>) -> tensor<4xi8>
  %0 = kernel.quantize_f32 %in {scale = 0.5 : f32, zero_point = 3 : i32} : (tensor<4xf32>) -> tensor<4xi8>
  // CHECK: kernel.dequantize_f32 %[[Q]] {scale = 5.000000e-01 : f32, zero_point = 3 : i32} : (tensor<4xi8>) -> tensor<4xf32>
  %1 = kernel.dequantize_f32 %0 {scale = 0.5 : f32, zero_point = 3 : i32} : (tensor<4xi8>) -> tensor<4xf32>
  // CHECK: kernel.requantize %{{.*}} {input_zero_point = 0 : i32, multiplier = 1073741824 : i32, output_zero_point = -128 : i32, shift = -7 : i32} : (tensor<4xi16>) -> tensor<4xi8>
  %2 = kernel.requantize %wide {input_zero_point = 0 : i32, output_zero_point = -128 : i32, multiplier = 1073741824 : i32, shift = -7 : i32} : (tensor<4xi16>) -> tensor<4xi8>
  return %1, %2 : tensor<4xf32>, tensor<4xi8>
}

// -----

// Tests that SVDF prints its state operand after the `state` keyword.

// CHECK-LABEL: func.func @svdf
func.func @svdf(%in: tensor<1x4xi8>, %f: tensor<2x4xi8>, %t: tensor<2x3xi8>) -> tensor<1x1xi8> {
  // CHECK: %[[S:.*]] = kernel.state "state" fill 0
  %s = kernel.state "state" fill 0 : tensor<1x6xi8>
  // CHECK: kernel.svdf_s8 %{{.*}}, %{{.*}}, %{{.*}} state %[[S]] {{{.*}}rank = 2 : i64
  %0 = kernel.svdf_s8 %in, %f, %t state %s {rank = 2 : i64, input_zero_point = 0 : i32, state_zero_point = 0 : i32, output_zero_point = 0 : i32, feature_multiplier = 1073741824 : i32, feature_shift = 0 : i32, time_multiplier = 1073741824 : i32, time_shift = 0 : i32, activation_min = -128 : i32, activation_max = 127 : i32} : (tensor<1x4xi8>, tensor<2x4xi8>, tensor<2x3xi8>, tensor<1x6xi8>) -> tensor<1x1xi8>
  return %0 : tensor<1x1xi8>
}
