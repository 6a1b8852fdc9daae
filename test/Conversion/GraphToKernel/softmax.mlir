// RUN: ingot-opt %s --split-input-file --ingot-compute-requant-params --ingot-convert-graph-to-kernel --mlir-print-elementsattrs-with-hex-if-larger=-1 | FileCheck %s

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

// -----

// Tests the int16 softmax (int16x8 scheme): input_scale x beta / (10/65535)
// as a Q31 multiplier and shift, and the exp and reciprocal tables as
// weights named after the layer.
//
// input 2^-12, beta 0.5: 2^-13 x 6553.5 = 0.79998779296875 = 13107/16384,
// already in [0.5, 1), so shift 0 and multiplier 13107 x 2^17 = 1717960704.
// Table ends: exp(-10) x 32768 = 1.49 (the midpoint nudge may make it 2)
// ... exp(0) saturated to 32767; 1/(1+0) saturated to 32767 ...
// 1/(1+1) x 32768 = 16384.

// CHECK-LABEL: func.func @int16
func.func @int16(%in: tensor<1x6x!quant.uniform<i16:f32, 2.44140625E-4>>) -> tensor<1x6x!quant.uniform<i16:f32, 3.0517578125E-5>> {
  // CHECK-DAG: %[[EXP:.*]] = kernel.weight "softmax_0_exp_table" dense<[{{[12]}}, {{.*}}, 32767]> : tensor<513xi16>
  // CHECK-DAG: %[[RECIPROCAL:.*]] = kernel.weight "softmax_0_reciprocal_table" dense<[32767, {{.*}}, 16384]> : tensor<513xi16>
  // CHECK: kernel.softmax_s16 %{{.*}}, %[[EXP]], %[[RECIPROCAL]] {ingot.layer = "softmax_0", input_left_shift = 0 : i32, input_multiplier = 1717960704 : i32} : (tensor<1x6xi16>, tensor<513xi16>, tensor<513xi16>) -> tensor<1x6xi16>
  %0 = graph.softmax %in {beta = 0.5 : f32} : (tensor<1x6x!quant.uniform<i16:f32, 2.44140625E-4>>) -> tensor<1x6x!quant.uniform<i16:f32, 3.0517578125E-5>>
  return %0 : tensor<1x6x!quant.uniform<i16:f32, 3.0517578125E-5>>
}
