// RUN: ingot-opt %s --split-input-file --ingot-compute-requant-params --ingot-convert-graph-to-kernel | FileCheck %s

// Tests that QUANTIZE from float32 and DEQUANTIZE to float32 carry the
// quantized side's scale and zero point.

// CHECK-LABEL: func.func @float_boundary
// CHECK-SAME: (%[[IN:.*]]: tensor<4xf32>) -> tensor<4xf32>
func.func @float_boundary(%in: tensor<4xf32>) -> tensor<4xf32> {
  // CHECK: %[[Q:.*]] = kernel.quantize_f32 %[[IN]] {ingot.layer = "quantize_0", scale = 5.000000e-01 : f32, zero_point = 3 : i32} : (tensor<4xf32>) -> tensor<4xi8>
  %0 = graph.quantize %in : (tensor<4xf32>) -> tensor<4x!quant.uniform<i8:f32, 0.5:3>>
  // CHECK: kernel.dequantize_f32 %[[Q]] {ingot.layer = "dequantize_0", scale = 5.000000e-01 : f32, zero_point = 3 : i32} : (tensor<4xi8>) -> tensor<4xf32>
  %1 = graph.dequantize %0 : (tensor<4x!quant.uniform<i8:f32, 0.5:3>>) -> tensor<4xf32>
  return %1 : tensor<4xf32>
}

// -----

// Tests integer-to-integer QUANTIZE: input_scale / output_scale as a Q31
// multiplier.
//
// int16 0.5 -> int8 0.25: 2.0 = 0.5 * 2^2 (2^30, shift 2).
// int8 0.75 -> int8 1.0: 0.75 (0.75 * 2^31 = 1610612736, shift 0).

// CHECK-LABEL: func.func @requantize
func.func @requantize(%wide: tensor<4x!quant.uniform<i16:f32, 0.5>>, %narrow: tensor<4x!quant.uniform<i8:f32, 0.75:4>>) -> (tensor<4x!quant.uniform<i8:f32, 0.25:-1>>, tensor<4x!quant.uniform<i8:f32, 1.0:-6>>) {
  // CHECK: kernel.requantize
  // CHECK-SAME: input_zero_point = 0 : i32, multiplier = 1073741824 : i32, output_zero_point = -1 : i32, shift = 2 : i32} : (tensor<4xi16>) -> tensor<4xi8>
  %0 = graph.quantize %wide : (tensor<4x!quant.uniform<i16:f32, 0.5>>) -> tensor<4x!quant.uniform<i8:f32, 0.25:-1>>
  // CHECK: kernel.requantize
  // CHECK-SAME: input_zero_point = 4 : i32, multiplier = 1610612736 : i32, output_zero_point = -6 : i32, shift = 0 : i32} : (tensor<4xi8>) -> tensor<4xi8>
  %1 = graph.quantize %narrow : (tensor<4x!quant.uniform<i8:f32, 0.75:4>>) -> tensor<4x!quant.uniform<i8:f32, 1.0:-6>>
  return %0, %1 : tensor<4x!quant.uniform<i8:f32, 0.25:-1>>, tensor<4x!quant.uniform<i8:f32, 1.0:-6>>
}
