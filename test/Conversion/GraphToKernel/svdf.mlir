// RUN: ingot-opt %s --split-input-file --ingot-compute-requant-params --ingot-convert-graph-to-kernel | FileCheck %s

// Tests SVDF: the variable becomes a state filled with its zero point, and
// the two rescales are feature = input x weights_feature / state and
// time = state x weights_time / output.
//
// input 0.5 x feature 0.5 / state 0.25 = 1.0 (2^30, shift 1).
// state 0.25 x time 0.5 / output 0.25 = 0.5 (2^30, shift 0).
// TFLite's int8 SVDF ignores the fused RELU: the clamp is [-128, 127].

// CHECK-LABEL: func.func @model
// CHECK-SAME: (%[[IN:.*]]: tensor<1x4xi8>)
func.func @model(%in: tensor<1x4x!quant.uniform<i8:f32, 0.5:1>>) -> tensor<1x1x!quant.uniform<i8:f32, 0.25:-3>> {
  // CHECK-DAG: %[[S:.*]] = kernel.state "svdf_state" fill 2 : tensor<1x6xi8>
  // CHECK-DAG: %[[F:.*]] = kernel.weight "svdf_0_weights_feature" {{.*}} : tensor<2x4xi8>
  // CHECK-DAG: %[[T:.*]] = kernel.weight "svdf_0_weights_time" {{.*}} : tensor<2x3xi8>
  // CHECK-DAG: %[[B:.*]] = kernel.weight "svdf_0_bias" {{.*}} : tensor<1xi32>
  %s = graph.variable "svdf_state" : tensor<1x6x!quant.uniform<i8:f32, 0.25:2>>
  %f = graph.const dense<1> : tensor<2x4xi8> -> tensor<2x4x!quant.uniform<i8:f32, 0.5>>
  %t = graph.const dense<1> : tensor<2x3xi8> -> tensor<2x3x!quant.uniform<i8:f32, 0.5>>
  %b = graph.const dense<0> : tensor<1xi32> -> tensor<1x!quant.uniform<i32:f32, 0.125>>
  // CHECK: kernel.svdf_s8 %[[IN]], %[[F]], %[[T]], %[[B]] state %[[S]]
  // CHECK-SAME: activation_max = 127 : i32, activation_min = -128 : i32
  // CHECK-SAME: feature_multiplier = 1073741824 : i32, feature_shift = 1 : i32
  // CHECK-SAME: input_zero_point = 1 : i32, output_zero_point = -3 : i32, rank = 2 : i64, state_zero_point = 2 : i32
  // CHECK-SAME: time_multiplier = 1073741824 : i32, time_shift = 0 : i32
  %0 = graph.svdf %in, %f, %t, %b state %s {rank = 2 : i64, fused_activation = #graph<activation relu>} : (tensor<1x4x!quant.uniform<i8:f32, 0.5:1>>, tensor<2x4x!quant.uniform<i8:f32, 0.5>>, tensor<2x3x!quant.uniform<i8:f32, 0.5>>, tensor<1x!quant.uniform<i32:f32, 0.125>>, tensor<1x6x!quant.uniform<i8:f32, 0.25:2>>) -> tensor<1x1x!quant.uniform<i8:f32, 0.25:-3>>
  return %0 : tensor<1x1x!quant.uniform<i8:f32, 0.25:-3>>
}
