// RUN: ingot-opt %s --split-input-file --ingot-compute-requant-params --ingot-convert-graph-to-kernel | FileCheck %s

// Tests the fixed-point parameters of FULLY_CONNECTED.
//
// input 0.5 (zero point -128) x filter 0.5 / output 0.5 = 0.5 = 0.5 * 2^0:
// multiplier 0.5 * 2^31 = 1073741824, shift 0. Offsets: input -(-128) = 128,
// filter -0 = 0, output +10. No activation: the int8 range.

// CHECK-LABEL: func.func @model
// CHECK-SAME: (%[[IN:.*]]: tensor<1x4xi8>) -> tensor<1x2xi8>
func.func @model(%in: tensor<1x4x!quant.uniform<i8:f32, 0.5:-128>>) -> tensor<1x2x!quant.uniform<i8:f32, 0.5:10>> {
  // CHECK-DAG: %[[W:.*]] = kernel.weight "fully_connected_0_filter" dense<1> : tensor<2x4xi8>
  // CHECK-DAG: %[[B:.*]] = kernel.weight "fully_connected_0_bias" dense<7> : tensor<2xi32>
  %w = graph.const dense<1> : tensor<2x4xi8> -> tensor<2x4x!quant.uniform<i8:f32, 0.5>>
  %b = graph.const dense<7> : tensor<2xi32> -> tensor<2x!quant.uniform<i32:f32, 0.25>>
  // CHECK: kernel.fully_connected_s8 %[[IN]], %[[W]], %[[B]]
  // CHECK-SAME: activation_max = 127 : i32, activation_min = -128 : i32
  // CHECK-SAME: filter_offset = 0 : i32
  // CHECK-SAME: ingot.layer = "fully_connected_0"
  // CHECK-SAME: input_offset = 128 : i32
  // CHECK-SAME: output_multiplier = 1073741824 : i32, output_offset = 10 : i32, output_shift = 0 : i32
  // CHECK-SAME: (tensor<1x4xi8>, tensor<2x4xi8>, tensor<2xi32>) -> tensor<1x2xi8>
  %0 = graph.fully_connected %in, %w, %b {fused_activation = #graph<activation none>} : (tensor<1x4x!quant.uniform<i8:f32, 0.5:-128>>, tensor<2x4x!quant.uniform<i8:f32, 0.5>>, tensor<2x!quant.uniform<i32:f32, 0.25>>) -> tensor<1x2x!quant.uniform<i8:f32, 0.5:10>>
  return %0 : tensor<1x2x!quant.uniform<i8:f32, 0.5:10>>
}

// -----

// Tests that a real multiplier of 1.0 = 0.5 * 2^1 gives shift 1, and one of
// 0.375 = 0.75 * 2^-1 gives multiplier 0.75 * 2^31 = 1610612736, shift -1;
// and that a filter zero point z gives filter_offset -z.
//
// 0.5 x 1.0 / 0.5 = 1.0; 0.5 x 0.75 / 1.0 = 0.375.

// CHECK-LABEL: func.func @shifts
func.func @shifts(%in: tensor<1x4x!quant.uniform<i8:f32, 0.5>>) -> (tensor<1x2x!quant.uniform<i8:f32, 0.5>>, tensor<1x2x!quant.uniform<i8:f32, 1.0>>) {
  %w1 = graph.const dense<1> : tensor<2x4xi8> -> tensor<2x4x!quant.uniform<i8:f32, 1.0:3>>
  %w2 = graph.const dense<1> : tensor<2x4xi8> -> tensor<2x4x!quant.uniform<i8:f32, 0.75>>
  // CHECK: kernel.fully_connected_s8 {{.*}}filter_offset = -3 : i32{{.*}}output_multiplier = 1073741824 : i32, output_offset = 0 : i32, output_shift = 1 : i32
  %0 = graph.fully_connected %in, %w1 {fused_activation = #graph<activation none>} : (tensor<1x4x!quant.uniform<i8:f32, 0.5>>, tensor<2x4x!quant.uniform<i8:f32, 1.0:3>>) -> tensor<1x2x!quant.uniform<i8:f32, 0.5>>
  // CHECK: kernel.fully_connected_s8 {{.*}}output_multiplier = 1610612736 : i32, output_offset = 0 : i32, output_shift = -1 : i32
  %1 = graph.fully_connected %in, %w2 {fused_activation = #graph<activation none>} : (tensor<1x4x!quant.uniform<i8:f32, 0.5>>, tensor<2x4x!quant.uniform<i8:f32, 0.75>>) -> tensor<1x2x!quant.uniform<i8:f32, 1.0>>
  return %0, %1 : tensor<1x2x!quant.uniform<i8:f32, 0.5>>, tensor<1x2x!quant.uniform<i8:f32, 1.0>>
}

// -----

// Tests the clamp bounds of each fused activation: zero point plus the real
// bound divided by the scale, rounded half away from zero, intersected with
// [-128, 127].
//
// Output 0.5, zero point 10: RELU [10 + 0, 127]; RELU6 [10, 10 + 12 = 22];
// RELU_N1_TO_1 [10 - 2 = 8, 10 + 2 = 12].
// Output 4.0, zero point 0: RELU6 upper bound round(6 / 4 = 1.5) = 2.
// Output 0.01, zero point -128: RELU6 upper bound -128 + 600 clamps to 127.

// CHECK-LABEL: func.func @activations
func.func @activations(%in: tensor<1x4x!quant.uniform<i8:f32, 0.5>>, %w: tensor<2x4x!quant.uniform<i8:f32, 0.5>>) -> (tensor<1x2x!quant.uniform<i8:f32, 0.5:10>>, tensor<1x2x!quant.uniform<i8:f32, 0.5:10>>, tensor<1x2x!quant.uniform<i8:f32, 0.5:10>>, tensor<1x2x!quant.uniform<i8:f32, 4.0>>, tensor<1x2x!quant.uniform<i8:f32, 0.01:-128>>) {
  // CHECK: kernel.fully_connected_s8 {{.*}}activation_max = 127 : i32, activation_min = 10 : i32
  %0 = graph.fully_connected %in, %w {fused_activation = #graph<activation relu>} : (tensor<1x4x!quant.uniform<i8:f32, 0.5>>, tensor<2x4x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x2x!quant.uniform<i8:f32, 0.5:10>>
  // CHECK: kernel.fully_connected_s8 {{.*}}activation_max = 22 : i32, activation_min = 10 : i32
  %1 = graph.fully_connected %in, %w {fused_activation = #graph<activation relu6>} : (tensor<1x4x!quant.uniform<i8:f32, 0.5>>, tensor<2x4x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x2x!quant.uniform<i8:f32, 0.5:10>>
  // CHECK: kernel.fully_connected_s8 {{.*}}activation_max = 12 : i32, activation_min = 8 : i32
  %2 = graph.fully_connected %in, %w {fused_activation = #graph<activation relu_n1_to_1>} : (tensor<1x4x!quant.uniform<i8:f32, 0.5>>, tensor<2x4x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x2x!quant.uniform<i8:f32, 0.5:10>>
  // CHECK: kernel.fully_connected_s8 {{.*}}activation_max = 2 : i32, activation_min = 0 : i32
  %3 = graph.fully_connected %in, %w {fused_activation = #graph<activation relu6>} : (tensor<1x4x!quant.uniform<i8:f32, 0.5>>, tensor<2x4x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x2x!quant.uniform<i8:f32, 4.0>>
  // CHECK: kernel.fully_connected_s8 {{.*}}activation_max = 127 : i32, activation_min = -128 : i32
  %4 = graph.fully_connected %in, %w {fused_activation = #graph<activation relu6>} : (tensor<1x4x!quant.uniform<i8:f32, 0.5>>, tensor<2x4x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x2x!quant.uniform<i8:f32, 0.01:-128>>
  return %0, %1, %2, %3, %4 : tensor<1x2x!quant.uniform<i8:f32, 0.5:10>>, tensor<1x2x!quant.uniform<i8:f32, 0.5:10>>, tensor<1x2x!quant.uniform<i8:f32, 0.5:10>>, tensor<1x2x!quant.uniform<i8:f32, 4.0>>, tensor<1x2x!quant.uniform<i8:f32, 0.01:-128>>
}
