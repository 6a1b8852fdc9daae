// RUN: ingot-opt %s --split-input-file --ingot-convert-graph-to-kernel | FileCheck %s

// Where TensorFlow Lite Micro writes a stored 0 whatever the zero point,
// ingot follows TFLite's quantization specification: a real 0 is the zero
// point (docs/ops.md, "Where TensorFlow Lite Micro is wrong").

// ZEROS_LIKE on int8 with zero point -5 writes -5.
// CHECK-LABEL: func.func @zeros_like_zero_point
func.func @zeros_like_zero_point(%x: tensor<6x!quant.uniform<i8:f32, 0.5:-5>>) -> tensor<6x!quant.uniform<i8:f32, 0.5:-5>> {
  // CHECK: kernel.call "zeros_like"
  // CHECK-SAME: args = [6 : i32, -5 : i32]
  %0 = graph.unary zeros_like %x : (tensor<6x!quant.uniform<i8:f32, 0.5:-5>>) -> tensor<6x!quant.uniform<i8:f32, 0.5:-5>>
  return %0 : tensor<6x!quant.uniform<i8:f32, 0.5:-5>>
}

// -----

// SPACE_TO_BATCH_ND on int8 with zero point 7 pads with 7.
// CHECK-LABEL: func.func @space_to_batch_zero_point
func.func @space_to_batch_zero_point(%x: tensor<1x2x2x1x!quant.uniform<i8:f32, 0.5:7>>) -> tensor<4x2x1x1x!quant.uniform<i8:f32, 0.5:7>> {
  // CHECK: kernel.call "space_to_batch"
  // CHECK-SAME: "pad_value"]
  // CHECK-SAME: 7 : i32]
  %0 = graph.space_to_batch %x {block_shape = array<i64: 2, 2>, paddings = array<i64: 1, 1, 0, 0>, inverse = false} : (tensor<1x2x2x1x!quant.uniform<i8:f32, 0.5:7>>) -> tensor<4x2x1x1x!quant.uniform<i8:f32, 0.5:7>>
  return %0 : tensor<4x2x1x1x!quant.uniform<i8:f32, 0.5:7>>
}
