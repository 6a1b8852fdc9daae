// RUN: ingot-opt %s --split-input-file --ingot-compute-requant-params --ingot-convert-graph-to-kernel --verify-diagnostics | FileCheck %s

// Tests the kernels and parameters of the reductions.

// int8 MEAN over axis 1 of 2x3x4 (3 inputs per output), input scale 0.5
// (zero point 1), output scale 0.25 (zero point -3). The rescale 0.5 / 0.25
// = 2 is 0.5 * 2^2 (2^30, shift 2). The division by 3 is folded in as TFLM
// does: floor(log2(3)) = 1 bit, (2^30 << 1) / 3 = 715827882, shift 2 - 1.

// CHECK-LABEL: func.func @mean_s8
func.func @mean_s8(%x: tensor<2x3x4x!quant.uniform<i8:f32, 0.5:1>>) -> tensor<2x4x!quant.uniform<i8:f32, 0.25:-3>> {
  // CHECK: kernel.call "reduce_sum_requantize_s8"
  // CHECK-SAME: args = [3 : i32, array<i32: 2, 3, 4>, array<i32: 0, 1, 0>, 3 : i32, 1 : i32, 715827882 : i32, 1 : i32, -3 : i32]
  // CHECK-SAME: header = "ref/reduce"
  %0 = graph.reduce mean %x {axes = array<i64: 1>, keep_dims = false} : (tensor<2x3x4x!quant.uniform<i8:f32, 0.5:1>>) -> tensor<2x4x!quant.uniform<i8:f32, 0.25:-3>>
  return %0 : tensor<2x4x!quant.uniform<i8:f32, 0.25:-3>>
}

// -----

// int16 SUM over axes 0 and 2 (8 inputs per output), scale 0.5 to 1.0: the
// rescale 0.5 is 2^30 with shift 0 and no division.

// CHECK-LABEL: func.func @sum_s16
func.func @sum_s16(%x: tensor<2x3x4x!quant.uniform<i16:f32, 0.5>>) -> tensor<1x3x1x!quant.uniform<i16:f32, 1.0>> {
  // CHECK: kernel.call "reduce_sum_requantize_s16"
  // CHECK-SAME: args = [3 : i32, array<i32: 2, 3, 4>, array<i32: 1, 0, 1>, 8 : i32, 0 : i32, 1073741824 : i32, 0 : i32, 0 : i32]
  %0 = graph.reduce sum %x {axes = array<i64: 0, 2>, keep_dims = true} : (tensor<2x3x4x!quant.uniform<i16:f32, 0.5>>) -> tensor<1x3x1x!quant.uniform<i16:f32, 1.0>>
  return %0 : tensor<1x3x1x!quant.uniform<i16:f32, 1.0>>
}

// -----

// MEAN between equal quantizations rescales the sum by 1 / count, rounding
// as TFLite Micro does (not a truncating division): 1/4 = 0.5 * 2^-1 is
// multiplier 2^30, shift -1.

// CHECK-LABEL: func.func @mean_same_scale
func.func @mean_same_scale(%x: tensor<2x3x4x!quant.uniform<i8:f32, 0.5:1>>) -> tensor<2x3x!quant.uniform<i8:f32, 0.5:1>> {
  // CHECK: kernel.call "reduce_sum_requantize_s8"
  // CHECK-SAME: args = [3 : i32, array<i32: 2, 3, 4>, array<i32: 0, 0, 1>, 4 : i32, 1 : i32, 1073741824 : i32, -1 : i32, 1 : i32]
  %0 = graph.reduce mean %x {axes = array<i64: 2>, keep_dims = false} : (tensor<2x3x4x!quant.uniform<i8:f32, 0.5:1>>) -> tensor<2x3x!quant.uniform<i8:f32, 0.5:1>>
  return %0 : tensor<2x3x!quant.uniform<i8:f32, 0.5:1>>
}

// -----

// CHECK-LABEL: func.func @float_and_bool
func.func @float_and_bool(%x: tensor<2x3xf32>, %b: tensor<2x3xi1>) -> (tensor<3xf32>, tensor<2xf32>, tensor<2x1xi1>) {
  // CHECK: kernel.call "reduce_max_f32"
  // CHECK-SAME: args = [2 : i32, array<i32: 2, 3>, array<i32: 1, 0>]
  %0 = graph.reduce max %x {axes = array<i64: 0>, keep_dims = false} : (tensor<2x3xf32>) -> tensor<3xf32>
  // CHECK: kernel.call "reduce_mean_f32"
  // CHECK-SAME: args = [2 : i32, array<i32: 2, 3>, array<i32: 0, 1>, 3 : i32]
  %1 = graph.reduce mean %x {axes = array<i64: 1>, keep_dims = false} : (tensor<2x3xf32>) -> tensor<2xf32>
  // CHECK: kernel.call "reduce_any_bool"
  %2 = graph.reduce any %b {axes = array<i64: 1>, keep_dims = true} : (tensor<2x3xi1>) -> tensor<2x1xi1>
  return %0, %1, %2 : tensor<3xf32>, tensor<2xf32>, tensor<2x1xi1>
}

