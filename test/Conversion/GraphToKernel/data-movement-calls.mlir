// RUN: ingot-opt %s --split-input-file --ingot-compute-requant-params --ingot-convert-graph-to-kernel --verify-diagnostics | FileCheck %s

// Tests the kernels and parameters of the data-movement operators.

// SLICE of 4x5 at (1, 2) to 2x3: row-major steps (5, 1), offset
// 1 * 5 + 2 * 1 = 7.

// CHECK-LABEL: func.func @slice
func.func @slice(%x: tensor<4x5xf32>) -> tensor<2x3xf32> {
  // CHECK: kernel.call "strided_copy"
  // CHECK-SAME: args = [2 : i32, array<i32: 2, 3>, array<i32: 5, 1>, 7 : i32]
  %0 = graph.slice %x {begin = array<i64: 1, 2>} : (tensor<4x5xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// REVERSE_V2 of 2x3x4 along axis 1: steps (12, -4, 1), offset (3 - 1) * 4.

// CHECK-LABEL: func.func @reverse
func.func @reverse(%x: tensor<2x3x4xi1>) -> tensor<2x3x4xi1> {
  // CHECK: kernel.call "strided_copy"
  // CHECK-SAME: args = [3 : i32, array<i32: 2, 3, 4>, array<i32: 12, -4, 1>, 8 : i32]
  %0 = graph.reverse %x {axes = array<i64: 1>} : (tensor<2x3x4xi1>) -> tensor<2x3x4xi1>
  return %0 : tensor<2x3x4xi1>
}

// -----

// BROADCAST_TO 3x1 -> 2x3x4: the input is 1x3x1 right-aligned, so its steps
// are 0 along the broadcast dimensions and 1 along the 3.

// CHECK-LABEL: func.func @broadcast_to
func.func @broadcast_to(%x: tensor<3x1xi32>) -> tensor<2x3x4xi32> {
  // CHECK: kernel.call "strided_copy"
  // CHECK-SAME: args = [3 : i32, array<i32: 2, 3, 4>, array<i32: 0, 1, 0>, 0 : i32]
  %0 = graph.broadcast_to %x : (tensor<3x1xi32>) -> tensor<2x3x4xi32>
  return %0 : tensor<2x3x4xi32>
}

// -----

// STRIDED_SLICE of 6x4, rows 5 down to 1 by -2 (5, 3, 1) and all columns
// (end_mask bit 1): start (5, 0), steps (-2 * 4, 1), offset 5 * 4 = 20.

// CHECK-LABEL: func.func @strided_slice
func.func @strided_slice(%x: tensor<6x4x!quant.uniform<i8:f32, 0.5:3>>) -> tensor<3x4x!quant.uniform<i8:f32, 0.5:3>> {
  // CHECK: kernel.call "strided_copy"
  // CHECK-SAME: args = [2 : i32, array<i32: 3, 4>, array<i32: -8, 1>, 20 : i32]
  %0 = graph.strided_slice %x {begin = array<i64: 5, 0>, end = array<i64: 0, 0>, strides = array<i64: -2, 1>, begin_mask = 0, end_mask = 2, ellipsis_mask = 0, new_axis_mask = 0, shrink_axis_mask = 0, offset = false} : (tensor<6x4x!quant.uniform<i8:f32, 0.5:3>>) -> tensor<3x4x!quant.uniform<i8:f32, 0.5:3>>
  return %0 : tensor<3x4x!quant.uniform<i8:f32, 0.5:3>>
}

// -----

// CONCATENATION of 2x3x5 and 2x4x5 on axis 1: 2 outer rows, 5 inner
// elements, 3 and 4 along the axis.

// CHECK-LABEL: func.func @concatenation
func.func @concatenation(%a: tensor<2x3x5xf32>, %b: tensor<2x4x5xf32>) -> tensor<2x7x5xf32> {
  // CHECK: kernel.call "concatenation"
  // CHECK-SAME: args = [2 : i32, 5 : i32, array<i32: 3, 4>]
  %0 = graph.concatenation %a, %b {axis = 1 : i64, fused_activation = #graph<activation none>} : (tensor<2x3x5xf32>, tensor<2x4x5xf32>) -> tensor<2x7x5xf32>
  return %0 : tensor<2x7x5xf32>
}

// -----

// int8 PAD pads with the output zero point (-5); PADV2 with its constant.

// CHECK-LABEL: func.func @pad
func.func @pad(%x: tensor<2x3x!quant.uniform<i8:f32, 0.5:-5>>) -> (tensor<3x5x!quant.uniform<i8:f32, 0.5:-5>>, tensor<2x4x!quant.uniform<i8:f32, 0.5:-5>>) {
  // CHECK: kernel.call "pad"
  // CHECK-SAME: args = [2 : i32, array<i32: 2, 3>, array<i32: 1, 0>, array<i32: 0, 2>, -5 : i32]
  %0 = graph.pad %x {paddings = array<i64: 1, 0, 0, 2>} : (tensor<2x3x!quant.uniform<i8:f32, 0.5:-5>>) -> tensor<3x5x!quant.uniform<i8:f32, 0.5:-5>>
  // CHECK: kernel.call "pad"
  // CHECK-SAME: 7 : i32]
  %1 = graph.pad %x {paddings = array<i64: 0, 0, 1, 0>, constant = 7 : i64} : (tensor<2x3x!quant.uniform<i8:f32, 0.5:-5>>) -> tensor<2x4x!quant.uniform<i8:f32, 0.5:-5>>
  return %0, %1 : tensor<3x5x!quant.uniform<i8:f32, 0.5:-5>>, tensor<2x4x!quant.uniform<i8:f32, 0.5:-5>>
}

// -----

// DEPTH_TO_SPACE of 1x2x3x8 by 2 (output depth 2): the output viewed as
// [1, 2, 2, 3, 2, 2] reads the input with steps (48, 24, 4, 8, 2, 1).

// CHECK-LABEL: func.func @depth_to_space
func.func @depth_to_space(%x: tensor<1x2x3x8xf32>) -> tensor<1x4x6x2xf32> {
  // CHECK: kernel.call "strided_copy"
  // CHECK-SAME: args = [6 : i32, array<i32: 1, 2, 2, 3, 2, 2>, array<i32: 48, 24, 4, 8, 2, 1>, 0 : i32]
  %0 = graph.space_to_depth %x {block_size = 2 : i64, inverse = true} : (tensor<1x2x3x8xf32>) -> tensor<1x4x6x2xf32>
  return %0 : tensor<1x4x6x2xf32>
}

// -----

// GATHER of 3x10x4 params on axis 1 by 2x3 indices: outer 3, axis 10,
// inner 4, 6 coordinates, one batch.

// CHECK-LABEL: func.func @gather
func.func @gather(%p: tensor<3x10x4xf32>, %i: tensor<2x3xi32>) -> tensor<3x2x3x4xf32> {
  // CHECK: kernel.call "gather"
  // CHECK-SAME: args = [1 : i32, 3 : i32, 10 : i32, 4 : i32, 6 : i32]
  %0 = graph.gather %p, %i {axis = 1 : i64, batch_dims = 0 : i64} : (tensor<3x10x4xf32>, tensor<2x3xi32>) -> tensor<3x2x3x4xf32>
  return %0 : tensor<3x2x3x4xf32>
}

// -----

// Hybrid EMBEDDING_LOOKUP: int8 rows of 6 times the params scale 0.25.

// CHECK-LABEL: func.func @embedding_lookup_hybrid
func.func @embedding_lookup_hybrid(%p: tensor<10x6x!quant.uniform<i8:f32, 0.25>>, %i: tensor<4xi32>) -> tensor<4x6xf32> {
  // CHECK: kernel.call "gather_dequantize"
  // CHECK-SAME: args = [10 : i32, 6 : i32, 4 : i32, 2.500000e-01 : f32]
  %0 = graph.gather %p, %i {axis = 0 : i64, batch_dims = 0 : i64} : (tensor<10x6x!quant.uniform<i8:f32, 0.25>>, tensor<4xi32>) -> tensor<4x6xf32>
  return %0 : tensor<4x6xf32>
}

// -----

// RESIZE_NEAREST_NEIGHBOR 4x2 -> 8x3 without align_corners: scales 0.5 and
// 2/3, sources floor(y * 0.5) = 0 0 1 1 2 2 3 3 and floor(x * 2/3) = 0 0 1.

// CHECK-LABEL: func.func @resize_nearest
func.func @resize_nearest(%x: tensor<1x4x2x3xi16>) -> tensor<1x8x3x3xi16> {
  // CHECK: kernel.call "resize_nearest"
  // CHECK-SAME: args = [1 : i32, 4 : i32, 2 : i32, 3 : i32, 8 : i32, 3 : i32, array<i32: 0, 0, 1, 1, 2, 2, 3, 3>, array<i32: 0, 0, 1>]
  %0 = graph.resize %x {nearest = true, align_corners = false, half_pixel_centers = false} : (tensor<1x4x2x3xi16>) -> tensor<1x8x3x3xi16>
  return %0 : tensor<1x8x3x3xi16>
}

// -----

func.func @concatenation_requantizes(%a: tensor<2x3x!quant.uniform<i8:f32, 0.5:1>>, %b: tensor<2x3x!quant.uniform<i8:f32, 0.25:1>>) -> tensor<4x3x!quant.uniform<i8:f32, 0.5:1>> {
  // expected-error @+1 {{output quantization that differs from its input's}}
  %0 = graph.concatenation %a, %b {axis = 0 : i64, fused_activation = #graph<activation none>} : (tensor<2x3x!quant.uniform<i8:f32, 0.5:1>>, tensor<2x3x!quant.uniform<i8:f32, 0.25:1>>) -> tensor<4x3x!quant.uniform<i8:f32, 0.5:1>>
  return %0 : tensor<4x3x!quant.uniform<i8:f32, 0.5:1>>
}

// -----

// Found by the coverage-guided fuzzer: a float RESIZE_BILINEAR to 14,483,464
// rows made a 347 MB C++ file of per-row tables. Extents of 2^16 and more
// are refused, for every RESIZE type.
func.func @resize_too_tall(%x: tensor<1x2x10x3xf32>) -> tensor<1x14483464x10x3xf32> {
  // expected-error @+1 {{has a spatial extent of 2^16 or more; ingot's resize tables hold one entry per output row and column}}
  %0 = graph.resize %x {nearest = false, align_corners = false, half_pixel_centers = false} : (tensor<1x2x10x3xf32>) -> tensor<1x14483464x10x3xf32>
  return %0 : tensor<1x14483464x10x3xf32>
}

// -----

func.func @resize_nearest_just_below_the_limit(%x: tensor<1x1x1x1xi8>) -> tensor<1x65535x1x1xi8> {
  // CHECK: kernel.call "resize_nearest"
  %0 = graph.resize %x {nearest = true, align_corners = false, half_pixel_centers = false} : (tensor<1x1x1x1xi8>) -> tensor<1x65535x1x1xi8>
  return %0 : tensor<1x65535x1x1xi8>
}
