// RUN: not ingot-opt %s --split-input-file --ingot-compute-requant-params --ingot-convert-graph-to-kernel | FileCheck %s
// RUN: not ingot-opt %s --split-input-file --ingot-compute-requant-params --ingot-convert-graph-to-kernel 2>&1 >/dev/null | FileCheck %s --check-prefix=REFUSED

// ABS rescales |x - 1| by 0.5 / 0.25 = 2 = 0.5 * 2^2: multiplier 2^30,
// shift 2.

// CHECK-LABEL: func.func @abs_s8
func.func @abs_s8(%in: tensor<4x!quant.uniform<i8:f32, 0.5:1>>) -> tensor<4x!quant.uniform<i8:f32, 0.25:-3>> {
  // CHECK: kernel.call "abs_s8"
  // CHECK-SAME: 4 : i32, 1 : i32, -3 : i32, 1073741824 : i32, 2 : i32
  %0 = graph.unary abs %in : (tensor<4x!quant.uniform<i8:f32, 0.5:1>>) -> tensor<4x!quant.uniform<i8:f32, 0.25:-3>>
  return %0 : tensor<4x!quant.uniform<i8:f32, 0.25:-3>>
}

// -----

// A standalone RELU6 clamps raw values to [zero point, zero point + 6 / scale]
// = [-10, -10 + 12] = [-10, 2].

// CHECK-LABEL: func.func @relu6_s8
func.func @relu6_s8(%in: tensor<4x!quant.uniform<i8:f32, 0.5:-10>>) -> tensor<4x!quant.uniform<i8:f32, 0.5:-10>> {
  // CHECK: kernel.call "relu6_s8"
  // CHECK-SAME: 4 : i32, -10 : i32, 2 : i32
  %0 = graph.relu6 %in : tensor<4x!quant.uniform<i8:f32, 0.5:-10>>
  return %0 : tensor<4x!quant.uniform<i8:f32, 0.5:-10>>
}

// -----

// A requantizing RELU6: rescale by 0.5 / 0.25 = 2 (2^30, shift 2), clamp to
// [-128, -128 + 6 / 0.25] = [-128, -104].

// CHECK-LABEL: func.func @relu6_requantized
func.func @relu6_requantized(%in: tensor<4x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x!quant.uniform<i8:f32, 0.25:-128>> {
  // CHECK: kernel.call "relu_s8"
  // CHECK-SAME: 4 : i32, 0 : i32, -128 : i32, 1073741824 : i32, 2 : i32, -128 : i32, -104 : i32
  %0 = graph.unary relu6 %in : (tensor<4x!quant.uniform<i8:f32, 0.5>>) -> tensor<4x!quant.uniform<i8:f32, 0.25:-128>>
  return %0 : tensor<4x!quant.uniform<i8:f32, 0.25:-128>>
}

// -----

// A unary op whose types have no kernel is refused with the types.

func.func @refused(%in: tensor<4xi32>) -> tensor<4xi32> {
  // REFUSED: 'graph.unary' has no exp kernel for int32 to int32 tensors
  %0 = graph.unary exp %in : (tensor<4xi32>) -> tensor<4xi32>
  return %0 : tensor<4xi32>
}
