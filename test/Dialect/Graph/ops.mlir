// RUN: ingot-opt %s --split-input-file | ingot-opt --split-input-file | FileCheck %s

// Tests that a weight keeps its stored values and its quantized result type.

// CHECK-LABEL: func.func @const
func.func @const() -> tensor<2x3x!quant.uniform<i8:f32, 5.000000e-01>> {
  // CHECK: graph.const dense<1> : tensor<2x3xi8> -> tensor<2x3x!quant.uniform<i8:f32, 5.000000e-01>>
  %0 = graph.const dense<1> : tensor<2x3xi8> -> tensor<2x3x!quant.uniform<i8:f32, 0.5>>
  return %0 : tensor<2x3x!quant.uniform<i8:f32, 0.5>>
}

// -----

// Tests that a per-axis quantized weight round-trips with its axis and scales.

// CHECK-LABEL: func.func @const_per_axis
func.func @const_per_axis() -> tensor<2x1x1x1x!quant.uniform<i8:f32:0, {2.500000e-01,1.250000e-01}>> {
  // CHECK: graph.const dense<[{{\[\[\[}}1]]], {{\[\[\[}}-1]]]]> : tensor<2x1x1x1xi8> -> tensor<2x1x1x1x!quant.uniform<i8:f32:0, {2.500000e-01,1.250000e-01}>>
  %0 = graph.const dense<[[[[1]]], [[[-1]]]]> : tensor<2x1x1x1xi8> -> tensor<2x1x1x1x!quant.uniform<i8:f32:0, {0.25, 0.125}>>
  return %0 : tensor<2x1x1x1x!quant.uniform<i8:f32:0, {0.25, 0.125}>>
}

// -----

// Tests that a variable keeps its name.

// CHECK-LABEL: func.func @variable
func.func @variable() -> tensor<1x8xi8> {
  // CHECK: graph.variable "svdf_state" : tensor<1x8xi8>
  %0 = graph.variable "svdf_state" : tensor<1x8xi8>
  return %0 : tensor<1x8xi8>
}

// -----

// Tests that a convolution keeps its padding, strides, dilations, activation
// and optional bias.

