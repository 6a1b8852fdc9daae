// RUN: ingot-opt %s --split-input-file --ingot-compute-requant-params --ingot-convert-graph-to-kernel --verify-diagnostics | FileCheck %s

// Tests int16x8 CONV_2D: per-channel multipliers with no zero-point offsets
// and the int16 clamp. 1.0 * 0.5 / 0.5 = 1.0 = 2^30 * 2^(1-31) (shift 1);
// 1.0 * 0.25 / 0.5 = 0.5 (shift 0).

// CHECK-LABEL: func.func @conv
func.func @conv(%in: tensor<1x1x1x1x!quant.uniform<i16:f32, 1.0>>) -> tensor<1x1x1x2x!quant.uniform<i16:f32, 0.5>> {
  %w = graph.const dense<1> : tensor<2x1x1x1xi8> -> tensor<2x1x1x1x!quant.uniform<i8:f32:0, {0.5, 0.25}>>
  %b = graph.const dense<[3, -3]> : tensor<2xi64> -> tensor<2xi64>
  // CHECK: kernel.conv2d_s16
  // CHECK-SAME: activation_max = 32767 : i32, activation_min = -32768 : i32
  // CHECK-SAME: output_multiplier = array<i32: 1073741824, 1073741824>
  // CHECK-SAME: output_shift = array<i32: 1, 0>
  // CHECK-SAME: (tensor<1x1x1x1xi16>, tensor<2x1x1x1xi8>, tensor<2xi64>) -> tensor<1x1x1x2xi16>
  %0 = graph.conv_2d %in, %w, %b {padding = #graph<padding valid>, stride_h = 1 : i64, stride_w = 1 : i64, dilation_h = 1 : i64, dilation_w = 1 : i64, fused_activation = #graph<activation none>} : (tensor<1x1x1x1x!quant.uniform<i16:f32, 1.0>>, tensor<2x1x1x1x!quant.uniform<i8:f32:0, {0.5, 0.25}>>, tensor<2xi64>) -> tensor<1x1x1x2x!quant.uniform<i16:f32, 0.5>>
  return %0 : tensor<1x1x1x2x!quant.uniform<i16:f32, 0.5>>
}

// -----

// Tests that a broadcasting int16 SUB describes the broadcast with strides:
// size-1 dimensions are dropped, leaving a [2, 3] walk in which the [3]
// operand is read again for every row (strides 0, 1) and the other operand
// is contiguous (3, 1).

// CHECK-LABEL: func.func @sub_broadcast
func.func @sub_broadcast(%a: tensor<1x2x3x!quant.uniform<i16:f32, 0.5>>, %b: tensor<3x!quant.uniform<i16:f32, 0.5>>) -> tensor<1x2x3x!quant.uniform<i16:f32, 0.5>> {
  // CHECK: kernel.sub_s16
  // CHECK-SAME: input1_strides = array<i32: 3, 1>
  // CHECK-SAME: input2_strides = array<i32: 0, 1>
  // CHECK-SAME: output_shape = array<i32: 2, 3>
  %0 = graph.sub %a, %b {fused_activation = #graph<activation none>} : (tensor<1x2x3x!quant.uniform<i16:f32, 0.5>>, tensor<3x!quant.uniform<i16:f32, 0.5>>) -> tensor<1x2x3x!quant.uniform<i16:f32, 0.5>>
  return %0 : tensor<1x2x3x!quant.uniform<i16:f32, 0.5>>
}

// -----

// Tests PAD: (before, after) pairs split into two arrays; int16 pads with 0.

// CHECK-LABEL: func.func @pad
func.func @pad(%in: tensor<1x3x!quant.uniform<i16:f32, 0.5:4>>) -> tensor<1x6x!quant.uniform<i16:f32, 0.5:4>> {
  // CHECK: kernel.pad_s16
  // CHECK-SAME: pad_after = array<i32: 0, 2>, pad_before = array<i32: 0, 1>, pad_value = 0 : i32
  %0 = graph.pad %in {paddings = array<i64: 0, 0, 1, 2>} : (tensor<1x3x!quant.uniform<i16:f32, 0.5:4>>) -> tensor<1x6x!quant.uniform<i16:f32, 0.5:4>>
  return %0 : tensor<1x6x!quant.uniform<i16:f32, 0.5:4>>
}

// -----

// Tests STRIDED_SLICE: [2, 8) with stride 3 on the last axis takes
// elements 2 and 5.

// CHECK-LABEL: func.func @slice
func.func @slice(%in: tensor<1x8x!quant.uniform<i16:f32, 0.5>>) -> tensor<1x2x!quant.uniform<i16:f32, 0.5>> {
  // CHECK: kernel.strided_slice_s16
  // CHECK-SAME: slice_shape = array<i32: 1, 2>, start = array<i32: 0, 2>, stride = array<i32: 1, 3>
  %0 = graph.strided_slice %in {begin = array<i64: 0, 2>, end = array<i64: 1, 8>, strides = array<i64: 1, 3>, begin_mask = 0 : i64, end_mask = 0 : i64, ellipsis_mask = 0 : i64, new_axis_mask = 0 : i64, shrink_axis_mask = 0 : i64, offset = false} : (tensor<1x8x!quant.uniform<i16:f32, 0.5>>) -> tensor<1x2x!quant.uniform<i16:f32, 0.5>>
  return %0 : tensor<1x2x!quant.uniform<i16:f32, 0.5>>
}

// -----

// Tests that a STRIDED_SLICE whose output is quantized unlike its input is
// reported: the kernels copy stored values.

func.func @slice_int8(%in: tensor<1x8x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x2x!quant.uniform<i8:f32, 0.25>> {
  // expected-error @+1 {{'graph.strided_slice' has an output quantization that differs from its input's; STRIDED_SLICE copies stored values, so they must be equal}}
  %0 = graph.strided_slice %in {begin = array<i64: 0, 2>, end = array<i64: 1, 8>, strides = array<i64: 1, 3>, begin_mask = 0 : i64, end_mask = 0 : i64, ellipsis_mask = 0 : i64, new_axis_mask = 0 : i64, shrink_axis_mask = 0 : i64, offset = false} : (tensor<1x8x!quant.uniform<i8:f32, 0.5>>) -> tensor<1x2x!quant.uniform<i8:f32, 0.25>>
  return %0 : tensor<1x2x!quant.uniform<i8:f32, 0.25>>
}
