// RUN: ingot-opt %s --split-input-file --ingot-compute-requant-params --ingot-convert-graph-to-kernel --verify-diagnostics | FileCheck %s

// Tests the kernels and parameters of the per-element operators of two or
// more inputs. Arguments: rank, output shape, one stride array per input,
// then the operator's own parameters.

// MUL 2x1x3 by 4x3 to 2x4x3: lhs steps (3, 0, 1), rhs (0, 3, 1); no two
// neighbouring dimensions are contiguous for both, so none merge. RELU6
// clamps to [0, 6].

// CHECK-LABEL: func.func @mul_f32
func.func @mul_f32(%a: tensor<2x1x3xf32>, %b: tensor<4x3xf32>) -> tensor<2x4x3xf32> {
  // CHECK: kernel.call "mul_f32"
  // CHECK-SAME: args = [3 : i32, array<i32: 2, 4, 3>, array<i32: 3, 0, 1>, array<i32: 0, 3, 1>, 0.000000e+00 : f32, 6.000000e+00 : f32]
  // CHECK-SAME: header = "ref/binary_f32"
  %0 = graph.binary mul %a, %b {fused_activation = #graph<activation relu6>} : (tensor<2x1x3xf32>, tensor<4x3xf32>) -> tensor<2x4x3xf32>
  return %0 : tensor<2x4x3xf32>
}

// -----

// Same shapes become one flat loop of 6 elements.

// CHECK-LABEL: func.func @equal_i32
func.func @equal_i32(%a: tensor<2x3xi32>, %b: tensor<2x3xi32>) -> tensor<2x3xi1> {
  // CHECK: kernel.call "equal"
  // CHECK-SAME: args = [1 : i32, array<i32: 6>, array<i32: 1>, array<i32: 1>]
  // CHECK-SAME: header = "ref/comparison"
  %0 = graph.binary equal %a, %b {fused_activation = #graph<activation none>} : (tensor<2x3xi32>, tensor<2x3xi32>) -> tensor<2x3xi1>
  return %0 : tensor<2x3xi1>
}

// -----

// int32 SUB of a 1x1 tensor: lhs steps (3, 1) and rhs (0, 0) merge into one
// dimension of 6. RELU on int32 clamps to [0, 2^31 - 1].

// CHECK-LABEL: func.func @sub_i32
func.func @sub_i32(%a: tensor<2x3xi32>, %b: tensor<1x1xi32>) -> tensor<2x3xi32> {
  // CHECK: kernel.call "sub_s32"
  // CHECK-SAME: args = [1 : i32, array<i32: 6>, array<i32: 1>, array<i32: 0>, 0 : i32, 2147483647 : i32]
  %0 = graph.sub %a, %b {fused_activation = #graph<activation relu>} : (tensor<2x3xi32>, tensor<1x1xi32>) -> tensor<2x3xi32>
  return %0 : tensor<2x3xi32>
}

// -----

// SELECT_V2 with all three broadcast: condition 1x3 steps (0, 1), x 2x3
// (3, 1), y 2x1 (1, 0).

// CHECK-LABEL: func.func @select
func.func @select(%c: tensor<1x3xi1>, %x: tensor<2x3xf32>, %y: tensor<2x1xf32>) -> tensor<2x3xf32> {
  // CHECK: kernel.call "select_v2"
  // CHECK-SAME: args = [2 : i32, array<i32: 2, 3>, array<i32: 0, 1>, array<i32: 3, 1>, array<i32: 1, 0>]
  %0 = graph.select %c, %x, %y : (tensor<1x3xi1>, tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// FLOOR_MOD has no int64 kernel.

func.func @floor_mod_i64(%a: tensor<4xi64>, %b: tensor<4xi64>) -> tensor<4xi64> {
  // expected-error @+1 {{has no floor_mod kernel for int64 and int64 to int64 tensors}}
  %0 = graph.binary floor_mod %a, %b {fused_activation = #graph<activation none>} : (tensor<4xi64>, tensor<4xi64>) -> tensor<4xi64>
  return %0 : tensor<4xi64>
}

// -----

// int8 SQUARED_DIFFERENCE, scales 0.5 and 0.25 to 2.0: twice the larger
// input scale is 1, so the inputs are rescaled by 1/2 (2^30, shift 0) and
// 1/4 (2^30, shift -1) after a left shift of 7, and the square by
// 1 / (2^14 * 2) = 2^-15 (2^30, shift -14). No fused activation: the full
// int8 range. lhs 2x3 steps (3, 1), rhs 3 steps (0, 1).

// CHECK-LABEL: func.func @squared_difference_i8
func.func @squared_difference_i8(%a: tensor<2x3x!quant.uniform<i8:f32, 0.5:1>>, %b: tensor<3x!quant.uniform<i8:f32, 0.25:-2>>) -> tensor<2x3x!quant.uniform<i8:f32, 2.0:-128>> {
  // CHECK: kernel.call "squared_difference_s8"
  // CHECK-SAME: args = [2 : i32, array<i32: 2, 3>, array<i32: 3, 1>, array<i32: 0, 1>, -1 : i32, 1073741824 : i32, 0 : i32, 2 : i32, 1073741824 : i32, -1 : i32, 7 : i32, -128 : i32, 1073741824 : i32, -14 : i32, -128 : i32, 127 : i32]
  // CHECK-SAME: header = "ref/binary_quantized"
  %0 = graph.binary squared_difference %a, %b {fused_activation = #graph<activation none>} : (tensor<2x3x!quant.uniform<i8:f32, 0.5:1>>, tensor<3x!quant.uniform<i8:f32, 0.25:-2>>) -> tensor<2x3x!quant.uniform<i8:f32, 2.0:-128>>
  return %0 : tensor<2x3x!quant.uniform<i8:f32, 2.0:-128>>
}

// -----

// int16 SQUARED_DIFFERENCE, scales 0.25 and 0.5 to 0.125: twice the larger
// is 1, no left shift, and the square is rescaled by 1 / 0.125 = 8 (2^30,
// shift 4).

// CHECK-LABEL: func.func @squared_difference_i16
func.func @squared_difference_i16(%a: tensor<4x!quant.uniform<i16:f32, 0.25>>, %b: tensor<4x!quant.uniform<i16:f32, 0.5>>) -> tensor<4x!quant.uniform<i16:f32, 0.125>> {
  // CHECK: kernel.call "squared_difference_s16"
  // CHECK-SAME: args = [1 : i32, array<i32: 4>, array<i32: 1>, array<i32: 1>, 0 : i32, 1073741824 : i32, -1 : i32, 0 : i32, 1073741824 : i32, 0 : i32, 0 : i32, 0 : i32, 1073741824 : i32, 4 : i32, -32768 : i32, 32767 : i32]
  %0 = graph.binary squared_difference %a, %b {fused_activation = #graph<activation none>} : (tensor<4x!quant.uniform<i16:f32, 0.25>>, tensor<4x!quant.uniform<i16:f32, 0.5>>) -> tensor<4x!quant.uniform<i16:f32, 0.125>>
  return %0 : tensor<4x!quant.uniform<i16:f32, 0.125>>
}

// -----

// TFLite's int16 SQUARED_DIFFERENCE takes zero points of 0 only.

func.func @squared_difference_i16_zero_point(%a: tensor<4x!quant.uniform<i16:f32, 0.25:3>>, %b: tensor<4x!quant.uniform<i16:f32, 0.5>>) -> tensor<4x!quant.uniform<i16:f32, 0.125>> {
  // expected-error @+1 {{has an int16 zero point other than 0, which TFLite's int16 SQUARED_DIFFERENCE does not take}}
  %0 = graph.binary squared_difference %a, %b {fused_activation = #graph<activation none>} : (tensor<4x!quant.uniform<i16:f32, 0.25:3>>, tensor<4x!quant.uniform<i16:f32, 0.5>>) -> tensor<4x!quant.uniform<i16:f32, 0.125>>
  return %0 : tensor<4x!quant.uniform<i16:f32, 0.125>>
}

// -----

// int8 PRELU, input scale 0.5, alpha 0.25, output 1: the non-negative side
// is rescaled by 0.5 (2^30, shift 0), the product with alpha by 0.125
// (2^30, shift -2). Offsets: -3 and 10 for input and alpha, -5 out.

// CHECK-LABEL: func.func @prelu_i8
func.func @prelu_i8(%x: tensor<2x3x!quant.uniform<i8:f32, 0.5:3>>, %alpha: tensor<3x!quant.uniform<i8:f32, 0.25:-10>>) -> tensor<2x3x!quant.uniform<i8:f32, 1.0:-5>> {
  // CHECK: kernel.call "prelu_s8"
  // CHECK-SAME: args = [2 : i32, array<i32: 2, 3>, array<i32: 3, 1>, array<i32: 0, 1>, -3 : i32, 10 : i32, -5 : i32, 1073741824 : i32, 0 : i32, 1073741824 : i32, -2 : i32]
  // CHECK-SAME: header = "ref/binary_quantized"
  %0 = graph.binary prelu %x, %alpha {fused_activation = #graph<activation none>} : (tensor<2x3x!quant.uniform<i8:f32, 0.5:3>>, tensor<3x!quant.uniform<i8:f32, 0.25:-10>>) -> tensor<2x3x!quant.uniform<i8:f32, 1.0:-5>>
  return %0 : tensor<2x3x!quant.uniform<i8:f32, 1.0:-5>>
}

// -----

// int16 PRELU with int8 alpha: 0.125 / 0.25 = 0.5 (2^30, shift 0) and
// 0.125 * 0.5 / 0.25 = 0.25 (2^30, shift -1).

// CHECK-LABEL: func.func @prelu_i16
func.func @prelu_i16(%x: tensor<1x4x!quant.uniform<i16:f32, 0.125>>, %alpha: tensor<4x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x4x!quant.uniform<i16:f32, 0.25>> {
  // CHECK: kernel.call "prelu_s16"
  // CHECK-SAME: args = [1 : i32, array<i32: 4>, array<i32: 1>, array<i32: 1>, 0 : i32, 0 : i32, 0 : i32, 1073741824 : i32, 0 : i32, 1073741824 : i32, -1 : i32]
  %0 = graph.binary prelu %x, %alpha {fused_activation = #graph<activation none>} : (tensor<1x4x!quant.uniform<i16:f32, 0.125>>, tensor<4x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x4x!quant.uniform<i16:f32, 0.25>>
  return %0 : tensor<1x4x!quant.uniform<i16:f32, 0.25>>
}

// -----

// TFLite Micro's int16 PRELU takes an int8 alpha only.

func.func @prelu_i16_alpha_i16(%x: tensor<4x!quant.uniform<i16:f32, 0.125>>, %alpha: tensor<4x!quant.uniform<i16:f32, 0.5>>) -> tensor<4x!quant.uniform<i16:f32, 0.25>> {
  // expected-error @+1 {{has no prelu kernel for int16 and int16 to int16 tensors}}
  %0 = graph.binary prelu %x, %alpha {fused_activation = #graph<activation none>} : (tensor<4x!quant.uniform<i16:f32, 0.125>>, tensor<4x!quant.uniform<i16:f32, 0.5>>) -> tensor<4x!quant.uniform<i16:f32, 0.25>>
  return %0 : tensor<4x!quant.uniform<i16:f32, 0.25>>
}

// -----

// int8 ADD_N, inputs of scale 0.5 (zero point 2) to scale 2 (zero point -1):
// as ADD with twice the input scale 1, each input is rescaled by 1/2 (2^30,
// shift 0) after a left shift of 20 and the sum by 1 / (2^20 * 2) = 2^-21
// (2^30, shift -20). Arguments: count, input offset, input multiplier and
// shift, left shift, output offset, output multiplier and shift, bounds.

// CHECK-LABEL: func.func @add_n_i8
func.func @add_n_i8(%a: tensor<2x3x!quant.uniform<i8:f32, 0.5:2>>, %b: tensor<2x3x!quant.uniform<i8:f32, 0.5:2>>, %c: tensor<2x3x!quant.uniform<i8:f32, 0.5:2>>) -> tensor<2x3x!quant.uniform<i8:f32, 2.0:-1>> {
  // CHECK: kernel.call "add_n_s8"
  // CHECK-SAME: args = [6 : i32, -2 : i32, 1073741824 : i32, 0 : i32, 20 : i32, -1 : i32, 1073741824 : i32, -20 : i32, -128 : i32, 127 : i32]
  // CHECK-SAME: header = "ref/add_n"
  %0 = graph.add_n %a, %b, %c : (tensor<2x3x!quant.uniform<i8:f32, 0.5:2>>, tensor<2x3x!quant.uniform<i8:f32, 0.5:2>>, tensor<2x3x!quant.uniform<i8:f32, 0.5:2>>) -> tensor<2x3x!quant.uniform<i8:f32, 2.0:-1>>
  return %0 : tensor<2x3x!quant.uniform<i8:f32, 2.0:-1>>
}

// -----

// TFLite's int8 ADD_N needs all inputs on one scale and zero point.

func.func @add_n_i8_scales(%a: tensor<4x!quant.uniform<i8:f32, 0.5>>, %b: tensor<4x!quant.uniform<i8:f32, 0.25>>) -> tensor<4x!quant.uniform<i8:f32, 1.0>> {
  // expected-error @+1 {{has int8 inputs of different scales or zero points, which TFLite's ADD_N does not take}}
  %0 = graph.add_n %a, %b : (tensor<4x!quant.uniform<i8:f32, 0.5>>, tensor<4x!quant.uniform<i8:f32, 0.25>>) -> tensor<4x!quant.uniform<i8:f32, 1.0>>
  return %0 : tensor<4x!quant.uniform<i8:f32, 1.0>>
}
