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
