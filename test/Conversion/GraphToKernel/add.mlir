// RUN: ingot-opt %s --split-input-file --ingot-compute-requant-params --ingot-convert-graph-to-kernel | FileCheck %s

// Tests the parameters of ADD: both inputs are rescaled to twice the larger
// input scale with 20 bits of headroom, then to the output scale.
//
// lhs 0.5 (zero point 1), rhs 0.25 (zero point -2), output 1.0 (zero point 3).
// twice_max = 1.0. lhs: 0.5 / 1.0 = 0.5 (2^30, shift 0). rhs: 0.25 = 0.5 *
// 2^-1 (2^30, shift -1). Output: 1.0 / (2^20 * 1.0) = 0.5 * 2^-19 (2^30,
// shift -19). Offsets: inputs negated (-1, 2), output as is (3).

// CHECK-LABEL: func.func @model
// CHECK-SAME: (%[[A:.*]]: tensor<1x4xi8>, %[[B:.*]]: tensor<1x4xi8>)
func.func @model(%a: tensor<1x4x!quant.uniform<i8:f32, 0.5:1>>, %b: tensor<1x4x!quant.uniform<i8:f32, 0.25:-2>>) -> tensor<1x4x!quant.uniform<i8:f32, 1.0:3>> {
  // CHECK: kernel.add_s8 %[[A]], %[[B]]
  // CHECK-SAME: activation_max = 127 : i32, activation_min = 3 : i32
  // CHECK-SAME: input1_multiplier = 1073741824 : i32, input1_offset = -1 : i32, input1_shift = 0 : i32
  // CHECK-SAME: input2_multiplier = 1073741824 : i32, input2_offset = 2 : i32, input2_shift = -1 : i32
  // CHECK-SAME: left_shift = 20 : i32
  // CHECK-SAME: output_multiplier = 1073741824 : i32, output_offset = 3 : i32, output_shift = -19 : i32
  %0 = graph.add %a, %b {fused_activation = #graph<activation relu>} : (tensor<1x4x!quant.uniform<i8:f32, 0.5:1>>, tensor<1x4x!quant.uniform<i8:f32, 0.25:-2>>) -> tensor<1x4x!quant.uniform<i8:f32, 1.0:3>>
  return %0 : tensor<1x4x!quant.uniform<i8:f32, 1.0:3>>
}