// CHECK-LABEL: func.func @conv_2d
// CHECK-SAME: %[[IN:.*]]: tensor<1x5x5x2xi8>, %[[W:.*]]: tensor<4x3x3x2xi8>, %[[B:.*]]: tensor<4xi32>
func.func @conv_2d(%in: tensor<1x5x5x2xi8>, %w: tensor<4x3x3x2xi8>, %b: tensor<4xi32>) -> (tensor<1x3x3x4xi8>, tensor<1x5x5x4xi8>) {
  // CHECK: graph.conv_2d %[[IN]], %[[W]], %[[B]] {dilation_h = 1 : i64, dilation_w = 1 : i64, fused_activation = #graph<activation relu6>, padding = #graph<padding valid>, stride_h = 1 : i64, stride_w = 1 : i64}
  %0 = graph.conv_2d %in, %w, %b {padding = #graph<padding valid>, stride_h = 1 : i64, stride_w = 1 : i64, dilation_h = 1 : i64, dilation_w = 1 : i64, fused_activation = #graph<activation relu6>} : (tensor<1x5x5x2xi8>, tensor<4x3x3x2xi8>, tensor<4xi32>) -> tensor<1x3x3x4xi8>
  // CHECK: graph.conv_2d %[[IN]], %[[W]] {{{.*}}padding = #graph<padding same>{{.*}}} : (tensor<1x5x5x2xi8>, tensor<4x3x3x2xi8>) -> tensor<1x5x5x4xi8>
  %1 = graph.conv_2d %in, %w {padding = #graph<padding same>, stride_h = 1 : i64, stride_w = 1 : i64, dilation_h = 1 : i64, dilation_w = 1 : i64, fused_activation = #graph<activation none>} : (tensor<1x5x5x2xi8>, tensor<4x3x3x2xi8>) -> tensor<1x5x5x4xi8>
  return %0, %1 : tensor<1x3x3x4xi8>, tensor<1x5x5x4xi8>
}

// -----

// Tests that a depthwise convolution keeps its depth multiplier.

// CHECK-LABEL: func.func @depthwise_conv_2d
func.func @depthwise_conv_2d(%in: tensor<1x4x4x2xi8>, %w: tensor<1x3x3x4xi8>) -> tensor<1x2x2x4xi8> {
  // CHECK: graph.depthwise_conv_2d %{{.*}}, %{{.*}} {{{.*}}depth_multiplier = 2 : i64{{.*}}fused_activation = #graph<activation relu_n1_to_1>
  %0 = graph.depthwise_conv_2d %in, %w {padding = #graph<padding valid>, stride_h = 1 : i64, stride_w = 1 : i64, dilation_h = 1 : i64, dilation_w = 1 : i64, depth_multiplier = 2 : i64, fused_activation = #graph<activation relu_n1_to_1>} : (tensor<1x4x4x2xi8>, tensor<1x3x3x4xi8>) -> tensor<1x2x2x4xi8>
  return %0 : tensor<1x2x2x4xi8>
}

// -----

// Tests fully connected, add, pooling, reshape and softmax on quantized
// tensors.

// CHECK-LABEL: func.func @layers
func.func @layers(%in: tensor<1x4x4x2x!quant.uniform<i8:f32, 0.5:-1>>, %w: tensor<3x8x!quant.uniform<i8:f32, 0.25>>) -> tensor<1x3x!quant.uniform<i8:f32, 3.906250e-03:-128>> {
  // CHECK: %[[ADD:.*]] = graph.add %{{.*}}, %{{.*}} {fused_activation = #graph<activation relu>}
  %0 = graph.add %in, %in {fused_activation = #graph<activation relu>} : (tensor<1x4x4x2x!quant.uniform<i8:f32, 0.5:-1>>, tensor<1x4x4x2x!quant.uniform<i8:f32, 0.5:-1>>) -> tensor<1x4x4x2x!quant.uniform<i8:f32, 0.5:-1>>
  // CHECK: %[[AVG:.*]] = graph.average_pool_2d %[[ADD]] {filter_h = 2 : i64, filter_w = 2 : i64, fused_activation = #graph<activation none>, padding = #graph<padding valid>, stride_h = 2 : i64, stride_w = 2 : i64}
  %1 = graph.average_pool_2d %0 {padding = #graph<padding valid>, filter_h = 2 : i64, filter_w = 2 : i64, stride_h = 2 : i64, stride_w = 2 : i64, fused_activation = #graph<activation none>} : (tensor<1x4x4x2x!quant.uniform<i8:f32, 0.5:-1>>) -> tensor<1x2x2x2x!quant.uniform<i8:f32, 0.5:-1>>
  // CHECK: %[[MAX:.*]] = graph.max_pool_2d %[[AVG]]
  %2 = graph.max_pool_2d %1 {padding = #graph<padding same>, filter_h = 2 : i64, filter_w = 2 : i64, stride_h = 1 : i64, stride_w = 1 : i64, fused_activation = #graph<activation none>} : (tensor<1x2x2x2x!quant.uniform<i8:f32, 0.5:-1>>) -> tensor<1x2x2x2x!quant.uniform<i8:f32, 0.5:-1>>
  // CHECK: %[[FLAT:.*]] = graph.reshape %[[MAX]] : (tensor<1x2x2x2x!quant.uniform<i8:f32, 5.000000e-01:-1>>) -> tensor<1x8x!quant.uniform<i8:f32, 5.000000e-01:-1>>
  %3 = graph.reshape %2 : (tensor<1x2x2x2x!quant.uniform<i8:f32, 0.5:-1>>) -> tensor<1x8x!quant.uniform<i8:f32, 0.5:-1>>
  // CHECK: %[[FC:.*]] = graph.fully_connected %[[FLAT]], %{{.*}} {fused_activation = #graph<activation none>}
  %4 = graph.fully_connected %3, %w {fused_activation = #graph<activation none>} : (tensor<1x8x!quant.uniform<i8:f32, 0.5:-1>>, tensor<3x8x!quant.uniform<i8:f32, 0.25>>) -> tensor<1x3x!quant.uniform<i8:f32, 0.5:-1>>
  // CHECK: graph.softmax %[[FC]] {beta = 1.000000e+00 : f32}
  %5 = graph.softmax %4 {beta = 1.0 : f32} : (tensor<1x3x!quant.uniform<i8:f32, 0.5:-1>>) -> tensor<1x3x!quant.uniform<i8:f32, 0.00390625:-128>>
  return %5 : tensor<1x3x!quant.uniform<i8:f32, 0.00390625:-128>>
}

// -----

// Tests quantize, dequantize and the standalone activations.

// CHECK-LABEL: func.func @conversions
func.func @conversions(%in: tensor<4xf32>) -> tensor<4xf32> {
  // CHECK: %[[Q:.*]] = graph.quantize %{{.*}} : (tensor<4xf32>) -> tensor<4x!quant.uniform<i8:f32, 1.000000e-01:3>>
  %0 = graph.quantize %in : (tensor<4xf32>) -> tensor<4x!quant.uniform<i8:f32, 0.1:3>>
  // CHECK: %[[R:.*]] = graph.relu %[[Q]] : tensor<4x!quant.uniform<i8:f32, 1.000000e-01:3>>
  %1 = graph.relu %0 : tensor<4x!quant.uniform<i8:f32, 0.1:3>>
  // CHECK: %[[R6:.*]] = graph.relu6 %[[R]] : tensor<4x!quant.uniform<i8:f32, 1.000000e-01:3>>
  %2 = graph.relu6 %1 : tensor<4x!quant.uniform<i8:f32, 0.1:3>>
  // CHECK: graph.dequantize %[[R6]] : (tensor<4x!quant.uniform<i8:f32, 1.000000e-01:3>>) -> tensor<4xf32>
  %3 = graph.dequantize %2 : (tensor<4x!quant.uniform<i8:f32, 0.1:3>>) -> tensor<4xf32>
  return %3 : tensor<4xf32>
}

// -----

// Tests that SVDF prints its state operand after the `state` keyword.

// CHECK-LABEL: func.func @svdf
// CHECK-SAME: %[[IN:.*]]: tensor<1x4xi8>, %[[F:.*]]: tensor<2x4xi8>, %[[T:.*]]: tensor<2x3xi8>, %[[B:.*]]: tensor<1xi32>
func.func @svdf(%in: tensor<1x4xi8>, %f: tensor<2x4xi8>, %t: tensor<2x3xi8>, %b: tensor<1xi32>) -> tensor<1x1xi8> {
  // CHECK: %[[S:.*]] = graph.variable "state"
  %s = graph.variable "state" : tensor<1x6xi8>
  // CHECK: graph.svdf %[[IN]], %[[F]], %[[T]], %[[B]] state %[[S]] {fused_activation = #graph<activation none>, rank = 2 : i64}
  %0 = graph.svdf %in, %f, %t, %b state %s {rank = 2 : i64, fused_activation = #graph<activation none>} : (tensor<1x4xi8>, tensor<2x4xi8>, tensor<2x3xi8>, tensor<1xi32>, tensor<1x6xi8>) -> tensor<1x1xi8>
  return %0 : tensor<1x1xi8>
}
