// RUN: ingot-opt %s --split-input-file --ingot-compute-requant-params --ingot-convert-graph-to-kernel | FileCheck %s

// Tests the softmax input scaling: beta x input_scale x 2^26 as a Q31
// multiplier and a left shift, and diff_min = -floor(31 * 2^26 / 2^shift).
//
// input 2^-4, beta 1: 2^22 = 0.5 * 2^23, so multiplier 2^30 = 1073741824,
// shift 23, diff_min = -floor(31 * 8) = -248. int8 output (1/256, -128).

// CHECK-LABEL: func.func @model
func.func @model(%in: tensor<1x8x!quant.uniform<i8:f32, 0.0625:3>>) -> tensor<1x8x!quant.uniform<i8:f32, 0.00390625:-128>> {
  // CHECK: kernel.softmax %{{.*}} {diff_min = -248 : i32
  // CHECK-SAME: input_left_shift = 23 : i32, input_multiplier = 1073741824 : i32} : (tensor<1x8xi8>) -> tensor<1x8xi8>
  %0 = graph.softmax %in {beta = 1.0 : f32} : (tensor<1x8x!quant.uniform<i8:f32, 0.0625:3>>) -> tensor<1x8x!quant.uniform<i8:f32, 0.00390625:-128>>
  return %0 : tensor<1x8x!quant.uniform<i8:f32, 0.00390625:-128>>
}

// -----

// Tests beta and an int16 output (scale 1/65536, zero point -32768).
//
// input 0.25, beta 3: 3 x 0.25 x 2^26 = 0.75 * 2^26, so multiplier
// 0.75 * 2^31 = 1610612736, shift 26, diff_min = -floor(31 * 2^26 / 2^26)
// = -31.

// CHECK-LABEL: func.func @int16_output
func.func @int16_output(%in: tensor<2x4x!quant.uniform<i8:f32, 0.25>>) -> tensor<2x4x!quant.uniform<i16:f32, 1.52587890625E-5:-32768>> {
  // CHECK: kernel.softmax %{{.*}} {diff_min = -31 : i32
  // CHECK-SAME: input_left_shift = 26 : i32, input_multiplier = 1610612736 : i32} : (tensor<2x4xi8>) -> tensor<2x4xi16>
  %0 = graph.softmax %in {beta = 3.0 : f32} : (tensor<2x4x!quant.uniform<i8:f32, 0.25>>) -> tensor<2x4x!quant.uniform<i16:f32, 1.52587890625E-5:-32768>>
  return %0 : tensor<2x4x!quant.uniform<i16:f32, 1.52587890625E-5:-32768>>
}