// -----

// ARG_MAX along axis 1 of 2x3x4 views the input as [2, 3, 4].

// CHECK-LABEL: func.func @arg_max
func.func @arg_max(%x: tensor<2x3x4xf32>) -> tensor<2x4xi64> {
  // CHECK: kernel.call "arg_max"
  // CHECK-SAME: arg_names = ["outer", "axis_size", "inner"], args = [2 : i32, 3 : i32, 4 : i32]
  // CHECK-SAME: header = "ref/arg_min_max"
  %0 = graph.arg_reduce %x {axis = 1 : i64, max = true} : (tensor<2x3x4xf32>) -> tensor<2x4xi64>
  return %0 : tensor<2x4xi64>
}

// -----

// int8 CUMSUM, input scale 0.5 (zero point 0), output scale 1.0 (zero point
// 2). Inputs are rescaled by 0.5 / (2 * 0.5) = 0.5 (2^30, shift 0), sums by
// (2 * 0.5) / (2^20 * 1.0) = 0.5 * 2^-19 (2^30, shift -19).

// CHECK-LABEL: func.func @cumsum_s8
func.func @cumsum_s8(%x: tensor<2x5x3x!quant.uniform<i8:f32, 0.5>>) -> tensor<2x5x3x!quant.uniform<i8:f32, 1.0:2>> {
  // CHECK: kernel.call "cumsum_s8"
  // CHECK-SAME: args = [2 : i32, 5 : i32, 3 : i32, 1 : i32, 0 : i32, 0 : i32, 1073741824 : i32, 0 : i32, 1073741824 : i32, -19 : i32, 2 : i32]
  %0 = graph.cumsum %x {axis = 1 : i64, exclusive = true, reverse = false} : (tensor<2x5x3x!quant.uniform<i8:f32, 0.5>>) -> tensor<2x5x3x!quant.uniform<i8:f32, 1.0:2>>
  return %0 : tensor<2x5x3x!quant.uniform<i8:f32, 1.0:2>>
}

// -----

// int8 L2_NORMALIZATION: rows of the innermost dimension; the kernel needs
// only the input zero point (the output is fixed at 1/128, zero point 0).

// CHECK-LABEL: func.func @l2_normalization_s8
func.func @l2_normalization_s8(%x: tensor<2x3x4x!quant.uniform<i8:f32, 0.1:5>>) -> tensor<2x3x4x!quant.uniform<i8:f32, 0.0078125>> {
  // CHECK: kernel.call "l2_normalization_s8"
  // CHECK-SAME: arg_names = ["outer_size", "depth", "input_zero_point"], args = [6 : i32, 4 : i32, 5 : i32]
  %0 = graph.l2_normalization %x {fused_activation = #graph<activation none>} : (tensor<2x3x4x!quant.uniform<i8:f32, 0.1:5>>) -> tensor<2x3x4x!quant.uniform<i8:f32, 0.0078125>>
  return %0 : tensor<2x3x4x!quant.uniform<i8:f32, 0.0078125>>
}

// -----

// int8 LOG_SOFTMAX takes softmax's input scaling (beta 1) and its inverse.

// CHECK-LABEL: func.func @log_softmax_s8
func.func @log_softmax_s8(%x: tensor<2x4x!quant.uniform<i8:f32, 0.05:3>>) -> tensor<2x4x!quant.uniform<i8:f32, 0.0625:127>> {
  // CHECK: kernel.call "log_softmax_s8"
  // CHECK-SAME: arg_names = ["outer_size", "depth", "input_multiplier", "input_left_shift", "diff_min", "reverse_scaling_divisor", "reverse_scaling_shift"]
  %0 = graph.log_softmax %x : (tensor<2x4x!quant.uniform<i8:f32, 0.05:3>>) -> tensor<2x4x!quant.uniform<i8:f32, 0.0625:127>>
  return %0 : tensor<2x4x!quant.uniform<i8:f32, 0.0625:127>>
}

// -----

// REDUCE_MAX copies extremes without rescaling, so TFLM (and ingot) need the
// output quantized like the input.

func.func @max_rescaled(%x: tensor<2x3x!quant.uniform<i8:f32, 0.5:1>>) -> tensor<2x!quant.uniform<i8:f32, 0.25:1>> {
  // expected-error @+1 {{'graph.reduce' has no int8 max kernel for an output quantized unlike its input}}
  %0 = graph.reduce max %x {axes = array<i64: 1>, keep_dims = false} : (tensor<2x3x!quant.uniform<i8:f32, 0.5:1>>) -> tensor<2x!quant.uniform<i8:f32, 0.25:1>>
  return %0 : tensor<2x!quant.uniform<i8:f32, 0.25:1>>
}

// -----

// A reduction over no axes is refused rather than compiled as a copy.

func.func @no_axes(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'graph.reduce' reduces over no axes; ingot has no kernel for an identity reduction}}
  %0 = graph.reduce sum %x {axes = array<i64>, keep_dims = false} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
